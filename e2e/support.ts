import { mkdirSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo-Passwort-2026";

/** One demo account per role, as scripts/seed.ts creates them. */
export const DEMO_USERS = [
  { role: "platform_admin", email: "admin@askproai.de" },
  { role: "company_admin", email: "inhaberin@schnittkunst.de" },
  { role: "branch_manager", email: "filiale@schnittkunst.de" },
  { role: "staff", email: "mitarbeiter@schnittkunst.de" },
  { role: "viewer", email: "ansicht@schnittkunst.de" },
] as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in-email").fill(email);
  await page.getByTestId("sign-in-password").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

export async function chooseLocale(page: Page, locale: "de" | "en") {
  await page.getByTestId("locale-switcher").click();
  await page.getByTestId(`locale-${locale}`).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

export async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await page.waitForURL(/\/sign-in/);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
