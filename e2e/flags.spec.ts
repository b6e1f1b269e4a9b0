import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// Feature flags in the browser: a company admin switches the dashboard's "upcoming appointments"
// card off for the company (and back); a platform admin also edits definitions and creates flags.

const FLAG = "dashboard.upcoming_appointments";

/** The account's saved session (e2e/auth.setup.ts): these tests are not about signing in. */
async function signInAndPickCompany(page: Page, email: string) {
  await resumeSession(page, email);
}

async function setOverride(page: Page, key: string, value: "inherit" | "on" | "off") {
  await page.getByTestId(`flag-override-${key}-${value}`).click();
  await expect(page.getByTestId(`flag-override-${key}`)).toHaveAttribute("data-value", value);
}

test.describe("[FLAGS] feature flags page and the flagged dashboard card", () => {
  test("the company admin switches the upcoming-appointments card off for the company and back", async ({ page }) => {
    await signInAndPickCompany(page, "inhaberin@schnittkunst.de");
    await chooseLocale(page, "de");
    await expect(page.getByTestId("upcoming-appointments")).toBeVisible();

    await page.goto("/settings");
    await page.getByTestId("settings-tab-flags").click();
    await expect(page).toHaveURL(/\/settings\/flags$/);
    await expect(page.getByTestId("page-title")).toHaveText("Funktionsschalter");
    const row = page.getByTestId(`flag-row-${FLAG}`);
    await expect(row).toBeVisible();
    await expect(page.getByTestId(`flag-global-${FLAG}`)).toContainText("An");
    await expect(page.getByTestId(`flag-override-${FLAG}`)).toHaveAttribute("data-value", "inherit");
    await expect(page.getByTestId(`flag-effective-${FLAG}`)).toHaveAttribute("data-enabled", "true");
    // The seeded flags are listed; a company admin cannot touch definitions.
    await expect(page.getByTestId("flag-row-voice.live_booking")).toBeVisible();
    await expect(page.getByTestId("flag-row-reports.scheduled_email")).toBeVisible();
    await expect(page.getByTestId("flag-create")).toHaveCount(0);
    await expect(page.locator('[data-testid^="flag-edit-"]')).toHaveCount(0);

    await setOverride(page, FLAG, "off");
    await expect(page.getByTestId(`flag-effective-${FLAG}`)).toHaveAttribute("data-enabled", "false");
    await expect(page.getByTestId(`flag-effective-${FLAG}`)).toContainText("Durch Ihre Einstellung");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "flags-de");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "flags-mobile-de");
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto("/dashboard");
    await expect(page.getByTestId("page-title")).toBeVisible();
    await expect(page.locator('[data-testid^="stat-"]').first()).toBeVisible();
    await expect(page.getByTestId("upcoming-appointments")).toHaveCount(0);

    await page.goto("/settings/flags");
    await setOverride(page, FLAG, "inherit");
    await expect(page.getByTestId(`flag-effective-${FLAG}`)).toHaveAttribute("data-enabled", "true");
    await page.goto("/dashboard");
    await expect(page.getByTestId("upcoming-appointments")).toBeVisible();

    // Both changes are in the audit trail of the company's override (written by the triggers).
    await page.goto("/settings/flags");
    await page.getByTestId(`flag-history-${FLAG}`).click();
    await expect(page).toHaveURL(/\/settings\/audit\?table=feature_flag_overrides/);
    await expect(page.getByTestId("audit-entry")).toHaveCount(2);

    await page.goto("/settings/flags");
    await chooseLocale(page, "en");
    await expect(page.getByTestId("page-title")).toHaveText("Feature flags");
    await expect(page.getByTestId(`flag-effective-${FLAG}`)).toContainText("By the global default");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "flags-en");
    await chooseLocale(page, "de");
  });

  test("the platform admin creates a flag (bad key first) and edits its definition", async ({ page }) => {
    await signInAndPickCompany(page, "admin@askproai.de");
    await page.goto("/settings/flags");
    await chooseLocale(page, "de");
    const form = page.getByTestId("flag-create-form");
    await expect(form).toBeVisible();

    await page.getByTestId("flag-create-form-key").fill("Bad Key");
    await page.getByTestId("flag-create-form-rollout").fill("150");
    await page.getByTestId("flag-create-form-submit").click();
    await expect(page.getByTestId("flag-create-form-key-error")).toContainText("Nur Kleinbuchstaben");
    await expect(page.getByTestId("flag-create-form-rolloutPercentage-error")).toContainText("0 bis 100");
    // What was typed stays.
    await expect(page.getByTestId("flag-create-form-key")).toHaveValue("Bad Key");

    await page.getByTestId("flag-create-form-key").fill("e2e.week_view");
    await page.getByTestId("flag-create-form-rollout").fill("30");
    await page.getByTestId("flag-create-form-description").fill("Wochenansicht im Kalender");
    await page.getByTestId("flag-create-form-submit").click();
    const row = page.getByTestId("flag-row-e2e.week_view");
    await expect(row).toBeVisible();
    await expect(row).toContainText("Wochenansicht im Kalender");
    await expect(row).toContainText("Vom Code noch nicht abgefragt");
    await expect(page.getByTestId("flag-global-e2e.week_view")).toContainText("30 %");
    await expect(page.getByTestId("flag-create-form-key")).toHaveValue("");

    // The same key again: refused on the field.
    await page.getByTestId("flag-create-form-key").fill("e2e.week_view");
    await page.getByTestId("flag-create-form-rollout").fill("0");
    await page.getByTestId("flag-create-form-submit").click();
    await expect(page.getByTestId("flag-create-form-key-error")).toContainText("schon vergeben");

    await page.getByTestId("flag-edit-e2e.week_view").click();
    const edit = page.getByTestId("flag-definition-form-e2e.week_view");
    await edit.getByTestId("flag-definition-form-e2e.week_view-default").check();
    await edit.getByTestId("flag-definition-form-e2e.week_view-submit").click();
    await expect(edit).toHaveCount(0);
    await expect(page.getByTestId("flag-global-e2e.week_view")).toContainText("Für alle Firmen an");
    await expect(page.getByTestId("flag-effective-e2e.week_view")).toHaveAttribute("data-enabled", "true");
    await page.getByTestId("flag-edit-e2e.week_view").click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "flags-platform-de");
  });

  test("a viewer cannot open the page (403) and has no tab for it", async ({ page }) => {
    await signInAndPickCompany(page, "ansicht@schnittkunst.de");
    const response = await page.goto("/settings/flags");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("flag-list")).toHaveCount(0);
    await page.goto("/settings");
    await expect(page.getByTestId("settings-tab-flags")).toHaveCount(0);
  });
});
