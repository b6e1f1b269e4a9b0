import { expect, type Page, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// The search palette of the top bar (components/layout/global-search.tsx, GET /api/search):
// Ctrl+K and "/" open it, typing searches (debounced), arrows and Enter open a hit, Esc closes.
// The seed's customers change with the day (db/seed/random.ts seeds by date), so the test takes
// a customer from the customers list instead of naming one.

const ADMIN = "inhaberin@schnittkunst.de";

const input = (page: Page) => page.getByTestId("global-search-input");

/** Presses the shortcut until the client has hydrated and the palette is open (never toggles it shut). */
async function openWithShortcut(page: Page, key: string) {
  await expect(async () => {
    if (!(await input(page).isVisible())) await page.keyboard.press(key);
    await expect(input(page)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(input(page)).toBeFocused();
}

/** A seeded customer with a two-word name ("Anna Müller"), from the list sorted by name. */
async function someCustomer(page: Page) {
  await page.goto("/customers?sort=name.asc");
  const names = (await page.getByTestId("customers-table").getByTestId("customer-name").locator("span:not([data-slot=avatar])").allTextContents()).map((n) => n.trim());
  const name = names.find((n) => /^\S+ \S+$/.test(n) && !n.startsWith("Anonym"));
  expect(name, "a seeded customer with first and last name").toBeTruthy();
  const [firstName, lastName] = name!.split(" ") as [string, string];
  return { name: name!, firstName, lastName };
}

test.describe("[SEARCH] global search palette", () => {
  test("company admin presses Control+K on the dashboard, finds a customer by last name and opens them with Enter", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");
    const customer = await someCustomer(page);

    await page.goto("/dashboard");
    await expect(page.getByTestId("global-search-trigger")).toContainText("Suchen");
    await openWithShortcut(page, "Control+K");
    await input(page).fill(customer.lastName);

    const customers = page.getByTestId("global-search-group-customers").getByTestId("global-search-hit");
    const target = customers.filter({ hasText: customer.name }).first();
    await expect(target).toBeVisible();
    await expect(page.getByTestId("global-search-hit").first()).toHaveAttribute("aria-selected", "true");
    await screenshot(page, "search-de");

    // Walk down to the customer (others may share the last name) and open it.
    const titles = (await customers.getByTestId("global-search-hit-title").allTextContents()).map((t) => t.trim());
    const position = titles.indexOf(customer.name);
    expect(position).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < position; i++) await input(page).press("ArrowDown");
    await expect(customers.nth(position)).toHaveAttribute("aria-selected", "true");
    const href = await customers.nth(position).getAttribute("href");
    expect(href).toMatch(/^\/customers\/[0-9a-f-]{36}$/);
    await input(page).press("Enter");

    await page.waitForURL((url) => url.pathname === href);
    await expect(page.getByTestId("customer-name")).toHaveText(customer.name);
    await expect(page.getByTestId("global-search")).toBeHidden();
  });

  test("“/” opens the palette outside text fields; short and unknown queries say so; Esc closes (English)", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "en");
    await page.goto("/dashboard");
    await expect(page.getByTestId("global-search-trigger")).toContainText("Search");
    await openWithShortcut(page, "/");
    await expect(input(page)).toHaveValue("");

    await input(page).fill("x");
    await expect(page.getByTestId("global-search-status")).toHaveText("Type at least 2 characters.");
    await input(page).fill("Qxzqxz");
    await expect(page.getByTestId("global-search-status")).toHaveText("No results for “Qxzqxz”.");
    await screenshot(page, "search-en-empty");

    await input(page).press("Escape");
    await expect(page.getByTestId("global-search")).toBeHidden();

    // Reopened by the button: the old query is gone.
    await page.getByTestId("global-search-trigger").click();
    await expect(input(page)).toHaveValue("");
  });
});
