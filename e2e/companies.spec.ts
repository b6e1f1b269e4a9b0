import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// Companies as the platform admin: create one (with its first branch), see "taken" for a
// duplicate slug, archive it (it leaves the list) and restore it from "show archived". Every run
// uses its own slug, so it can run against a database earlier runs left companies in.

const PLATFORM_ADMIN = "admin@askproai.de";
const suffix = () => Math.random().toString(36).slice(2, 8);

async function fillCompany(page: Page, fields: { name: string; slug: string }) {
  await page.goto("/companies/new");
  await page.getByTestId("company-form-name").fill(fields.name);
  await page.getByTestId("company-form-slug").fill(fields.slug);
  await page.getByTestId("company-form-contactEmail").fill(`kontakt-${fields.slug}@example.test`);
  await page.getByTestId("company-form-contactPhone").fill("030 1234567");
  await page.getByTestId("company-form-plan").selectOption("professional");
  await page.getByTestId("company-form-submit").click();
}

function rowOf(page: Page, slug: string) {
  return page.getByTestId("data-table-row").filter({ has: page.getByTestId("company-slug").getByText(slug, { exact: true }) });
}

test.describe("[COMPANIES] platform admin manages companies", () => {
  test("creates a company, sees 'taken' for a duplicate slug, archives and restores it", async ({ page }) => {
    await resumeSession(page, PLATFORM_ADMIN);
    await chooseLocale(page, "de");
    const slug = `e2e-${suffix()}`;
    const name = `E2E Salon ${slug}`;

    await page.goto("/companies");
    await page.getByTestId("companies-new").click();
    await expect(page).toHaveURL(/\/companies\/new$/);
    await fillCompany(page, { name, slug });
    await expect(page).toHaveURL(/\/companies$/);
    await page.getByTestId("data-table-search").fill(slug);
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(rowOf(page, slug)).toBeVisible();
    await expect(rowOf(page, slug).getByTestId("company-status")).toHaveAttribute("data-status", "trial");

    // The same slug again: an inline field error, nothing saved, the form keeps what was typed.
    await fillCompany(page, { name: `${name} Zwei`, slug });
    await expect(page.getByTestId("company-form-slug-error")).toBeVisible();
    await expect(page.getByTestId("company-form-slug")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/companies\/new$/);
    await expect(page.getByTestId("company-form-name")).toHaveValue(`${name} Zwei`);
    await screenshot(page, "companies-slug-taken-de");

    // Archive: asks first, then the company leaves the list.
    await page.goto(`/companies?q=${slug}`);
    await rowOf(page, slug).getByTestId("company-row-actions").click();
    await page.getByTestId("company-archive").click();
    await expect(page.getByTestId("company-archive-dialog")).toBeVisible();
    await page.getByTestId("company-archive-confirm").click();
    await expect(page.getByTestId("companies-message")).toBeVisible();
    await expect(rowOf(page, slug)).toHaveCount(0);

    // Shown with "show archived", and restored from there.
    await page.getByTestId("companies-show-archived").click();
    await expect(page).toHaveURL(/archived=true/);
    await expect(rowOf(page, slug).getByTestId("company-status")).toHaveAttribute("data-status", "archived");
    await rowOf(page, slug).getByTestId("company-row-actions").click();
    await page.getByTestId("company-restore").click();
    await expect(rowOf(page, slug).getByTestId("company-status")).toHaveAttribute("data-status", "trial");
    await screenshot(page, "companies-restored-de");
  });
});
