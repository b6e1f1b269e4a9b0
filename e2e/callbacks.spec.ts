import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// Callbacks: the list (seeded: 6 in every state but expired), filters, a new callback by hand
// with inline errors, and the way through assign → contacted → completed; a branch manager sees
// and changes their branch's callbacks only.

const ADMIN = "inhaberin@schnittkunst.de";
const MANAGER = "filiale@schnittkunst.de";

const rows = (page: Page) => page.getByTestId("data-table-row");

async function settled(page: Page) {
  await expect(page.getByTestId("data-table-frame")).not.toHaveAttribute("data-pending", "true");
}

async function openCallbacks(page: Page, email: string, path = "/callbacks") {
  await resumeSession(page, email);
  await chooseLocale(page, "de");
  await page.goto(path);
  await expect(page.getByTestId("callbacks-table")).toBeVisible();
}

test.describe("[CALLBACKS] list and workflow", () => {
  test("company admin filters, creates a callback and works it through to completed", async ({ page }) => {
    await openCallbacks(page, ADMIN);
    await expect(page.getByTestId("page-title")).toHaveText("Rückrufe");
    await expect(rows(page).first()).toBeVisible();
    await screenshot(page, "callbacks-de");

    await page.goto("/callbacks?overdue=yes");
    await settled(page);
    for (const due of await page.getByTestId("callback-due").all()) await expect(due).toHaveAttribute("data-overdue", "true");

    // A new callback: a bad number is refused inline, a good one is stored.
    await page.goto("/callbacks/new");
    await page.getByTestId("callback-form-name").fill("E2E Rückruf");
    await page.getByTestId("callback-form-phone").fill("12");
    await page.getByTestId("callback-form-branch").selectOption({ index: 1 });
    await page.getByTestId("callback-form-priority").selectOption("urgent");
    await page.getByTestId("callback-form-reason").fill("Fragt nach einem Termin für Balayage.");
    await page.getByTestId("callback-form-submit").click();
    await expect(page.getByTestId("callback-phone-error")).toBeVisible();
    await expect(page.getByTestId("callback-form-name")).toHaveValue("E2E Rückruf");
    await page.getByTestId("callback-form-phone").fill("030 555 1234");
    await page.getByTestId("callback-form-submit").click();
    await expect(page.getByTestId("callback-created")).toBeVisible();

    // Find it, assign it, mark it contacted, complete it.
    await page.getByTestId("data-table-search").fill("E2E");
    // The search lands in the URL after its debounce; only then is the table's row stable.
    await expect(page).toHaveURL(/[?&]q=E2E/);
    await settled(page);
    const row = rows(page).filter({ hasText: "E2E Rückruf" });
    await expect(row.getByTestId("callback-status")).toHaveAttribute("data-status", "open");
    await row.getByTestId("callback-row-actions").click();
    await page.getByTestId("callback-assign").click();
    await page.getByTestId("callback-assign-user").selectOption({ label: "Katrin Schneider" });
    await page.getByTestId("callback-assign-submit").click();
    await expect(row.getByTestId("callback-status")).toHaveAttribute("data-status", "assigned");
    await expect(row.getByTestId("callback-assignee")).toHaveText("Katrin Schneider");
    await row.getByTestId("callback-row-actions").click();
    await page.getByTestId("callback-contacted").click();
    await expect(row.getByTestId("callback-status")).toHaveAttribute("data-status", "contacted");
    await row.getByTestId("callback-row-actions").click();
    await page.getByTestId("callback-complete").click();
    await expect(row.getByTestId("callback-status")).toHaveAttribute("data-status", "completed");
  });

  test("a branch manager sees their branch's callbacks only", async ({ page }) => {
    await openCallbacks(page, MANAGER);
    // One branch: no branch filter; every row of it.
    await expect(page.getByTestId("data-table-facet-branch")).toHaveCount(0);
    for (const cell of await rows(page).all()) await expect(cell).toContainText("Prenzlauer");
    await page.goto("/callbacks?status=nope&overdue=maybe&assignee=x");
    await expect(page.getByTestId("callbacks-table")).toBeVisible();
  });
});
