import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The appointments list on the data-table kit: a status filter that lands in the URL and survives
// a reload, a date range, the CSV export of exactly the filtered set, the view links to and from
// the calendar, a branch manager limited to their branch, and malformed URLs that never 500.

const ADMIN = "inhaberin@schnittkunst.de";
const MANAGER = "filiale@schnittkunst.de";

const rows = (page: Page) => page.getByTestId("data-table-row");
const range = (page: Page) => page.getByTestId("data-table-range");

async function settled(page: Page) {
  await expect(page.getByTestId("data-table-frame")).not.toHaveAttribute("data-pending", "true");
}

async function openList(page: Page, email: string, locale: "de" | "en" = "de", path = "/appointments/list") {
  await resumeSession(page, email);
  await chooseLocale(page, locale);
  await page.goto(path);
  await expect(page.getByTestId("appointments-table")).toBeVisible();
}

/** "1–12 von 12" → 12; null when capped or empty. */
async function shownTotal(page: Page): Promise<number | null> {
  const text = (await range(page).textContent()) ?? "";
  const match = text.match(/(?:von|of) ([\d.,]+)$/);
  return match ? Number(match[1]!.replace(/[.,]/g, "")) : null;
}

async function exportCsv(page: Page): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("data-table-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^(termine|appointments)-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text.slice(1).split("\r\n").filter(Boolean);
}

test.describe("[APPOINTMENT LIST] filters, URL state and export", () => {
  test("company admin filters by status and date range, the URL keeps it, the CSV holds exactly the filtered set", async ({ page }) => {
    await openList(page, ADMIN);
    await expect(page.getByTestId("page-title")).toHaveText("Terminliste");
    await expect(rows(page).first()).toBeVisible();
    await screenshot(page, "appointment-list-de");

    // Status = cancelled (the demo seed always has some).
    await page.getByTestId("data-table-facet-status").click();
    await page.getByTestId("data-table-facet-option-cancelled").click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/[?&]status=cancelled/);
    await settled(page);
    await expect(rows(page).first()).toBeVisible();
    const statuses = await page.getByTestId("appointment-status").evaluateAll((els) => els.map((el) => el.getAttribute("data-status")));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["cancelled"]));

    await page.reload();
    await expect(page.getByTestId("data-table-facet-status")).toContainText("Abgesagt");
    expect(new Set(await page.getByTestId("appointment-status").evaluateAll((els) => els.map((el) => el.getAttribute("data-status"))))).toEqual(
      new Set(["cancelled"]),
    );

    // Add a date range around the first shown row's day: from = to = that day (in Berlin, the demo zone).
    const firstStart = await rows(page).first().getByTestId("appointment-time").textContent();
    const day = firstStart!.match(/(\d{2})\.(\d{2})\.(\d{2})/)!;
    const iso = `20${day[3]}-${day[2]}-${day[1]}`;
    await page.getByTestId("data-table-range-from").click();
    await page.getByTestId("data-table-range-from-from").fill(iso);
    await page.getByTestId("data-table-range-from-to").fill(iso);
    await page.getByTestId("data-table-range-from-apply").click();
    await expect(page).toHaveURL(new RegExp(`from=${iso}.*to=${iso}|to=${iso}.*from=${iso}`));
    await settled(page);
    const count = await rows(page).count();
    expect(count).toBeGreaterThan(0);
    for (const text of await page.getByTestId("appointment-time").allTextContents()) expect(text).toContain(`${day[1]}.${day[2]}.${day[3]}`);
    const total = await shownTotal(page);
    expect(total).toBe(count);

    // The export: header + exactly the filtered rows, all cancelled, all on that day.
    const csv = await exportCsv(page);
    expect(csv[0]).toBe("Datum,Beginn,Ende,Zeitzone,Kunde,Leistung,Mitarbeiter,Filiale,Status,Quelle,Preis,Währung");
    expect(csv).toHaveLength(count + 1);
    for (const line of csv.slice(1)) {
      expect(line.startsWith(iso)).toBe(true);
      expect(line).toContain(",Abgesagt,");
    }

    // Open a row, and the view link back to the calendar.
    const id = await rows(page).first().getAttribute("data-row-id");
    await rows(page).first().getByTestId("appointment-row-actions").click();
    await page.getByTestId("appointment-open").click();
    await expect(page).toHaveURL(new RegExp(`/appointments/${id}$`));
    await page.goBack();
    await expect(page.getByTestId("appointments-table")).toBeVisible();
    await page.getByTestId("appointment-list-calendar").click();
    await expect(page).toHaveURL(/\/appointments$/);
    await page.getByTestId("calendar-list").click();
    await expect(page).toHaveURL(/\/appointments\/list$/);
    await expect(page.getByTestId("appointments-table")).toBeVisible();
  });

  test("the list in English, sorted oldest first", async ({ page }) => {
    await openList(page, ADMIN, "en", "/appointments/list?sort=starts.asc&size=25");
    await expect(page.getByTestId("page-title")).toHaveText("Appointment list");
    await expect(rows(page)).toHaveCount(25);
    await expect(page.getByTestId("data-table-head-time")).toHaveAttribute("aria-sort", "ascending");
    await screenshot(page, "appointment-list-en");
    await chooseLocale(page, "de");
  });

  test("the branch manager sees and exports only Prenzlauer Berg", async ({ page }) => {
    await openList(page, MANAGER);
    await expect(rows(page).first()).toBeVisible();
    const branches = new Set(await page.getByTestId("appointment-branch").allTextContents());
    expect([...branches]).toEqual(["Schnittkunst Prenzlauer Berg"]);
    // No branch filter to choose from: there is only one branch in scope.
    await expect(page.getByTestId("data-table-facet-branch")).toHaveCount(0);
    const response = await page.request.get("/appointments/list/export");
    expect(response.status()).toBe(200);
    const lines = (await response.text()).slice(1).split("\r\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(",Schnittkunst Prenzlauer Berg,"))).toBe(true);
  });

  test("a malformed URL shows the default list, and the export still answers", async ({ page }) => {
    await resumeSession(page, ADMIN);
    const bad = "?sort=drop&size=7&after=%21%21&before=eyJ4Ijox&page=-3&status=deleted&source=fax&branch=x&staff=1,2&service=%27&from=2026-99-99&to=no&hide=password";
    const response = await page.goto(`/appointments/list${bad}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("appointments-table")).toBeVisible();
    await expect(rows(page)).toHaveCount(50);
    const exported = await page.request.get(`/appointments/list/export${bad}`);
    expect(exported.status()).toBe(200);
  });
});
