import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

// Every user sees their own active sessions and ends the others (identity issue, item 2). The
// viewer account: no other spec changes its password. Other specs leave viewer sessions open,
// among them the shared saved one (e2e/auth.setup.ts), which must live on: so nothing here ends
// "all other" sessions; A ends exactly B's, found by its (Firefox) user agent.

const VIEWER = "ansicht@schnittkunst.de";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

test.describe("[SESSIONS] active sessions", () => {
  test("a session ended on one device is signed out on its next navigation", async ({ browser }) => {
    const a = await browser.newContext();
    const b = await browser.newContext({ userAgent: FIREFOX });
    try {
      const pageA = await a.newPage();
      await signIn(pageA, VIEWER);
      await pageA.waitForURL(/\/dashboard/);
      await pageA.goto("/settings/sessions");
      await expect(pageA.getByTestId("page-title")).toHaveText("Aktive Sitzungen");
      const rows = pageA.getByTestId("session-row");
      const before = await rows.count();
      await expect(pageA.locator('[data-testid="session-row"][data-current="true"]')).toHaveCount(1);

      const pageB = await b.newPage();
      await signIn(pageB, VIEWER);
      await pageB.waitForURL(/\/dashboard/);

      await pageA.reload();
      await expect(rows).toHaveCount(before + 1);
      const current = pageA.locator('[data-testid="session-row"][data-current="true"]');
      const other = pageA
        .locator('[data-testid="session-row"][data-current="false"]')
        .filter({ has: pageA.getByTestId("session-device").getByText("Firefox unter Linux", { exact: true }) });
      await expect(other).toHaveCount(1);
      await expect(current.getByTestId("session-current")).toHaveText("Dieses Gerät");
      await expect(other.getByTestId("session-current")).toHaveCount(0);
      await expect(current.getByTestId("session-end")).toHaveCount(0);
      await expect(other.getByTestId("session-end")).toHaveText("Abmelden");
      await screenshot(pageA, "sessions-de");

      await other.getByTestId("session-end").click();
      await expect(pageA.getByTestId("sessions-message")).toHaveText("Die Sitzung wurde beendet.");
      await expect(rows).toHaveCount(before);
      await expect(current).toHaveCount(1);

      // B's token is still well-formed, but its session has ended.
      await pageB.goto("/dashboard");
      await expect(pageB).toHaveURL(/\/sign-in/);

      // A is still signed in.
      await pageA.goto("/dashboard");
      await expect(pageA).toHaveURL(/\/dashboard/);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
