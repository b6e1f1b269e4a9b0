import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// Services: the company admin creates a service of its own (the seeded ones, which the booking
// specs rely on, stay as they are) — the inline error for a price with three decimals, then
// "35,50" — finds it in the list with its price formatted in German, edits it, deletes it from the
// list's row menu (it leaves the list, "Gelöscht" shows it) and restores it on its page.

const ADMIN = "inhaberin@schnittkunst.de";

const rowOf = (page: Page, name: string) => page.getByTestId("services-table").getByRole("row").filter({ hasText: name });

test.describe("[SERVICES] catalogue", () => {
  test("company admin creates a service, sees the price error, edits, deletes and restores it", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");

    const name = `E2E-Leistung ${Date.now().toString(36)}`;
    await page.goto("/services/new");
    await expect(page.getByTestId("page-title")).toHaveText("Neue Leistung");
    await page.getByTestId("service-form-name").fill(name);
    await page.getByTestId("service-form-durationMinutes").fill("45");
    await page.getByTestId("service-form-bufferAfterMinutes").fill("10");

    // Three decimals: refused inline, nothing created, what was typed stays.
    await page.getByTestId("service-form-price").fill("12,345");
    await page.getByTestId("service-form-submit").click();
    await expect(page.getByTestId("service-form-price-error")).toHaveText("Betrag mit höchstens zwei Nachkommastellen, nicht negativ (z. B. 35,50).");
    await expect(page.getByTestId("service-form-price")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("service-form-message")).toHaveText("Bitte prüfen Sie die markierten Felder.");
    await expect(page).toHaveURL(/\/services\/new$/);
    await expect(page.getByTestId("service-form-name")).toHaveValue(name);
    await screenshot(page, "services-price-error-de");

    // Fixed: created, its page opens.
    await page.getByTestId("service-form-price").fill("35,50");
    await page.getByTestId("service-form-submit").click();
    await page.waitForURL(/\/services\/[0-9a-f-]{36}$/);
    const servicePath = new URL(page.url()).pathname;
    await expect(page.getByTestId("service-title")).toHaveText(name);
    await expect(page.getByTestId("service-summary-price")).toHaveText(/^35,50\s€$/);
    await expect(page.getByTestId("service-form-price")).toHaveValue("35,50");

    // In the list, found by name, price in German.
    await page.goto("/services");
    await page.getByTestId("data-table-search").fill(name);
    // The search reaches the URL after its debounce: wait for it, or it lands after the next click.
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(rowOf(page, name)).toHaveCount(1);
    await expect(rowOf(page, name).getByTestId("service-price")).toHaveText(/^35,50\s€$/);
    await expect(rowOf(page, name).getByTestId("service-duration")).toContainText("45 Min.");

    // Edited from the row menu.
    await rowOf(page, name).getByTestId("service-row-actions").click();
    await page.getByTestId("service-edit").click();
    await page.waitForURL(`**${servicePath}`);
    await page.getByTestId("service-form-price").fill("39");
    await page.getByTestId("service-form-durationMinutes").fill("60");
    await page.getByTestId("service-form-bookableOnline").click();
    await page.getByTestId("service-form-submit").click();
    await expect(page.getByTestId("service-form-message")).toHaveText("Änderungen gespeichert.");
    await expect(page.getByTestId("service-summary-price")).toHaveText(/^39,00\s€$/);
    await expect(page.getByTestId("service-summary-duration")).toHaveText("60 Min.");

    // Deleted from the list's row menu: gone from the list, shown under "Gelöscht".
    await page.goto(`/services?q=${encodeURIComponent(name)}`);
    await expect(rowOf(page, name).getByTestId("service-price")).toHaveText(/^39,00\s€$/);
    await expect(rowOf(page, name).getByTestId("service-channel-online")).toHaveCount(0);
    await rowOf(page, name).getByTestId("service-row-actions").click();
    await page.getByTestId("service-row-delete").click();
    await expect(page.getByTestId("service-delete-dialog")).toBeVisible();
    await page.getByTestId("service-delete-confirm").click();
    await expect(page.getByTestId("services-message")).toHaveText("Leistung gelöscht. Sie können sie jederzeit wiederherstellen.");
    await expect(rowOf(page, name)).toHaveCount(0);
    await page.goto(`/services?q=${encodeURIComponent(name)}&status=deleted`);
    await expect(rowOf(page, name).getByTestId("service-status")).toHaveText("Gelöscht");

    // Restored on its page: editable again, back in the list.
    await page.goto(servicePath);
    await expect(page.getByTestId("service-deleted")).toBeVisible();
    await expect(page.getByTestId("service-form-submit")).toHaveCount(0);
    await page.getByTestId("service-restore").click();
    await expect(page.getByTestId("service-message")).toHaveText("Leistung wiederhergestellt.");
    await expect(page.getByTestId("service-deleted")).toHaveCount(0);
    await expect(page.getByTestId("service-form-submit")).toBeVisible();
    await page.goto(`/services?q=${encodeURIComponent(name)}`);
    await expect(rowOf(page, name).getByTestId("service-status")).toHaveText("Aktiv");

    // Clean up: deleted again, so repeated runs do not fill the demo catalogue.
    await page.goto(servicePath);
    await page.getByTestId("service-delete").click();
    await page.getByTestId("service-delete-confirm").click();
    await expect(page.getByTestId("service-deleted")).toBeVisible();
  });
});
