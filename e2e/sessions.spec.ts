import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./support";

// Every user sees their own active sessions and ends the others (identity issue, item 2). The
// viewer account: no other spec changes its password. Other specs may leave viewer sessions
// open, so context A first ends every other session, then B signs in.

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
      if (await pageA.getByTestId("sessions-end-others").count()) {
        await pageA.getByTestId("sessions-end-others").click();
        await expect(pageA.getByTestId("sessions-message")).toBeVisible();
      }
      await expect(pageA.getByTestId("session-row")).toHaveCount(1);
      await expect(pageA.getByTestId("sessions-only-this")).toBeVisible();

      const pageB = await b.newPage();
      await signIn(pageB, VIEWER);
      await pageB.waitForURL(/\/dashboard/);

      await pageA.reload();
      const rows = pageA.getByTestId("session-row");
      await expect(rows).toHaveCount(2);
      const current = pageA.locator('[data-testid="session-row"][data-current="true"]');
      const other = pageA.locator('[data-testid="session-row"][data-current="false"]');
      await expect(current.getByTestId("session-current")).toHaveText("Dieses Gerät");
      await expect(other.getByTestId("session-current")).toHaveCount(0);
      await expect(other.getByTestId("session-device")).toHaveText("Firefox unter Linux");
      await expect(current.getByTestId("session-end")).toHaveCount(0);
      await expect(other.getByTestId("session-end")).toHaveText("Abmelden");
      await screenshot(pageA, "sessions-de");

      await other.getByTestId("session-end").click();
      await expect(pageA.getByTestId("sessions-message")).toHaveText("Die Sitzung wurde beendet.");
      await expect(rows).toHaveCount(1);
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
