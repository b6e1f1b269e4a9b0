import { expect, test } from "@playwright/test";
import { chooseLocale, resumeSession } from "./support";

// The list kit's search box writes to the URL 350 ms after the last key. A search typed just
// before following a link must not land afterwards and pull the user back to the list with
// `q=` (components/data-table/pending-update.ts). The detail page's response is held back
// past the debounce, as a slow server or network would, so the navigation is still loading when
// the debounce would have fired.

const ADMIN = "inhaberin@schnittkunst.de";

test.describe("[DATA TABLE] search and navigation", () => {
  test("a search typed just before opening a row stays behind; typing alone still reaches the URL", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");
    await page.goto("/customers");
    const rows = page.getByTestId("data-table-row");
    await expect(rows).toHaveCount(50);

    const link = rows.first().getByTestId("customer-name");
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^\/customers\/[0-9a-f-]{36}$/);
    const detail = (url: URL) => url.pathname === href;
    await page.route(detail, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });

    await page.getByTestId("data-table-search").fill("Mü");
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`), { timeout: 15_000 });
    await expect(page.getByTestId("customer-phone")).toBeVisible();
    // The debounce would have fired long ago; the page must still be the customer's.
    await page.waitForTimeout(1_000);
    expect(new URL(page.url()).pathname).toBe(href);
    expect(new URL(page.url()).searchParams.has("q")).toBe(false);
    await page.unroute(detail);

    // Back on the list, typing alone lands in the URL after the debounce.
    await page.goto("/customers");
    await page.getByTestId("data-table-search").fill("Mü");
    await expect(page).toHaveURL(/\/customers\?(.*&)?q=M%C3%BC/);
    await expect(page.getByTestId("data-table-search")).toHaveValue("Mü");
  });
});
