import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, DEMO_USERS, resumeSession, screenshot } from "./support";

// The permission table at work in the browser: the matrix page is for admins only, and no role's
// navigation offers a page that would refuse it.

/** The account's saved session (e2e/auth.setup.ts): these tests are not about signing in. */
async function signInAndPickCompany(page: Page, email: string) {
  await resumeSession(page, email);
}

test.describe("[PERMISSIONS] matrix page and navigation by role", () => {
  for (const email of ["ansicht@schnittkunst.de", "mitarbeiter@schnittkunst.de", "filiale@schnittkunst.de"]) {
    test(`${email} opening /settings/permissions gets the 403 page`, async ({ page }) => {
      await signInAndPickCompany(page, email);
      await chooseLocale(page, "de");
      const response = await page.goto("/settings/permissions");
      expect(response?.status()).toBe(403);
      await expect(page.getByTestId("page-title")).toHaveText("Kein Zugriff");
      await expect(page.getByTestId("permission-matrix")).toHaveCount(0);
      // The settings tabs do not offer it either.
      await page.goto("/settings");
      await expect(page.getByTestId("settings-tab-permissions")).toHaveCount(0);
    });
  }

  test("the company admin sees the matrix, in German and English", async ({ page }) => {
    await signInAndPickCompany(page, "inhaberin@schnittkunst.de");
    await page.goto("/settings");
    await chooseLocale(page, "de");
    await page.getByTestId("settings-tab-permissions").click();
    await expect(page).toHaveURL(/\/settings\/permissions$/);
    await expect(page.getByTestId("page-title")).toHaveText("Berechtigungen");
    const matrix = page.getByTestId("permission-matrix");
    await expect(matrix).toBeVisible();

    // Allowed, denied and branch-limited cells say so to assistive technology too.
    await expect(page.getByTestId("cell-companies:read-platform_admin")).toHaveAttribute("data-scope", "company");
    await expect(page.getByTestId("cell-companies:read-company_admin")).toHaveAttribute("data-scope", "none");
    await expect(page.getByTestId("cell-companies:read-company_admin")).toHaveText("Nicht erlaubt");
    await expect(page.getByTestId("cell-appointments:read-branch_manager")).toHaveText(/Erlaubt.*nur eigene Filialen/);
    await expect(page.getByTestId("cell-customers:delete-staff")).toHaveAttribute("data-scope", "none");
    await expect(page.getByTestId("cell-users:read-viewer")).toHaveAttribute("data-scope", "none");
    await expect(page.getByTestId("matrix-role-company_admin")).toContainText("Ihre Rolle");
    // One group per resource, each with its actions.
    await expect(matrix.locator("tbody")).toHaveCount(19);
    await expect(page.getByTestId("matrix-row-feature_flags:manage")).toContainText("Festlegen");
    await screenshot(page, "permissions-de");

    await chooseLocale(page, "en");
    await expect(page.getByTestId("page-title")).toHaveText("Permissions");
    await expect(page.getByTestId("cell-appointments:read-branch_manager")).toHaveText(/Allowed.*own branches only/);
    await screenshot(page, "permissions-en");
    await chooseLocale(page, "de");
  });

  for (const user of DEMO_USERS) {
    test(`${user.role}: no link in the sidebar or the settings tabs leads to a 403`, async ({ page }) => {
      await signInAndPickCompany(page, user.email);
      const sidebar = page.getByTestId("app-sidebar");
      await expect(sidebar).toBeVisible();
      const hrefs = new Set(await sidebar.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!)));
      await page.goto("/settings");
      const tabs = page.getByTestId("settings-tabs");
      if (await tabs.count()) {
        for (const href of await tabs.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) hrefs.add(href);
      }
      expect(hrefs.size).toBeGreaterThan(3);
      for (const href of hrefs) {
        const response = await page.goto(href);
        expect(response?.status(), `${user.role} → ${href}`).toBeLessThan(400);
        await expect(page.getByTestId("page-title"), `${user.role} → ${href}`).not.toHaveText(/Kein Zugriff|Access denied/);
      }
      if (user.role === "viewer") {
        // Read-only of the business: no invoices, no administration in the navigation.
        expect([...hrefs]).not.toContain("/invoices");
        // Only their own sessions and two-factor sign-in (every role has them).
        expect([...hrefs].filter((h) => h.startsWith("/settings/")).sort()).toEqual(["/settings/sessions", "/settings/two-factor"]);
        await page.goto("/dashboard");
        await screenshot(page, "sidebar-viewer");
      }
    });
  }
});
