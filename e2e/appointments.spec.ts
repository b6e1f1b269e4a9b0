import { expect, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The week calendar and an appointment's page: confirm, move (through a suggested free time and
// a refused one), cancel; read-only for a viewer; another branch's appointment is not found for
// a branch manager.

const ADMIN = "inhaberin@schnittkunst.de";

test.describe("[APPOINTMENTS] week calendar and appointment page", () => {
  test("the company admin confirms, moves and cancels an appointment from the calendar", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await page.goto("/appointments");
    await expect(page.getByTestId("week-grid")).toBeVisible();
    await expect(page.getByTestId("calendar-day")).toHaveCount(7);
    await screenshot(page, "appointments-calendar-de");

    // Next week: every appointment lies ahead, so some are booked.
    await page.getByTestId("calendar-next").click();
    await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}/);
    const booked = page.locator('[data-testid="calendar-appointment"][data-status="booked"]');
    await expect(booked.first()).toBeVisible();
    await booked.first().click();
    await expect(page).toHaveURL(/\/appointments\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("appointment-status")).toHaveAttribute("data-status", "booked");

    await page.getByTestId("appointment-confirmed").click();
    await expect(page.getByTestId("appointment-status")).toHaveAttribute("data-status", "confirmed");
    await expect(page.getByTestId("appointment-message")).toBeVisible();

    // A time nobody works (Sunday night) is refused with its reason; nothing changes.
    const before = await page.getByTestId("appointment-when").textContent();
    await page.getByTestId("appointment-date").fill("2030-06-02");
    await page.getByTestId("appointment-time").fill("03:00");
    await page.getByTestId("appointment-reschedule-submit").click();
    await expect(page.getByTestId("appointment-message")).toContainText(/Arbeitszeit|working hours/);
    await expect(page.getByTestId("appointment-when")).toHaveText(before ?? "");

    // A suggested free time works.
    await page.getByTestId("appointment-suggestion").first().click();
    await page.getByTestId("appointment-reschedule-submit").click();
    await expect(page.getByTestId("appointment-message")).toContainText(/verschoben|moved/);
    await expect(page.getByTestId("appointment-when")).not.toHaveText(before ?? "");
    // The page refreshes itself after the move: let it settle before the next form.
    await expect(page.getByTestId("appointment-reschedule-submit")).toBeEnabled();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "appointment-detail-de");

    await page.getByTestId("appointment-cancel-reason").fill("Kundin hat abgesagt");
    await page.getByTestId("appointment-cancel").click();
    await expect(page.getByTestId("appointment-cancel-confirm")).toBeEnabled();
    await page.getByTestId("appointment-cancel-confirm").click();
    await expect(page.getByTestId("appointment-status")).toHaveAttribute("data-status", "cancelled");
    await expect(page.getByTestId("appointment-cancellation-reason")).toHaveText("Kundin hat abgesagt");
    await expect(page.getByTestId("appointment-reschedule")).toHaveCount(0);

    await page.getByTestId("appointment-back").click();
    await expect(page.getByTestId("week-grid")).toBeVisible();
    await chooseLocale(page, "en");
    await expect(page.getByTestId("page-title")).toHaveText("Appointments");
    await screenshot(page, "appointments-calendar-en");
    await chooseLocale(page, "de");
  });

  test("a viewer sees the calendar and an appointment read-only", async ({ page }) => {
    await resumeSession(page, "ansicht@schnittkunst.de");
    await page.goto("/appointments");
    const first = page.getByTestId("calendar-appointment").first();
    await expect(first).toBeVisible();
    await first.click();
    await expect(page.getByTestId("appointment-read-only")).toBeVisible();
    await expect(page.getByTestId("appointment-confirmed")).toHaveCount(0);
  });

  test("a branch manager sees only their branch; another branch's appointment is not found", async ({ page, browser }) => {
    // The Mitte branch's first appointment, as the company admin sees it.
    const adminPage = await (await browser.newContext()).newPage();
    await resumeSession(adminPage, ADMIN);
    await adminPage.goto("/appointments");
    const options = await adminPage.locator("#branch option").allTextContents();
    const mitte = options.findIndex((o) => /Mitte/.test(o));
    expect(mitte).toBeGreaterThanOrEqual(0);
    await adminPage.locator("#branch").selectOption({ index: mitte });
    await adminPage.getByTestId("calendar-show").click();
    await expect(adminPage.locator("#branch option:checked")).toHaveText(/Mitte/);
    const href = await adminPage.getByTestId("calendar-appointment").first().getAttribute("href");
    expect(href).toMatch(/^\/appointments\//);
    await adminPage.context().close();

    await resumeSession(page, "filiale@schnittkunst.de");
    await page.goto("/appointments");
    await expect(page.locator("#branch option")).toHaveCount(1);
    await expect(page.locator("#branch option")).toHaveText(/Prenzlauer Berg/);
    const response = await page.goto(href!);
    expect(response?.status()).toBe(404);
  });

  test("malformed calendar parameters are ignored, an unknown appointment id is a 404", async ({ page }) => {
    await resumeSession(page, ADMIN);
    const response = await page.goto("/appointments?week=2026-13-45&branch=nope&staff=%27");
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("week-grid")).toBeVisible();
    expect((await page.goto("/appointments/not-a-uuid"))?.status()).toBe(404);
    expect((await page.goto("/appointments/00000000-0000-7000-8000-000000000000"))?.status()).toBe(404);
  });
});
