import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, screenshot, signIn, signOut } from "./support";

// Password reset through the dev mailbox and the password change on the profile page.
// The account is the staff demo user. Other specs that run after this file (permissions.spec)
// sign in as it with the demo password, so the last change here sets the demo password again:
// the e2e database is fresh on every run, but not between the files of one run.
const EMAIL = "mitarbeiter@schnittkunst.de";
const RESET_PASSWORD = "Haarschnitt-im-Sommerwind-7";

/** The newest reset link mailed to an address (the mail is sent just after the form's answer). */
async function resetLinkFromMailbox(page: Page, to: string): Promise<string> {
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    await expect(page.getByTestId("mailbox-item").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.getByTestId("mailbox-item").first().getByRole("link").click();
  await expect(page.getByTestId("mailbox-meta-template")).toContainText("Passwort zurücksetzen");
  const link = page.getByTestId("mailbox-link").filter({ hasText: "/reset-password?token=" }).first();
  const href = await link.getAttribute("href");
  // The link names the server's own address (E2E_PORT lets a second suite run on another port).
  const port = process.env.E2E_PORT || "3100";
  expect(href).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/reset-password\\?token=[A-Za-z0-9_-]{43}$`));
  return href!;
}

test.describe("[PASSWORD] reset and change", () => {
  // One story: each step starts from the password the previous one set.
  test.describe.configure({ mode: "serial" });
  let resetLink = "";

  test("a user resets the password through the mailed link and signs in with the new one", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByTestId("sign-in-forgot").click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expect(page.getByTestId("page-title")).toHaveText("Passwort vergessen");
    await page.getByTestId("forgot-password-email").fill(EMAIL);
    await screenshot(page, "password-forgot");
    await page.getByTestId("forgot-password-submit").click();
    await expect(page.getByTestId("forgot-password-sent")).toContainText("Wenn zu dieser Adresse ein Konto gehört");
    await screenshot(page, "password-forgot-sent");

    resetLink = await resetLinkFromMailbox(page, EMAIL);
    await screenshot(page, "password-reset-mail");
    await page.getByTestId("mailbox-link").filter({ hasText: "/reset-password?token=" }).first().click();
    await expect(page).toHaveURL(/\/reset-password\?token=/);
    await expect(page.getByTestId("page-title")).toHaveText("Neues Passwort festlegen");

    // The policy speaks first: too short, then too common.
    await page.getByTestId("reset-password-new").fill("kurz");
    await page.getByTestId("reset-password-confirm").fill("kurz");
    await page.getByTestId("reset-password-submit").click();
    await expect(page.getByTestId("reset-password-new-error")).toContainText("mindestens 12 Zeichen");
    await page.getByTestId("reset-password-new").fill("password1234");
    await page.getByTestId("reset-password-confirm").fill("password1234");
    await page.getByTestId("reset-password-submit").click();
    await expect(page.getByTestId("reset-password-new-error")).toContainText("zu verbreitet");
    await screenshot(page, "password-reset-policy");

    await page.getByTestId("reset-password-new").fill(RESET_PASSWORD);
    await page.getByTestId("reset-password-confirm").fill(RESET_PASSWORD);
    await page.getByTestId("reset-password-submit").click();
    // Not signed in by the reset: sign-in with a notice.
    await expect(page).toHaveURL(/\/sign-in\?reset=1$/);
    await expect(page.getByTestId("sign-in-notice")).toContainText("Ihr Passwort wurde geändert");
    await screenshot(page, "password-reset-done");

    await page.getByTestId("sign-in-email").fill(EMAIL);
    await page.getByTestId("sign-in-password").fill(RESET_PASSWORD);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForURL(/\/dashboard/);
    await expect(page.getByTestId("app-sidebar")).toBeVisible();
  });

  test("the same link a second time fails with a clear message", async ({ page, request }) => {
    expect(resetLink).not.toBe("");
    await page.goto(resetLink);
    await expect(page.getByTestId("reset-password-invalid")).toContainText("ungültig, abgelaufen oder wurde schon verwendet");
    await expect(page.getByRole("link", { name: "Neuen Link anfordern" })).toBeVisible();
    await screenshot(page, "password-reset-link-used");
    // And straight at the endpoint: refused, nothing changed.
    const token = new URL(resetLink).searchParams.get("token")!;
    const res = await postJson(request, "/api/auth/password-reset", {
      token,
      password: "Noch-ein-Versuch-Elbe-3",
      confirmPassword: "Noch-ein-Versuch-Elbe-3",
    });
    expect(res.status()).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: "invalid_or_expired" });
  });

  test("a password changed on the profile page keeps this session, ends the others, and the old one stops working", async ({
    page,
    browser,
  }) => {
    // A second browser signed in as the same user: its session ends with the change.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, EMAIL, RESET_PASSWORD);
    await otherPage.waitForURL(/\/dashboard/);

    await signIn(page, EMAIL, RESET_PASSWORD);
    await page.waitForURL(/\/dashboard/);
    await page.goto("/settings");
    await expect(page.getByTestId("change-password-card")).toBeVisible();

    // Re-authentication first.
    await page.getByTestId("change-password-currentPassword").fill("nicht-das-richtige");
    await page.getByTestId("change-password-newPassword").fill(DEMO_PASSWORD);
    await page.getByTestId("change-password-confirmPassword").fill(DEMO_PASSWORD);
    await page.getByTestId("change-password-submit").click();
    await expect(page.getByTestId("change-password-currentPassword-error")).toContainText("nicht korrekt");

    // The policy: the email's local part is refused.
    await page.getByTestId("change-password-currentPassword").fill(RESET_PASSWORD);
    await page.getByTestId("change-password-newPassword").fill("mitarbeiter-im-salon");
    await page.getByTestId("change-password-confirmPassword").fill("mitarbeiter-im-salon");
    await page.getByTestId("change-password-submit").click();
    await expect(page.getByTestId("change-password-newPassword-error")).toContainText("E-Mail-Adresse");
    await screenshot(page, "password-change-policy");

    // The real change (back to the demo password, which later specs use).
    await page.getByTestId("change-password-currentPassword").fill(RESET_PASSWORD);
    await page.getByTestId("change-password-newPassword").fill(DEMO_PASSWORD);
    await page.getByTestId("change-password-confirmPassword").fill(DEMO_PASSWORD);
    await page.getByTestId("change-password-submit").click();
    await expect(page.getByTestId("change-password-success")).toBeVisible();
    await screenshot(page, "password-change-done");

    // This browser is still signed in, after a reload and on another page.
    await page.reload();
    await expect(page.getByTestId("change-password-card")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.getByTestId("app-sidebar")).toBeVisible();

    // The other browser's session has ended.
    await otherPage.goto("/dashboard");
    await expect(otherPage).toHaveURL(/\/sign-in/);
    await other.close();

    // The old password no longer works; the new one does.
    await signOut(page);
    await signIn(page, EMAIL, RESET_PASSWORD);
    await expect(page.getByTestId("sign-in-error")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn(page, EMAIL, DEMO_PASSWORD);
    await page.waitForURL(/\/dashboard/);
  });
});

/** Strings go out byte for byte (Playwright would JSON-encode a string that is not JSON itself). */
function postJson(request: APIRequestContext, url: string, data: unknown, headers: Record<string, string> = {}) {
  return request.post(url, {
    data: Buffer.from(typeof data === "string" ? data : JSON.stringify(data)),
    headers: { "content-type": "application/json", ...headers },
  });
}

test.describe("[PASSWORD] bad input at the password endpoints", () => {
  test("a reset request answers a known and an unknown address alike", async ({ request }) => {
    const known = await postJson(request, "/api/auth/password-reset/request", { email: "ansicht@schnittkunst.de" });
    const unknown = await postJson(request, "/api/auth/password-reset/request", { email: "niemand-hier@example.de" });
    expect(known.status()).toBe(202);
    expect(unknown.status()).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
  });

  test("oversized, wrongly typed, malformed and misshapen bodies get a 4xx with a code, never a 500", async ({ request }) => {
    const megabyte = JSON.stringify({ email: `${"a".repeat(1024 * 1024)}@example.de` });
    const token = "A".repeat(43);
    const cases: { url: string; data: unknown; headers?: Record<string, string>; status: number; error: string }[] = [
      { url: "/api/auth/password-reset/request", data: megabyte, status: 413, error: "payload_too_large" },
      { url: "/api/auth/password-reset", data: megabyte, status: 413, error: "payload_too_large" },
      { url: "/api/auth/password-reset/request", data: "{not json", status: 400, error: "malformed_json" },
      { url: "/api/auth/password-reset", data: "[1, 2", status: 400, error: "malformed_json" },
      {
        url: "/api/auth/password-reset/request",
        data: "email=a@b.de",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        status: 415,
        error: "unsupported_media_type",
      },
      { url: "/api/auth/password-reset/request", data: { email: "kein-at-zeichen" }, status: 400, error: "invalid_input" },
      { url: "/api/auth/password-reset/request", data: { email: ["a@b.de"] }, status: 400, error: "invalid_input" },
      { url: "/api/auth/password-reset/request", data: [], status: 400, error: "invalid_input" },
      { url: "/api/auth/password-reset", data: { token: "../../etc/passwd", password: "x", confirmPassword: "x" }, status: 400, error: "invalid_input" },
      { url: "/api/auth/password-reset", data: { token: "' OR 1=1 --", password: "x", confirmPassword: "x" }, status: 400, error: "invalid_input" },
      { url: "/api/auth/password-reset", data: { token: 42 }, status: 400, error: "invalid_input" },
      { url: "/api/auth/password-reset", data: null, status: 400, error: "invalid_input" },
      {
        url: "/api/auth/password-reset",
        data: { token, password: "Gut-genug-Passwort-1", confirmPassword: "Gut-genug-Passwort-1" },
        status: 400,
        error: "invalid_or_expired",
      },
      { url: "/api/account/password", data: { currentPassword: "x", newPassword: "y", confirmPassword: "y" }, status: 401, error: "unauthenticated" },
    ];
    for (const c of cases) {
      const res = await postJson(request, c.url, c.data, c.headers);
      expect(res.status(), `${c.url} ${String(typeof c.data === "string" ? c.data.slice(0, 40) : JSON.stringify(c.data))}`).toBe(c.status);
      expect(await res.json(), c.url).toMatchObject({ ok: false, error: c.error });
    }
  });

  test("the change endpoint checks its body too, for a signed-in user", async ({ page }) => {
    await signIn(page, "ansicht@schnittkunst.de");
    await page.waitForURL(/\/dashboard/);
    const api = page.request;
    const big = await postJson(api, "/api/account/password", JSON.stringify({ currentPassword: "x".repeat(1024 * 1024) }));
    expect(big.status()).toBe(413);
    const typed = await api.post("/api/account/password", { data: "x", headers: { "content-type": "text/plain" } });
    expect(typed.status()).toBe(415);
    const wrong = await postJson(api, "/api/account/password", { currentPassword: "falsch", newPassword: "Neu-und-lang-genug-4", confirmPassword: "Neu-und-lang-genug-4" });
    expect(wrong.status()).toBe(400);
    expect(await wrong.json()).toEqual({ ok: false, error: "wrong_current_password" });
    const weak = await postJson(api, "/api/account/password", { currentPassword: DEMO_PASSWORD, newPassword: "password1234", confirmPassword: "password1234" });
    expect(weak.status()).toBe(400);
    expect(await weak.json()).toEqual({ ok: false, error: "invalid_input", fieldErrors: { newPassword: ["common"] } });
    // Nothing changed: the demo password still works.
    await signOut(page);
    await signIn(page, "ansicht@schnittkunst.de");
    await page.waitForURL(/\/dashboard/);
  });
});
