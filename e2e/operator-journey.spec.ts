import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The operator's day in one go (issue 4 §6): the company admin creates a service, adds a staff
// member who performs it with Monday–Friday hours, books a seeded customer into the next free slot
// of that staff member, reschedules and cancels the appointment, filters the appointments table
// by that staff member (the filter lands in the URL and survives a reload), exports exactly the
// filtered rows as CSV, and finds the new service through the global search. Everything it makes
// is its own (unique names), so the other specs' seeded data stays as it was.

const ADMIN = "inhaberin@schnittkunst.de";

async function seededCustomer(page: Page): Promise<string> {
  await page.goto("/customers?sort=name.desc");
  return (await page.getByTestId("customer-name").first().locator("span:not([data-slot=avatar])").textContent())!.trim();
}

async function selectByText(page: Page, testId: string, text: string) {
  const select = page.getByTestId(testId);
  await expect(select).toBeEnabled();
  const option = select.locator("option", { hasText: text }).first();
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute("value"))!);
}

test.describe("[JOURNEY] an operator's day", () => {
  test("service → staff with hours → next free slot → reschedule → cancel → filtered list → CSV → search", async ({ page }) => {
    test.setTimeout(180_000);
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");
    const tag = Date.now().toString(36);
    const serviceName = `Journey-Schnitt ${tag}`;
    const customer = await seededCustomer(page);

    // 1. A service of 30 minutes for 40 €.
    await page.goto("/services/new");
    await page.getByTestId("service-form-name").fill(serviceName);
    await page.getByTestId("service-form-durationMinutes").fill("30");
    await page.getByTestId("service-form-price").fill("40");
    await page.getByTestId("service-form-submit").click();
    await page.waitForURL(/\/services\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("service-title")).toHaveText(serviceName);

    // 2. A staff member at Mitte who performs it, Monday–Friday 09:00–17:00 with a lunch break.
    await page.goto("/staff/new");
    await page.getByTestId("staff-form-firstName").fill("Jana");
    await page.getByTestId("staff-form-lastName").fill(`Journey ${tag}`);
    await page.getByTestId("staff-form-branchId").selectOption({ label: "Schnittkunst Mitte" });
    await page.getByTestId("staff-form-submit").click();
    await page.waitForURL(/\/staff\/[0-9a-f-]{36}$/);
    const staffId = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByTestId("staff-service-row").filter({ hasText: serviceName }).locator('[data-testid$="-check"]').click();
    await page.getByTestId("staff-services-submit").click();
    await expect(page.getByTestId("staff-services-message")).toContainText("1 Leistung");
    await page.getByTestId("hours-works-1").click();
    await page.getByTestId("hours-1-0-add-break").click();
    await page.getByTestId("hours-copy-monday").click();
    await page.getByTestId("hours-submit").click();
    await expect(page.getByTestId("hours-message")).toHaveText("Arbeitszeiten gespeichert.");
    await screenshot(page, "journey-staff-de");

    // 3. Booked through the next-free-slot picker.
    await page.goto("/appointments/new");
    await page.getByTestId("appointment-form-branch").selectOption({ label: "Schnittkunst Mitte" });
    await selectByText(page, "appointment-form-service", serviceName);
    await selectByText(page, "appointment-form-staff", `Journey ${tag}`);
    await page.getByTestId("appointment-form-customer-search").fill(customer.split(/\s+/)[0]!);
    await page.getByTestId("appointment-form-customer-option").filter({ hasText: customer }).first().click();
    await expect(page.getByTestId("appointment-form-customer-selected")).toContainText(customer);
    await page.getByTestId("slot-next").click();
    await expect(page.getByTestId("appointment-form-time")).toHaveValue(/^\d{2}:\d{2}$/);
    await screenshot(page, "journey-booking-de");
    await page.getByTestId("appointment-form-submit").click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("appointment-status")).toHaveAttribute("data-status", "booked");
    await expect(page.getByTestId("appointment-staff")).toContainText("Jana");

    // 4. Rescheduled to a suggested free time, then cancelled.
    const before = await page.getByTestId("appointment-when").textContent();
    await page.getByTestId("appointment-suggestion").first().click();
    await page.getByTestId("appointment-reschedule-submit").click();
    await expect(page.getByTestId("appointment-message")).toContainText(/verschoben/);
    await expect(page.getByTestId("appointment-when")).not.toHaveText(before ?? "");
    await expect(page.getByTestId("appointment-reschedule-submit")).toBeEnabled();
    await page.waitForLoadState("networkidle");
    await page.getByTestId("appointment-cancel-reason").fill("Kunde verhindert");
    await page.getByTestId("appointment-cancel").click();
    await page.getByTestId("appointment-cancel-confirm").click();
    await expect(page.getByTestId("appointment-status")).toHaveAttribute("data-status", "cancelled");

    // 5. The list filtered by the new staff member: the URL carries it, a reload keeps it.
    await page.goto("/appointments/list");
    await page.getByTestId("data-table-facet-staff").click();
    await page.getByTestId(`data-table-facet-option-${staffId}`).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(new RegExp(`staff=${staffId}`));
    await expect(page.getByTestId("data-table-row")).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId("data-table-row")).toHaveCount(1);
    await expect(page.getByTestId("data-table-row").first()).toContainText(customer);
    await screenshot(page, "journey-filtered-list-de");

    // 6. The CSV holds exactly that row.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("data-table-export").click()]);
    const lines = readFileSync((await download.path())!, "utf8").slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(serviceName);

    // 7. Global search finds the new service; Enter opens it.
    await page.keyboard.press("Control+K");
    await page.getByTestId("global-search-input").fill(`Journey-Schnitt ${tag}`);
    await expect(page.getByTestId("global-search-group-services").getByTestId("global-search-hit")).toHaveCount(1);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/services\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("service-title")).toHaveText(serviceName);
  });
});
