import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// Staff: the company admin adds a staff member of its own at a branch (the seeded staff, whose
// hours the booking specs rely on, stay as they are), ticks a service, sets Monday–Friday
// 09:00–17:00 with a 12:00–12:30 break (Monday, then "copy Monday"), sees the schedule listed,
// adds a vacation, and deletes the staff member again.

const ADMIN = "inhaberin@schnittkunst.de";

async function firstServiceCheck(page: Page) {
  return page.getByTestId("staff-service-row").first().locator('[data-testid$="-check"]');
}

test.describe("[STAFF] staff member with services, working hours and an absence", () => {
  test("company admin adds a staff member, a service, weekly hours with a break and a vacation", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");

    // A new staff member at the Mitte branch.
    const lastName = `E2E ${Date.now().toString(36)}`;
    await page.goto("/staff/new");
    await expect(page.getByTestId("page-title")).toHaveText("Neuer Mitarbeiter");
    await page.getByTestId("staff-form-firstName").fill("Erika");
    await page.getByTestId("staff-form-lastName").fill(lastName);
    await page.getByTestId("staff-form-branchId").selectOption({ label: "Schnittkunst Mitte" });
    await page.getByTestId("staff-form-submit").click();
    await page.waitForURL(/\/staff\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("staff-title")).toHaveText(`Erika ${lastName}`);
    const staffPath = new URL(page.url()).pathname;

    // One service ticked and saved.
    await (await firstServiceCheck(page)).click();
    await page.getByTestId("staff-services-submit").click();
    await expect(page.getByTestId("staff-services-message")).toHaveText("Leistungen gespeichert (1 Leistung).");

    // Monday 09:00–17:00 with a 12:00–12:30 break, copied to Tuesday–Friday; valid from today.
    await expect(page.getByTestId("hours-none")).toBeVisible();
    await page.getByTestId("hours-works-1").click();
    await expect(page.getByTestId("hours-1-0-start")).toHaveValue("09:00");
    await expect(page.getByTestId("hours-1-0-end")).toHaveValue("17:00");
    await page.getByTestId("hours-1-0-add-break").click();
    await expect(page.getByTestId("hours-1-0-break-0-start")).toHaveValue("12:00");
    await expect(page.getByTestId("hours-1-0-break-0-end")).toHaveValue("12:30");
    await page.getByTestId("hours-copy-monday").click();
    await expect(page.getByTestId("hours-5-0-break-0-end")).toHaveValue("12:30");
    await expect(page.getByTestId("hours-6-0-start")).toHaveCount(0);
    await page.getByTestId("hours-submit").click();
    await expect(page.getByTestId("hours-message")).toHaveText("Arbeitszeiten gespeichert.");

    // Listed as the current schedule.
    const schedule = page.locator('[data-testid="hours-schedule"][data-status="current"]');
    await expect(schedule).toHaveCount(1);
    await expect(schedule.getByTestId("hours-schedule-lines")).toHaveText("Mo–Fr 09:00–17:00 (Pause 12:00–12:30)");
    await page.reload();
    await expect(page.locator('[data-testid="hours-schedule"][data-status="current"]').getByTestId("hours-schedule-lines")).toHaveText(
      "Mo–Fr 09:00–17:00 (Pause 12:00–12:30)",
    );
    await expect(page.getByTestId("hours-3-0-break-0-start")).toHaveValue("12:00");
    await screenshot(page, "staff-hours-de");

    // A vacation next summer (whole days).
    const year = new Date().getFullYear() + 1;
    await page.getByTestId("absence-form-kind").selectOption("vacation");
    await expect(page.getByTestId("absence-form-all-day")).toHaveAttribute("data-state", "checked");
    await page.getByTestId("absence-form-start-date").fill(`${year}-08-03`);
    await page.getByTestId("absence-form-end-date").fill(`${year}-08-07`);
    await page.getByTestId("absence-form-note").fill("Ostsee");
    await page.getByTestId("absence-form-submit").click();
    await expect(page.getByTestId("absences-message")).toHaveText("Abwesenheit gespeichert.");
    const absence = page.locator('[data-testid="absence-row"][data-kind="vacation"]');
    await expect(absence).toHaveCount(1);
    await expect(absence).toContainText("Urlaub");
    await expect(absence).toContainText("Ostsee");
    await expect(absence.getByTestId("absence-when")).toContainText(`3. Aug. ${year}`);
    await screenshot(page, "staff-absence-de");

    // Listed with its service count; then deleted (no appointments) and shown as deleted.
    await page.goto(`/staff?q=${encodeURIComponent(lastName)}`);
    await expect(page.getByTestId("staff-table")).toContainText(`Erika ${lastName}`);
    await expect(page.getByTestId("staff-services-count").first()).toHaveText("1 Leistung");
    await page.goto(staffPath);
    await page.getByTestId("staff-delete").click();
    await page.getByTestId("staff-delete-confirm").click();
    await expect(page.getByTestId("staff-deleted")).toBeVisible();
    await expect(page.getByTestId("staff-restore")).toBeVisible();
  });
});
