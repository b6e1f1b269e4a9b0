import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The customer pages beyond the list: create (with an inline phone error first), the detail page
// with its history, the GDPR export as a JSON download, merging a duplicate and the GDPR erasure,
// all as the company admin. Every run creates its own customers (unique names and numbers), so it
// can run against a database that earlier runs left customers in. Every customer a test creates
// is soft-deleted afterwards: e2e/customers.spec.ts (which runs after this file) counts the seeded
// 80 live customers.

const ADMIN = "inhaberin@schnittkunst.de";
const UUID_PATH = /\/customers\/([0-9a-f-]{36})$/;

const suffix = () => Math.random().toString(36).slice(2, 8);
const uniquePhone = () => `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

type Export = {
  format: string;
  customer: { id: string; firstName: string; lastName: string; phone: string | null; email: string | null; notes: string | null };
  mergedRecords: { id: string }[];
  appointments: { id: string; status: string; service: string; branch: string }[];
  calls: unknown[];
};

/** Customers made by the running test, deleted again in afterEach. */
const created: string[] = [];

test.afterEach(async ({ page }) => {
  for (const id of created.splice(0)) {
    await page.goto(`/customers/${id}`);
    const remove = page.getByTestId("customer-delete");
    if (await remove.isVisible()) {
      await remove.click();
      await expect(page.getByTestId("customer-restore")).toBeVisible();
    }
  }
});

async function createCustomer(page: Page, fields: { firstName: string; lastName: string; phone?: string; email?: string; notes?: string }) {
  await page.goto("/customers/new");
  await page.getByTestId("customer-form-firstName").fill(fields.firstName);
  await page.getByTestId("customer-form-lastName").fill(fields.lastName);
  if (fields.phone) await page.getByTestId("customer-form-phone").fill(fields.phone);
  if (fields.email) await page.getByTestId("customer-form-email").fill(fields.email);
  if (fields.notes) await page.getByTestId("customer-form-notes").fill(fields.notes);
  await page.getByTestId("customer-form-submit").click();
  await expect(page).toHaveURL(UUID_PATH);
  const id = page.url().match(UUID_PATH)![1]!;
  created.push(id);
  return id;
}

async function downloadExport(page: Page): Promise<{ name: string; data: Export }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("customer-export").click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), data: JSON.parse(readFileSync(path!, "utf8")) as Export };
}

test.describe("[CUSTOMERS] detail, merge, GDPR export and erasure", () => {
  test("company admin creates a customer after an inline phone error, opens it and downloads the GDPR export", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");
    await page.goto("/customers");
    await page.getByTestId("customers-new").click();
    await expect(page).toHaveURL(/\/customers\/new$/);

    const lastName = `Probe-${suffix()}`;
    await page.getByTestId("customer-form-firstName").fill("Greta");
    await page.getByTestId("customer-form-lastName").fill(lastName);
    await page.getByTestId("customer-form-phone").fill("12ab");
    await page.getByTestId("customer-form-submit").click();
    await expect(page.getByTestId("customer-form-phone-error")).toBeVisible();
    await expect(page.getByTestId("customer-form-phone")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/customers\/new$/);
    // What was typed stays in the form.
    await expect(page.getByTestId("customer-form-lastName")).toHaveValue(lastName);
    await screenshot(page, "customer-new-error-de");

    const phone = uniquePhone();
    await page.getByTestId("customer-form-phone").fill(`0${phone.slice(3, 6)} ${phone.slice(6)}`);
    await page.getByTestId("customer-form-email").fill(`greta.${lastName.toLowerCase()}@example.test`);
    await page.getByTestId("customer-form-notes").fill("Mag Kräutertee");
    await page.getByTestId("customer-form-submit").click();
    await expect(page).toHaveURL(UUID_PATH);
    const id = page.url().match(UUID_PATH)![1]!;
    created.push(id);
    await expect(page.getByTestId("customer-name")).toHaveText(`Greta ${lastName}`);
    await expect(page.getByTestId("customer-phone")).toHaveText(phone);
    await expect(page.getByTestId("customer-notes")).toHaveText("Mag Kräutertee");
    await expect(page.getByTestId("customer-appointments-upcoming")).toBeVisible();

    // The refused attempt saved nothing: exactly one customer of that name.
    await page.goto(`/customers?q=${encodeURIComponent(lastName)}`);
    await expect(page.getByTestId("data-table-row")).toHaveCount(1);
    await page.goto(`/customers/${id}`);

    // Edit: a malformed phone is refused inline as well.
    await page.getByTestId("customer-edit").click();
    await expect(page).toHaveURL(new RegExp(`/customers/${id}/edit$`));
    await page.getByTestId("customer-form-phone").fill("12ab");
    await page.getByTestId("customer-form-submit").click();
    await expect(page.getByTestId("customer-form-phone-error")).toBeVisible();
    await page.getByTestId("customer-form-cancel").click();
    await expect(page.getByTestId("customer-phone")).toHaveText(phone);

    const { name, data } = await downloadExport(page);
    expect(name).toMatch(new RegExp(`^customer-${id}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    expect(data.format).toBe("askproai.customer-export.v1");
    expect(data.customer).toMatchObject({ id, firstName: "Greta", lastName, phone, notes: "Mag Kräutertee" });
    expect(data.appointments).toEqual([]);
    await screenshot(page, "customer-detail-new-de");
  });

  test("the GDPR export of a seeded customer holds their appointments with service, branch and status", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await page.goto("/customers?sort=name.asc");
    await page.getByTestId("customer-name").first().click();
    await expect(page).toHaveURL(UUID_PATH);
    const shown = await page.getByTestId("customer-appointment").evaluateAll((els) => els.map((el) => el.getAttribute("data-appointment-id")));
    expect(shown.length).toBeGreaterThan(0);
    await screenshot(page, "customer-detail-history-de");
    const { data } = await downloadExport(page);
    const exported = data.appointments.map((a) => a.id);
    for (const appointmentId of shown) expect(exported).toContain(appointmentId);
    expect(data.appointments[0]).toMatchObject({ status: expect.any(String), service: expect.any(String), branch: expect.any(String) });
    // An appointment in the history opens its page.
    await page.getByTestId("customer-appointment").first().click();
    await expect(page).toHaveURL(/\/appointments\/[0-9a-f-]{36}$/);
  });

  test("company admin merges a duplicate into a customer, then erases the customer", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");
    const tag = suffix();
    const keepPhone = uniquePhone();
    const dupPhone = uniquePhone();
    const dupEmail = `doppelt.${tag}@example.test`;
    const keepId = await createCustomer(page, { firstName: "Helga", lastName: `Haupt-${tag}`, phone: keepPhone });
    const dupId = await createCustomer(page, { firstName: "Helga", lastName: `Doppelt-${tag}`, phone: dupPhone, email: dupEmail, notes: "Kommt mit Hund" });

    await page.goto(`/customers/${keepId}`);
    await expect(page.getByTestId("customer-email")).toHaveText("—");
    await page.getByTestId("customer-merge").click();
    await page.getByTestId("customer-merge-search").fill(dupPhone);
    await page.getByTestId("customer-merge-search-submit").click();
    await expect(page.getByTestId("customer-merge-pick")).toHaveCount(1);
    await page.getByTestId("customer-merge-pick").click();
    await expect(page.getByTestId("customer-merge-keep")).toHaveText(`Helga Haupt-${tag}`);
    await expect(page.getByTestId("customer-merge-duplicate")).toHaveText(`Helga Doppelt-${tag}`);
    await screenshot(page, "customer-merge-confirm-de");
    await page.getByTestId("customer-merge-confirm").click();
    await expect(page.getByTestId("customer-message")).toBeVisible();
    await expect(page.getByTestId("customer-merge-dialog")).toHaveCount(0);
    // The kept customer got the duplicate's empty fields; its own phone stays.
    await expect(page.getByTestId("customer-email")).toHaveText(dupEmail);
    await expect(page.getByTestId("customer-phone")).toHaveText(keepPhone);
    await expect(page.getByTestId("customer-notes")).toHaveText("Kommt mit Hund");

    // The duplicate is gone from the list and points at the kept customer.
    await page.goto(`/customers?q=${encodeURIComponent(dupPhone)}`);
    await expect(page.getByTestId("data-table-empty")).toBeVisible();
    await page.goto(`/customers/${dupId}`);
    await expect(page.getByTestId("customer-merged-into")).toBeVisible();
    await page.getByTestId("customer-merged-into").getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/customers/${keepId}$`));

    // GDPR erasure: typed confirmation, then the person is gone.
    await page.getByTestId("customer-erase").click();
    await expect(page.getByTestId("customer-erase-confirm")).toBeDisabled();
    await page.getByTestId("customer-erase-confirmation").fill("Helga");
    await expect(page.getByTestId("customer-erase-confirm")).toBeDisabled();
    await page.getByTestId("customer-erase-confirmation").fill(`Helga Haupt-${tag}`);
    await screenshot(page, "customer-erase-confirm-de");
    await page.getByTestId("customer-erase-confirm").click();
    await expect(page.getByTestId("customer-erased")).toBeVisible();
    await expect(page.getByTestId("customer-phone")).toHaveText("—");
    await expect(page.getByTestId("customer-email")).toHaveText("—");
    await expect(page.getByTestId("customer-notes")).toHaveText("—");
    await expect(page.getByTestId("customer-edit")).toHaveCount(0);
    await screenshot(page, "customer-erased-de");

    for (const number of [keepPhone, dupPhone]) {
      await page.goto(`/customers?q=${encodeURIComponent(number)}`);
      await expect(page.getByTestId("data-table-empty")).toBeVisible();
    }
    await page.goto(`/customers/${keepId}`);
    const { data } = await downloadExport(page);
    expect(JSON.stringify(data)).not.toContain("Helga");
    expect(JSON.stringify(data)).not.toContain(keepPhone);
    expect(data.mergedRecords.map((r) => r.id)).toEqual([dupId]);
  });

  test("malformed and foreign ids are not found; the viewer gets no actions and no export", async ({ page, browser }) => {
    await resumeSession(page, ADMIN);
    const id = await createCustomer(page, { firstName: "Fremd", lastName: `Test-${suffix()}` });
    expect((await page.goto("/customers/not-a-uuid"))?.status()).toBe(404);
    expect((await page.goto("/customers/not-a-uuid/edit"))?.status()).toBe(404);
    expect((await page.request.get("/customers/not-a-uuid/export.json")).status()).toBe(404);

    const other = await browser.newContext();
    const physio = await other.newPage();
    await resumeSession(physio, "praxis@physio-isartor.de");
    expect((await physio.goto(`/customers/${id}`))?.status()).toBe(404);
    expect((await physio.request.get(`/customers/${id}/export.json`)).status()).toBe(404);
    await other.close();

    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await resumeSession(viewer, "ansicht@schnittkunst.de");
    await viewer.goto(`/customers/${id}`);
    await expect(viewer.getByTestId("customer-name")).toBeVisible();
    await expect(viewer.getByTestId("customer-actions")).toHaveCount(0);
    await expect(viewer.getByTestId("customer-edit")).toHaveCount(0);
    expect((await viewer.request.get(`/customers/${id}/export.json`)).status()).toBe(403);
    await viewerContext.close();
  });
});
