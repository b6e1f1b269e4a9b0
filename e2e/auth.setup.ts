import { test as setup } from "@playwright/test";
import { DEMO_USERS, resetTotpLedger, saveAuthState, signInToDashboard } from "./support";

// Signs every demo account in once per run (the admins with a TOTP code) and saves the session
// under .data/e2e-auth[-PORT]/<email>.json; specs whose subject is not sign-in itself resume these
// (support.ts resumeSession) instead of using up a code per test. The platform admin's pick of the
// salon lives in the session token (actingCompanyId), so it is saved too.
setup("sign in the demo accounts and save their sessions", async ({ browser }) => {
  resetTotpLedger();
  for (const user of DEMO_USERS) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInToDashboard(page, user.email);
    await saveAuthState(context, user.email);
    await context.close();
  }
});
