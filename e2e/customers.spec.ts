import { readFileSync } from "node:fs";
import { type Download, expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The customers list on the data-table kit: search by exact phone in another spelling, URL state
// that survives reload and a new tab, sort, page size, keyset next/previous, column visibility,
// CSV export of the filtered set, roles, tenancy and malformed URLs. The seed gives each demo
// company 80 customers (all created in one transaction: equal created_at, ordered by id).

const ADMIN = "inhaberin@schnittkunst.de";
const SEEDED = 80;

const rows = (page: Page) => page.getByTestId("data-table-row");
const range = (page: Page) => page.getByTestId("data-table-range");

/** The list has settled: no navigation pending. */
async function settled(page: Page) {
  await expect(page.getByTestId("data-table-frame")).not.toHaveAttribute("data-pending", "true");
}

async function openCustomers(page: Page, email: string, path = "/customers") {
  await resumeSession(page, email);
  await chooseLocale(page, "de");
  await page.goto(path);
  await expect(page.getByTestId("customers-table")).toBeVisible();
}

/** The CSV's lines (BOM checked and removed, trailing empty line dropped). */
function csvLines(download: Download, path: string): string[] {
  const text = readFileSync(path, "utf8");
  expect(text.charCodeAt(0), `${download.suggestedFilename()} starts with a BOM`).toBe(0xfeff);
  return text.slice(1).split("\r\n").filter(Boolean);
}

async function exportCsv(page: Page, trigger = page.getByTestId("data-table-export")) {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger.click()]);
  const path = await download.path();
  expect(download.suggestedFilename()).toMatch(/^(kunden|customers)-\d{4}-\d{2}-\d{2}\.csv$/);
  return csvLines(download, path!);
}

/** "+4915112345678" → "0151 12345678": the national spelling, as people type it. */
function nationalSpelling(e164: string) {
  const rest = e164.slice(3);
  return `0${rest.slice(0, 3)} ${rest.slice(3, 7)} ${rest.slice(7)}`;
}

