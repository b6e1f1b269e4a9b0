import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BrowserContext, expect, type Page } from "@playwright/test";
import { DEMO_TOTP_SECRET, DEMO_TWO_FACTOR_EMAILS, totpCodeForStep, totpStepAt } from "../lib/auth/two-factor-demo";

export const DEMO_PASSWORD = "Demo-Passwort-2026";

/** One demo account per role, as scripts/seed.ts creates them. */
export const DEMO_USERS = [
  { role: "platform_admin", email: "admin@askproai.de" },
  { role: "company_admin", email: "inhaberin@schnittkunst.de" },
  { role: "branch_manager", email: "filiale@schnittkunst.de" },
  { role: "staff", email: "mitarbeiter@schnittkunst.de" },
  { role: "viewer", email: "ansicht@schnittkunst.de" },
] as const;

// --- where a run keeps its sign-ins -----------------------------------------------------------
// Per port, like scripts/e2e-server.sh's data dirs: two suites side by side do not share them.
const PORT = Number(process.env.E2E_PORT || 3100);
export const E2E_AUTH_DIR = `.data/e2e-auth${PORT === 3100 ? "" : `-${PORT}`}`;

/** The saved storage state of a demo account (written by e2e/auth.setup.ts). */
export function authState(email: string): string {
  return join(E2E_AUTH_DIR, `${email.toLowerCase()}.json`);
}

// --- TOTP codes for the demo admins --------------------------------------------------------------
// A code's time step can be used once per account (the server keeps the last one), and a code is
// accepted for the previous, current and next step. The ledger remembers the last step this run
// used per account, so every sign-in takes a fresh one: max(current − 1, last + 1) (current − 1
// only early in a step), waiting only when that is past current + 1. The server's database is fresh every run: so is the ledger.
const LEDGER = join(E2E_AUTH_DIR, "totp-ledger.json");

export function resetTotpLedger() {
  rmSync(LEDGER, { force: true });
}

function readLedger(): Record<string, number> {
  return existsSync(LEDGER) ? (JSON.parse(readFileSync(LEDGER, "utf8")) as Record<string, number>) : {};
}

/** Marks a step as used for an account (a test that typed a code itself). */
export function recordTotpStep(email: string, step: number) {
  const ledger = readLedger();
  ledger[email.toLowerCase()] = Math.max(step, ledger[email.toLowerCase()] ?? 0);
  mkdirSync(E2E_AUTH_DIR, { recursive: true });
  writeFileSync(LEDGER, JSON.stringify(ledger));
}

/**
 * A code of `secret` for a step not used yet by this account in this run. The previous step only
 * early in the current one: late in it, the server may already be a step further by the time
 * the code arrives, and then the previous step is out of its window.
 */
export async function nextTotpCode(email: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  const last = readLedger()[email.toLowerCase()] ?? 0;
  const now = Date.now();
  let current = totpStepAt(now);
  const earlyInStep = (now / 1000) % 30 < 15;
  const step = Math.max(earlyInStep ? current - 1 : current, last + 1);
  while (step > current + 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    current = totpStepAt(Date.now());
  }
  recordTotpStep(email, step);
  return totpCodeForStep(secret, step);
}

export const hasDemoTwoFactor = (email: string) => (DEMO_TWO_FACTOR_EMAILS as readonly string[]).includes(email.toLowerCase());

/**
 * Signs in through the form. For a demo admin with 2FA the code step follows and gets a fresh
 * code; a wrong password leaves the form with its error, as before.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in-email").fill(email);
  await page.getByTestId("sign-in-password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  if (!hasDemoTwoFactor(email)) return;
  const code = page.getByTestId("sign-in-code");
  await expect(code.or(page.getByTestId("sign-in-error"))).toBeVisible();
  if (!(await code.isVisible())) return;
  await code.fill(await nextTotpCode(email));
  await page.getByTestId("sign-in-code-submit").click();
}

/** Signs in and, for the platform admin, picks the salon; ends on the dashboard. */
export async function signInToDashboard(page: Page, email: string, password = DEMO_PASSWORD) {
  await signIn(page, email, password);
  await page.waitForURL(/\/(select-company|dashboard)/);
  if (page.url().includes("select-company")) {
    await page.getByRole("button", { name: /Salon Schnittkunst/ }).click();
    await page.waitForURL(/\/dashboard/);
  }
}

/** Saves the context's cookies as the account's shared sign-in. */
export async function saveAuthState(context: BrowserContext, email: string) {
  mkdirSync(E2E_AUTH_DIR, { recursive: true });
  await context.storageState({ path: authState(email) });
}

/**
 * Puts the account's saved sign-in (e2e/auth.setup.ts) into this page's context and opens the
 * dashboard, without using up a TOTP code. If that session has ended meanwhile (a password
 * change ends every session of its account), signs in afresh and saves the new one. Never sign
 * out of a page made this way: sign-out would end the shared session. Tests about sign-in,
 * sign-out or ending sessions use signIn instead.
 */
export async function resumeSession(page: Page, email: string) {
  const file = authState(email);
  if (existsSync(file)) {
    const state = JSON.parse(readFileSync(file, "utf8")) as { cookies: Parameters<BrowserContext["addCookies"]>[0] };
    await page.context().addCookies(state.cookies);
    await page.goto("/dashboard");
    if (!new URL(page.url()).pathname.startsWith("/sign-in")) return;
    await page.context().clearCookies();
  }
  await signInToDashboard(page, email);
  await saveAuthState(page.context(), email);
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
