import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The new-appointment form: branch → service → staff → a seeded customer found by name → the
// highlighted next free slot → booked through createAppointment, landing on the appointment page,
// where a note is added (and deleted). Also: a refused time explains itself inline, the form
// prefills from query parameters, and a viewer has no way in.

const ADMIN = "inhaberin@schnittkunst.de";
const VIEWER = "ansicht@schnittkunst.de";

/** A seeded customer's full name, read from the customers list (the seed's names are random). */
async function seededCustomer(page: Page): Promise<string> {
  await page.goto("/customers?sort=name.asc");
  // The link holds the avatar's initials (aria-hidden) and then the name.
  return (await page.getByTestId("customer-name").first().locator("span:not([data-slot=avatar])").textContent())!.trim();
}

/** Searches by the first name (a name prefix) and picks exactly this customer. */
async function chooseCustomer(page: Page, name: string) {
  await page.getByTestId("appointment-form-customer-search").fill(name.split(/\s+/)[0]!);
  const option = page.getByTestId("appointment-form-customer-option").filter({ hasText: name }).first();
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.getByTestId("appointment-form-customer-selected")).toContainText(name);
}

async function chooseWhat(page: Page, staff: string | null) {
  await page.getByTestId("appointment-form-branch").selectOption({ label: "Schnittkunst Mitte" });
  // The option reads "Herrenhaarschnitt (30 Min.)" / "(30 min)": choose it by its value.
  const service = page.getByTestId("appointment-form-service");
  await expect(service).toBeEnabled();
  const value = await service.locator("option", { hasText: "Herrenhaarschnitt" }).first().getAttribute("value");
  await service.selectOption(value!);
  if (staff) await page.getByTestId("appointment-form-staff").selectOption({ label: staff });
}

test.describe("[APPOINTMENTS] new appointment form", () => {
  test("the company admin books the next free slot for a seeded customer and adds a note", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");
    const customer = await seededCustomer(page);

    await page.goto("/appointments");
    await page.getByTestId("appointment-new").click();
    await expect(page).toHaveURL(/\/appointments\/new/);
    await expect(page.getByTestId("page-title")).toHaveText("Neuer Termin");

    await chooseWhat(page, "Deniz A.");
    await chooseCustomer(page, customer);

    const next = page.getByTestId("slot-next");
    await expect(next).toBeVisible();
    await expect(page.getByTestId("slot-day").first()).toBeVisible();
    await next.click();
    await expect(page.getByTestId("appointment-form-date")).not.toHaveValue("");
    await expect(page.getByTestId("appointment-form-time")).toHaveValue(/^\d{2}:\d{2}$/);
    await expect(page.getByTestId("appointment-form-picked")).toBeVisible();
    await page.getByTestId("appointment-form-notes").fill("Bitte Bart mitmachen");
    await screenshot(page, "appointment-form-de");

    await page.getByTestId("appointment-form-submit").click();
    await expect(page).toHaveURL(/\/appointments\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("appointment-status")).toHaveAttribute("data-status", "booked");
    await expect(page.getByTestId("appointment-staff")).toHaveText("Deniz A.");
    await expect(page.getByTestId("page-title")).toContainText(customer);

    // Notes: an empty one is refused inline; a real one is listed with its author.
    await expect(page.getByTestId("appointment-notes-empty")).toBeVisible();
    await page.getByTestId("appointment-note-submit").click();
    await expect(page.getByTestId("appointment-note-body-error")).toBeVisible();
    await page.getByTestId("appointment-note-input").fill("Kunde ruft vorher an.");
    await page.getByTestId("appointment-note-submit").click();
    const note = page.getByTestId("appointment-note");
    await expect(note).toHaveCount(1);
    await expect(note.getByTestId("appointment-note-body")).toHaveText("Kunde ruft vorher an.");
    await expect(note.getByTestId("appointment-note-author")).toHaveText("Katrin Schneider");
    await expect(page.getByTestId("appointment-note-input")).toHaveValue("");
    await screenshot(page, "appointment-notes-de");

    await note.getByTestId("appointment-note-delete").click();
    await expect(page.getByTestId("appointment-notes-empty")).toBeVisible();
  });

  test("a time nobody works is refused inline in both languages; query parameters prefill", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "en");
    const customer = await seededCustomer(page);
    await page.goto("/appointments/new?date=2030-06-02&time=03:00");
    await expect(page.getByTestId("page-title")).toHaveText("New appointment");
    await expect(page.getByTestId("appointment-form-date")).toHaveValue("2030-06-02");
    await expect(page.getByTestId("appointment-form-time")).toHaveValue("03:00");

    // Submitting with nothing chosen: field errors, no navigation.
    await page.getByTestId("appointment-form-submit").click();
    await expect(page.getByTestId("appointment-form-message")).toHaveAttribute("data-code", "invalid");
    await expect(page.getByTestId("appointment-branch-error")).toBeVisible();
    await expect(page.getByTestId("customer-search-error")).toBeVisible();

    await chooseWhat(page, "Deniz A.");
    await chooseCustomer(page, customer);
    await page.getByTestId("appointment-form-date").fill("2030-06-02");
    await page.getByTestId("appointment-form-time").fill("03:00");
    await page.getByTestId("appointment-form-submit").click();
    await expect(page.getByTestId("appointment-form-message")).toHaveAttribute("data-code", "outside_working_hours");
    await expect(page.getByTestId("appointment-form-message")).toContainText("outside working hours");
    await expect(page).toHaveURL(/\/appointments\/new/);
    await screenshot(page, "appointment-form-refused-en");

    // "Any" staff: the same time is refused for everyone.
    await page.getByTestId("appointment-form-staff").selectOption({ value: "" });
    await page.getByTestId("appointment-form-submit").click();
    await expect(page.getByTestId("appointment-form-message")).toHaveAttribute("data-code", "none_free");
  });

  test("the viewer has no new-appointment button and is refused the page", async ({ page }) => {
    await resumeSession(page, VIEWER);
    await page.goto("/appointments");
    await expect(page.getByTestId("week-grid")).toBeVisible();
    await expect(page.getByTestId("appointment-new")).toHaveCount(0);
    const response = await page.goto("/appointments/new");
    expect(response?.status()).toBe(403);
  });
});
