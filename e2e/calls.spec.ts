import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The calls pages: the list with filters, exact caller search and URL state, a call's page with
// its conversation, tool calls and next steps, the live board that polls, branch scope and bad
// URLs. The demo seed (db/seed/calls.ts, db/seed/voice.ts) gives the salon ~140 calls, two of
// them running, the latest booking calls with their conversation and tool calls.

const ADMIN = "inhaberin@schnittkunst.de";
const STAFF = "mitarbeiter@schnittkunst.de";
const VIEWER = "ansicht@schnittkunst.de";

const rows = (page: Page) => page.getByTestId("data-table-row");

async function settled(page: Page) {
  await expect(page.getByTestId("data-table-frame")).not.toHaveAttribute("data-pending", "true");
}

async function openCalls(page: Page, email: string, path = "/calls") {
  await resumeSession(page, email);
  await chooseLocale(page, "de");
  await page.goto(path);
  await expect(page.getByTestId("calls-table")).toBeVisible();
}

test.describe("[CALLS] list, detail and live board", () => {
  test("company admin filters, searches by number and opens a booking call with its conversation", async ({ page }) => {
    await openCalls(page, ADMIN);
    await expect(page.getByTestId("page-title")).toHaveText("Anrufe");
    await expect(rows(page)).toHaveCount(50);
    await screenshot(page, "calls-de");

    // Running calls first (newest), never-connected ones last.
    await page.goto("/calls?status=ongoing");
    await settled(page);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByTestId("call-status").first()).toHaveAttribute("data-status", "ongoing");

    // Calls that booked an appointment link to it.
    await page.goto("/calls?booked=yes");
    await settled(page);
    const booked = rows(page).first();
    await expect(booked.getByTestId("call-appointment")).toBeVisible();

    // Exact search by the caller's number in its national spelling.
    const number = (await booked.getByTestId("call-caller").locator("span").last().textContent())!.trim();
    await page.getByTestId("data-table-search").fill(`0${number.slice(3)}`);
    await expect(page).toHaveURL(/[?&]q=0/);
    await settled(page);
    await expect(page.getByTestId("calls-search-hint")).toBeVisible();
    for (const caller of await page.getByTestId("call-caller").allTextContents()) expect(caller).toContain(number);
    await page.getByTestId("data-table-search").fill("Anna");
    await expect(page).toHaveURL(/[?&]q=Anna/);
    await settled(page);
    await expect(page.getByTestId("calls-search-hint")).toContainText("Keine gültige Telefonnummer");
    await expect(rows(page)).toHaveCount(0);

    // The latest booking call: conversation, tool calls, appointment, next steps.
    await page.goto("/calls?booked=yes");
    await settled(page);
    await rows(page).first().getByTestId("call-time").click();
    await expect(page).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("call-detail-facts")).toBeVisible();
    await expect(page.getByTestId("call-detail-appointment")).toHaveCount(1);
    await expect(page.getByTestId("transcript-turn").first()).toHaveAttribute("data-role", "agent");
    await expect(page.getByTestId("call-tool-call")).toHaveCount(3);
    await expect(page.getByTestId("call-tool-call").last()).toHaveAttribute("data-tool", "book_appointment");
    await expect(page.getByTestId("call-create-appointment")).toHaveAttribute("href", /\/appointments\/new\?branch=[0-9a-f-]{36}&customer=[0-9a-f-]{36}/);
    await expect(page.getByTestId("call-create-callback")).toHaveAttribute("href", /\/callbacks\/new\?call=/);
    await screenshot(page, "call-detail-de");
  });

  test("the live board shows the running calls and keeps polling", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "en");
    await page.goto("/calls/live");
    await expect(page.getByTestId("page-title")).toHaveText("Ongoing calls");
    const board = page.getByTestId("calls-live-board");
    await expect(board).toBeVisible();
    const poll = await page.waitForResponse((r) => r.url().endsWith("/calls/live/data") && r.status() === 200, { timeout: 10_000 });
    const body = (await poll.json()) as { ok: boolean; calls: unknown[] };
    expect(body.ok).toBe(true);
    await expect(board).toHaveAttribute("data-count", String(body.calls.length));
    if (body.calls.length > 0) {
      const duration = page.getByTestId("calls-live-duration").first();
      const before = await duration.textContent();
      await expect(duration).not.toHaveText(before!, { timeout: 3_000 });
    }
  });

  test("branch staff see their branch's calls only; viewers cannot create callbacks; bad ids are not found", async ({ page }) => {
    await openCalls(page, STAFF);
    await expect(rows(page).first()).toBeVisible();
    // Staff of Mitte: the branch filter is not offered (one branch).
    await expect(page.getByTestId("data-table-facet-branch")).toHaveCount(0);

    await openCalls(page, VIEWER);
    await rows(page).first().getByTestId("call-time").click();
    await expect(page.getByTestId("call-detail-facts")).toBeVisible();
    await expect(page.getByTestId("call-create-callback")).toHaveCount(0);

    for (const path of ["/calls/not-a-uuid", "/calls/00000000-0000-7000-8000-000000000000"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    // A malformed list URL shows the list.
    await page.goto("/calls?status=nope&durMin=-3&after=%%%&sort=x");
    await expect(page.getByTestId("calls-table")).toBeVisible();
  });
});
