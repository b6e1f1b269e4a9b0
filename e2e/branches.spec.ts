import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// Branches: the company admin creates a branch of its own (so the seeded branches, whose hours the
// booking specs rely on, stay as they are), edits its weekly opening hours — the inline error for
// a close before its open, an added interval, "copy Monday" — adds a special closing day, sees
// it listed (a second one on the same date is refused inline), removes it, and deletes the branch.

const ADMIN = "inhaberin@schnittkunst.de";

async function saveHours(page: Page) {
  await page.getByTestId("opening-hours-submit").click();
}

test.describe("[BRANCHES] opening hours and closing days", () => {
  test("company admin edits opening hours, sees the close-before-open error, adds and removes a closing day", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");

    // A new branch (Monday to Friday 09:00–18:00 to start with).
    const name = `E2E-Filiale ${Date.now().toString(36)}`;
    await page.goto("/branches/new");
    await expect(page.getByTestId("page-title")).toHaveText("Neue Filiale");
    await page.getByTestId("branch-form-name").fill(name);
    await page.getByTestId("branch-form-city").fill("Berlin");
    await page.getByTestId("branch-form-submit").click();
    await page.waitForURL(/\/branches\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("branch-title")).toHaveText(name);
    const branchPath = new URL(page.url()).pathname;

    // Close before open: refused with the error under that interval; nothing saved.
    await expect(page.getByTestId("opening-hours-1-0-open")).toHaveValue("09:00");
    await page.getByTestId("opening-hours-1-0-close").fill("08:00");
    await saveHours(page);
    await expect(page.getByTestId("opening-hours-1-0-close-error")).toHaveText("Die Schließzeit muss nach der Öffnungszeit liegen.");
    await expect(page.getByTestId("opening-hours-1-0-close")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("opening-hours-message")).toContainText("Bitte prüfen Sie die markierten Öffnungszeiten.");
    await screenshot(page, "branches-hours-error-de");

    // Fixed: a lunch break on Monday, copied to Tuesday–Friday; Saturday opens too.
    await page.getByTestId("opening-hours-1-0-close").fill("13:00");
    await expect(page.getByTestId("opening-hours-1-0-close-error")).toHaveCount(0);
    await page.getByTestId("opening-hours-add-1").click();
    await page.getByTestId("opening-hours-1-1-open").fill("14:00");
    await page.getByTestId("opening-hours-1-1-close").fill("18:30");
    await page.getByTestId("opening-hours-copy-monday").click();
    await page.getByTestId("opening-hours-open-6").click();
    await page.getByTestId("opening-hours-6-0-close").fill("14:00");
    await saveHours(page);
    await expect(page.getByTestId("opening-hours-message")).toHaveText("Öffnungszeiten gespeichert.");

    await page.reload();
    await expect(page.getByTestId("opening-hours-1-0-close")).toHaveValue("13:00");
    await expect(page.getByTestId("opening-hours-5-1-open")).toHaveValue("14:00");
    await expect(page.getByTestId("opening-hours-5-1-close")).toHaveValue("18:30");
    await expect(page.getByTestId("opening-hours-6-0-close")).toHaveValue("14:00");
    await expect(page.getByTestId("opening-hours-7-0-open")).toHaveCount(0);

    // A closing day next year: listed under "upcoming" with its reason.
    const date = `${new Date().getFullYear() + 1}-12-24`;
    await expect(page.getByTestId("closures-none")).toBeVisible();
    await page.getByTestId("closure-form-date").fill(date);
    await page.getByTestId("closure-form-reason").fill("Heiligabend");
    await page.getByTestId("closure-form-submit").click();
    await expect(page.getByTestId("closures-message")).toHaveText("Schließtag eingetragen.");
    const row = page.locator(`[data-testid="closure-row"][data-date="${date}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId("closure-reason")).toHaveText("Heiligabend");
    await expect(row.getByTestId("closure-date")).toContainText("24. Dezember");
    await expect(page.getByTestId("closure-form-date")).toHaveValue("");

    // The same date again: the inline "taken" error, still one row.
    await page.getByTestId("closure-form-date").fill(date);
    await page.getByTestId("closure-form-submit").click();
    await expect(page.getByTestId("closure-form-date-error")).toHaveText("Für diesen Tag ist schon ein Schließtag eingetragen.");
    await expect(page.locator(`[data-testid="closure-row"][data-date="${date}"]`)).toHaveCount(1);
    await screenshot(page, "branches-closures-de");

    // Removed again.
    await row.getByTestId("closure-remove").click();
    await expect(page.getByTestId("closures-message")).toHaveText("Schließtag entfernt.");
    await expect(page.locator(`[data-testid="closure-row"][data-date="${date}"]`)).toHaveCount(0);
    await expect(page.getByTestId("closures-none")).toBeVisible();

    // Clean up: delete the branch (no appointments), it then shows as deleted.
    await page.getByTestId("branch-delete").click();
    await page.getByTestId("branch-delete-confirm").click();
    await expect(page.getByTestId("branch-deleted")).toBeVisible();
    await page.goto("/branches");
    await expect(page.getByTestId("branches-table")).not.toContainText(name);
    await page.goto(branchPath);
    await expect(page.getByTestId("branch-restore")).toBeVisible();
  });
});