test.describe("[CUSTOMERS] list, search and export", () => {
  test("company admin searches by phone, keeps the view in the URL, sorts, pages, hides a column and exports", async ({ page, context }) => {
    await openCustomers(page, ADMIN);
    await expect(page.getByTestId("page-title")).toHaveText("Kunden");
    await expect(rows(page)).toHaveCount(50);
    await expect(range(page)).toHaveText(`1–50 von ${SEEDED}`);
    await expect(page.getByTestId("data-table-search")).toHaveAttribute("placeholder", "Name, Telefonnummer oder E-Mail");
    await screenshot(page, "customers-de");

    // Exact phone search in another spelling than stored.
    const target = rows(page).nth(2);
    const stored = (await target.getByTestId("customer-phone").textContent())!.trim();
    const name = (await target.getByTestId("customer-name").textContent())!.trim();
    expect(stored).toMatch(/^\+49\d{8,13}$/);
    const typed = nationalSpelling(stored);
    await page.getByTestId("data-table-search").fill(typed);
    await expect(page).toHaveURL(/[?&]q=/);
    await settled(page);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first().getByTestId("customer-phone")).toHaveText(stored);
    await expect(rows(page).first().getByTestId("customer-name")).toHaveText(name);
    await expect(page.getByTestId("customers-search-hint")).toHaveAttribute("data-kind", "phone");
    await expect(range(page)).toHaveText("1–1 von 1");
    const searchUrl = page.url();
    expect(new URL(searchUrl).searchParams.get("q")).toBe(typed);

    await page.reload();
    await expect(page.getByTestId("data-table-search")).toHaveValue(typed);
    await expect(rows(page)).toHaveCount(1);
    const shared = await context.newPage();
    await shared.goto(searchUrl);
    await expect(shared.getByTestId("customer-phone")).toHaveText(stored);
    await expect(rows(shared)).toHaveCount(1);
    await shared.close();

    // The export of a search holds exactly its match.
    const searched = await exportCsv(page);
    expect(searched[0]).toBe("Nachname,Vorname,Telefon,E-Mail,Sprache,Termine,Angelegt am");
    expect(searched).toHaveLength(2);
    expect(searched[1]).toContain(`'${stored}`);

    await page.getByTestId("data-table-search-clear").click();
    await settled(page);
    await expect(rows(page)).toHaveCount(50);

    // Sort by name (server-side, whole list).
    await page.getByTestId("data-table-sort-name").click();
    await expect(page).toHaveURL(/sort=name\.asc/);
    await settled(page);
    await expect(page.getByTestId("data-table-head-name")).toHaveAttribute("aria-sort", "ascending");
    const lastNames = (await page.getByTestId("customer-name").allTextContents()).map((n) => n.trim().split(" ").at(-1)!);
    const byCodePoint = [...lastNames].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const byLocale = [...lastNames].sort((a, b) => a.localeCompare(b, "de"));
    expect([byCodePoint, byLocale]).toContainEqual(lastNames);

    // Page size 25, then next and back by keyset cursors.
    await page.getByTestId("data-table-page-size").click();
    await page.getByTestId("data-table-page-size-25").click();
    await expect(page).toHaveURL(/size=25/);
    await settled(page);
    await expect(rows(page)).toHaveCount(25);
    await expect(range(page)).toHaveText(`1–25 von ${SEEDED}`);
    const firstPage = await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-row-id")));
    await page.getByTestId("data-table-next").click();
    await expect(range(page)).toHaveText(`26–50 von ${SEEDED}`);
    await expect(page).toHaveURL(/after=/);
    const secondPage = await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-row-id")));
    expect(secondPage).toHaveLength(25);
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    await page.getByTestId("data-table-previous").click();
    await expect(range(page)).toHaveText(`1–25 von ${SEEDED}`);
    await expect(page.getByTestId("data-table-previous")).toBeDisabled();
    expect(await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute("data-row-id")))).toEqual(firstPage);

    // Hide the email column; the URL keeps it.
    await page.getByTestId("data-table-columns").click();
    await page.getByTestId("data-table-column-toggle-email").click();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("data-table-head-email")).toHaveCount(0);
    await expect(page).toHaveURL(/hide=email/);
    await page.reload();
    await expect(page.getByTestId("data-table-head-email")).toHaveCount(0);
    await expect(page.getByTestId("data-table-head-phone")).toBeVisible();

    // The export holds the whole filtered set, not the page: all of them, then the English ones.
    const all = await exportCsv(page);
    expect(all).toHaveLength(SEEDED + 1);
    await page.getByTestId("data-table-facet-lang").click();
    await page.getByTestId("data-table-facet-option-en").click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/lang=en/);
    await settled(page);
    const englishCount = await rows(page).count();
    const english = await exportCsv(page);
    expect(english).toHaveLength(Number((await range(page).textContent())!.match(/von (\d+)/)?.[1] ?? englishCount) + 1);
    expect(english.slice(1).every((line) => line.split(",")[4] === "en")).toBe(true);

    // Bulk: select two rows, export just them.
    await page.getByTestId("data-table-reset").click();
    await settled(page);
    await page.getByTestId("data-table-select-row").nth(0).click();
    await page.getByTestId("data-table-select-row").nth(1).click();
    await expect(page.getByTestId("data-table-selected-count")).toHaveText("2 ausgewählt");
    const selected = await exportCsv(page, page.getByTestId("customers-export-selected"));
    expect(selected).toHaveLength(3);

    // Row action "open" leads to the read-only detail.
    await rows(page).first().getByTestId("customer-row-actions").click();
    await page.getByTestId("customer-open").click();
    await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("customer-phone")).toHaveText(/^\+49\d+$/);
    await screenshot(page, "customers-detail-de");
  });

  test("screenshots in German and English, desktop and phone", async ({ page }) => {
    await openCustomers(page, ADMIN, "/customers?sort=name.asc&size=25");
    await expect(rows(page)).toHaveCount(25);
    await screenshot(page, "customers-sorted-de");
    await chooseLocale(page, "en");
    await expect(page.getByTestId("page-title")).toHaveText("Customers");
    await expect(range(page)).toHaveText(`1–25 of ${SEEDED}`);
    await expect(page.getByTestId("data-table-search")).toHaveAttribute("placeholder", "Name, phone number or email");
    await screenshot(page, "customers-en");
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(rows(page).first()).toBeVisible();
    await screenshot(page, "customers-en-phone");
    await chooseLocale(page, "de");
    await screenshot(page, "customers-de-phone");
    // Empty search result, with the way back.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/customers?q=Zzzyx");
    await expect(page.getByTestId("data-table-empty")).toHaveAttribute("data-filtered", "true");
    await screenshot(page, "customers-empty-de");
    await page.getByTestId("data-table-empty-reset").click();
    await expect(rows(page)).toHaveCount(50);
  });

  test("a malformed URL shows the default list instead of an error", async ({ page }) => {
    await resumeSession(page, ADMIN);
    const response = await page.goto("/customers?sort=drop&size=7&after=%21%21&before=eyJ4Ijox&page=-3&lang=xx&from=2026-99-99&hide=password&q=" + "x".repeat(300));
    expect(response?.status()).toBe(200);
    await expect(rows(page)).toHaveCount(50);
    const exported = await page.request.get("/customers/export?ids=not-a-uuid");
    expect(exported.status()).toBe(400);
  });

  test("the viewer and a branch-limited staff member both see the company's customers", async ({ page }) => {
    for (const email of ["ansicht@schnittkunst.de", "mitarbeiter@schnittkunst.de"]) {
      await openCustomers(page, email);
      await expect(rows(page)).toHaveCount(50);
      await expect(range(page)).toHaveText(`1–50 von ${SEEDED}`);
      const csv = await exportCsv(page);
      expect(csv).toHaveLength(SEEDED + 1);
      await page.context().clearCookies();
    }
  });

  test("another company's admin finds none of the salon's customers, also not by phone or export", async ({ page, browser }) => {
    await openCustomers(page, ADMIN);
    const phone = (await rows(page).first().getByTestId("customer-phone").textContent())!.trim();
    const other = await browser.newContext();
    const physio = await other.newPage();
    await openCustomers(physio, "praxis@physio-isartor.de", `/customers?q=${encodeURIComponent(phone)}`);
    await expect(physio.getByTestId("data-table-empty")).toBeVisible();
    await expect(rows(physio)).toHaveCount(0);
    const response = await physio.request.get("/customers/export");
    expect(response.status()).toBe(200);
    const body = await response.text();
    expect(body).not.toContain(phone);
    expect(body.split("\r\n").filter(Boolean)).toHaveLength(SEEDED + 1);
    await other.close();
    // Anonymous: no CSV.
    const anonymous = await browser.newContext();
    const denied = await anonymous.request.get(`${test.info().project.use.baseURL}/customers/export`, { maxRedirects: 0 });
    expect(denied.headers()["content-type"] ?? "").not.toContain("text/csv");
    await anonymous.close();
  });
});
