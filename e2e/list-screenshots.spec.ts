import { expect, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// Every list page of the operator portal in German and English, saved under
// test-results/screenshots/lists-<page>-<locale>.png (CI keeps them as artifacts). Each page
// must render its table (or calendar) with rows, a title in the chosen language and no error.

const ADMIN = "inhaberin@schnittkunst.de";
const PLATFORM = "admin@askproai.de";

const pages = [
  { name: "appointments-calendar", path: "/appointments", ready: "week-grid", title: { de: "Termine", en: "Appointments" } },
  { name: "appointments-list", path: "/appointments/list", ready: "data-table-row", title: { de: "Terminliste", en: "Appointment list" } },
  { name: "customers", path: "/customers", ready: "data-table-row", title: { de: "Kunden", en: "Customers" } },
  { name: "staff", path: "/staff", ready: "data-table-row", title: { de: "Mitarbeiter", en: "Staff" } },
  { name: "services", path: "/services", ready: "data-table-row", title: { de: "Leistungen", en: "Services" } },
  { name: "branches", path: "/branches", ready: "data-table-row", title: { de: "Filialen", en: "Branches" } },
  { name: "phone-numbers", path: "/phone-numbers", ready: "data-table-row", title: { de: "Telefonnummern", en: "Phone numbers" } },
  { name: "calls", path: "/calls", ready: "data-table-row", title: { de: "Anrufe", en: "Calls" } },
  { name: "callbacks", path: "/callbacks", ready: "data-table-row", title: { de: "Rückrufe", en: "Callbacks" } },
] as const;

for (const locale of ["de", "en"] as const) {
  test.describe(`[LISTS] every list page in ${locale === "de" ? "German" : "English"}`, () => {
    test(`company admin's list pages (${locale})`, async ({ page }) => {
      await resumeSession(page, ADMIN);
      await chooseLocale(page, locale);
      for (const list of pages) {
        const response = await page.goto(list.path);
        expect(response?.status(), list.path).toBe(200);
        await expect(page.getByTestId("page-title"), list.path).toContainText(list.title[locale]);
        await expect(page.getByTestId(list.ready).first(), list.path).toBeVisible();
        await screenshot(page, `lists-${list.name}-${locale}`);
      }
    });

    test(`platform admin's companies list (${locale})`, async ({ page }) => {
      await resumeSession(page, PLATFORM);
      await chooseLocale(page, locale);
      const response = await page.goto("/companies");
      expect(response?.status()).toBe(200);
      await expect(page.getByTestId("data-table-row").first()).toBeVisible();
      await screenshot(page, `lists-companies-${locale}`);
    });
  });
}
