import { expect, test } from "@playwright/test";
import { chooseLocale, resumeSession, screenshot } from "./support";

// Phone numbers as the company admin of Salon Schnittkunst: an inline error for a malformed
// number, then "030 98765432" added to a branch with the demo agent, shown in the list, and
// deleted again at the end (so the next run can add it once more: numbers are unique platform-wide).

const ADMIN = "inhaberin@schnittkunst.de";
const NUMBER = "+493098765432";

test.describe("[PHONE NUMBERS] company admin adds a number", () => {
  test("sees the inline error for '12ab', adds 030 98765432 to a branch with an agent", async ({ page }) => {
    await resumeSession(page, ADMIN);
    await chooseLocale(page, "de");

    // A leftover from an interrupted run would make the number "taken": remove it first.
    await page.goto(`/phone-numbers?q=98765432`);
    const leftover = page.getByTestId("data-table-row").filter({ hasText: NUMBER });
    if ((await leftover.count()) > 0) {
      await leftover.getByTestId("phone-number-row-actions").click();
      await page.getByTestId("phone-number-delete").click();
      await page.getByTestId("phone-number-delete-confirm").click();
      await expect(leftover).toHaveCount(0);
    }

    await page.goto("/phone-numbers");
    await page.getByTestId("phone-numbers-new").click();
    await expect(page).toHaveURL(/\/phone-numbers\/new$/);

    const branch = page.getByTestId("phone-number-form-branchId");
    const branchValue = await branch.locator("option").nth(1).getAttribute("value");
    await branch.selectOption(branchValue!);
    const agent = page.getByTestId("phone-number-form-agentId");
    const agentValue = await agent.locator("option").nth(1).getAttribute("value");
    await agent.selectOption(agentValue!);
    await page.getByTestId("phone-number-form-label").fill("E2E Empfang");

    await page.getByTestId("phone-number-form-e164").fill("12ab");
    await page.getByTestId("phone-number-form-submit").click();
    await expect(page.getByTestId("phone-number-form-e164-error")).toBeVisible();
    await expect(page.getByTestId("phone-number-form-e164")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/phone-numbers\/new$/);
    await screenshot(page, "phone-number-invalid-de");

    await page.getByTestId("phone-number-form-e164").fill("030 98765432");
    await page.getByTestId("phone-number-form-submit").click();
    await expect(page).toHaveURL(/\/phone-numbers$/);
    const row = page.getByTestId("data-table-row").filter({ hasText: NUMBER });
    await expect(row).toBeVisible();
    await expect(row.getByTestId("phone-number-agent")).not.toHaveText(/Kein Agent/);
    await expect(row.getByTestId("phone-number-active")).toHaveText("Aktiv");
    await screenshot(page, "phone-number-added-de");

    // Clean up: delete it (asks first).
    await row.getByTestId("phone-number-row-actions").click();
    await page.getByTestId("phone-number-delete").click();
    await page.getByTestId("phone-number-delete-confirm").click();
    await expect(page.getByTestId("phone-numbers-message")).toBeVisible();
    await expect(row).toHaveCount(0);
  });
});
