import { type APIRequestContext, expect, test } from "@playwright/test";
import { chooseLocale, DEMO_PASSWORD, DEMO_USERS, resumeSession, screenshot, signIn, signOut } from "./support";

test.describe("[AUTH] sign-in and the shell", () => {
  test("an anonymous visitor is sent to sign-in", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByTestId("sign-in-email")).toBeVisible();
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  for (const user of DEMO_USERS) {
    test(`${user.role} signs in, sees the shell in German and English, signs out`, async ({ page }) => {
      await signIn(page, user.email);
      if (user.role === "platform_admin") {
        // A platform admin first picks the company to act for.
        await page.waitForURL(/\/(select-company|dashboard)/);
        if (page.url().includes("select-company")) {
          await page.getByRole("button", { name: /Salon Schnittkunst/ }).click();
        }
      }
      await page.waitForURL(/\/dashboard/);
      await expect(page.getByTestId("app-sidebar")).toBeVisible();

      await chooseLocale(page, "de");
      await expect(page.getByTestId("nav-appointments")).toContainText("Termine");
      await expect(page.getByTestId("nav-customers")).toContainText("Kunden");
      if (user.role === "company_admin") await screenshot(page, "shell-de");

      await chooseLocale(page, "en");
      await expect(page.getByTestId("nav-appointments")).toContainText("Appointments");
      await expect(page.getByTestId("nav-customers")).toContainText("Customers");
      if (user.role === "company_admin") await screenshot(page, "shell-en");

      // A section that has not come yet says so instead of showing a fake table.
      // (Invoices, the last such section, is for admins only.)
      if (user.role === "company_admin" || user.role === "platform_admin") {
        await page.getByTestId("nav-invoices").click();
        await expect(page).toHaveURL(/\/invoices/);
        await expect(page.getByTestId("page-title")).toContainText("Invoices");
        await expect(page.getByTestId("coming-soon")).toBeVisible();
      } else {
        await expect(page.getByTestId("nav-invoices")).toHaveCount(0);
      }
      await chooseLocale(page, "de");

      await signOut(page);
      await page.goto("/dashboard");
      await expect(page).toHaveURL(/\/sign-in/);
    });
  }

  test("a wrong password shows one generic message and stays on sign-in", async ({ page }) => {
    await signIn(page, "inhaberin@schnittkunst.de", "falsches-passwort");
    await expect(page.getByTestId("sign-in-error")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the platform admin switches the company they act for", async ({ page }) => {
    // The saved session: the switch changes only this context's token.
    await resumeSession(page, "admin@askproai.de");
    await page.getByTestId("company-switcher").click();
    await page.getByRole("menuitemradio", { name: /Physio am Isartor/ }).click();
    await expect(page.getByTestId("company-switcher")).toContainText("Physio am Isartor");
    // The dashboard now counts the practice's team (4), not the salon's (11).
    await page.reload();
    await expect(page.getByTestId("company-switcher")).toContainText("Physio am Isartor");
    await screenshot(page, "platform-admin-switched");
  });
});

test.describe("[AUTH] bad input at the sign-in endpoint", () => {
  const post = (request: APIRequestContext, data: unknown) =>
    request.post("/api/auth/sign-in", {
      data: typeof data === "string" ? data : JSON.stringify(data),
      headers: { "content-type": "application/json" },
    });

  test("unknown email and wrong password answer the same 401", async ({ request }) => {
    const unknown = await post(request, { email: "niemand@example.de", password: "irgendwas" });
    const wrong = await post(request, { email: "inhaberin@schnittkunst.de", password: "irgendwas" });
    expect(unknown.status()).toBe(401);
    expect(wrong.status()).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  test("empty fields, oversized and SQL-looking input get a 4xx, never a 500", async ({ request }) => {
    const cases: [unknown, number][] = [
      [{ email: "", password: "" }, 400],
      [{}, 400],
      ["not json", 400],
      [{ email: "a".repeat(10_240), password: DEMO_PASSWORD }, 400],
      [{ email: "inhaberin@schnittkunst.de", password: "p".repeat(10_240) }, 400],
      [{ email: "' OR 1=1 --", password: "' OR '1'='1" }, 400],
      [{ email: "admin@askproai.de' --", password: "x" }, 400],
      [{ email: "admin@askproai.de", password: "' OR '1'='1'; DROP TABLE users; --" }, 401],
      [{ email: "x@y.de", password: "z".repeat(20_000) }, 413],
    ];
    for (const [body, status] of cases) {
      const res = await post(request, body);
      expect(res.status(), JSON.stringify(body).slice(0, 60)).toBe(status);
      const json = (await res.json()) as { ok: boolean; error: string };
      expect(json.ok).toBe(false);
    }
    // The database is intact and the real password still works (the admin's second step follows).
    const ok = await post(request, { email: "admin@askproai.de", password: DEMO_PASSWORD });
    expect(ok.status()).toBe(401);
    expect(await ok.json()).toEqual({ ok: false, error: "two_factor_required" });
  });

  test("ten failures in a row slow the next attempts down (429 + Retry-After), nobody else", async ({ request }) => {
    const attacker = { "content-type": "application/json", "x-forwarded-for": "198.51.100.7" };
    const body = JSON.stringify({ email: "gibt-es-nicht@example.de", password: "rate-mal" });
    for (let i = 0; i < 10; i++) {
      const res = await request.post("/api/auth/sign-in", { data: body, headers: attacker });
      expect(res.status()).toBe(401);
    }
    const throttled = await request.post("/api/auth/sign-in", { data: body, headers: attacker });
    expect(throttled.status()).toBe(429);
    expect(Number(throttled.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await throttled.json()) as unknown).toMatchObject({ ok: false, error: "throttled" });
    // Another account from another address is not affected.
    const other = await request.post("/api/auth/sign-in", {
      data: JSON.stringify({ email: "auch-nicht@example.de", password: "x" }),
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.8" },
    });
    expect(other.status()).toBe(401);
  });

  test("pages carry a nonce CSP and the security headers", async ({ request }) => {
    const res = await request.get("/sign-in");
    const h = res.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["strict-transport-security"]).toContain("max-age=");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const again = await request.get("/sign-in");
    expect(again.headers()["content-security-policy"]).not.toBe(h["content-security-policy"]);
  });

  test("the session cookie is httpOnly and SameSite=Lax", async ({ request }) => {
    const res = await request.post("/api/auth/sign-in", {
      data: JSON.stringify({ email: "ansicht@schnittkunst.de", password: DEMO_PASSWORD }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status()).toBe(200);
    const cookie = res.headersArray().find((x) => x.name.toLowerCase() === "set-cookie" && x.value.includes("session-token"));
    expect(cookie?.value).toMatch(/HttpOnly/i);
    expect(cookie?.value).toMatch(/SameSite=Lax/i);
  });
});

