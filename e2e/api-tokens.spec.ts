import { expect, test } from "@playwright/test";
import { resumeSession, screenshot } from "./support";

// Creating and using an API token (identity issue: API tokens and a REST API). The company admin
// makes a read-only token on the settings page, reads appointments with it, is refused a booking,
// fetches the OpenAPI document, then revokes the token in the UI, after which the API refuses it.

const ADMIN = "inhaberin@schnittkunst.de";

test.describe("[API TOKENS] settings → API tokens", () => {
  test("company admin creates a read-only token, uses it on /api/v1 and revokes it", async ({ page, context, request }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await resumeSession(page, ADMIN);
    await page.goto("/settings/api-tokens");
    await expect(page.getByTestId("page-title")).toHaveText("API-Tokens");
    await expect(page.getByTestId("api-openapi-link")).toHaveAttribute("href", "/api/v1/openapi.json");

    // An empty name is an inline error; nothing is created.
    await page.getByTestId("api-token-scope-appointments:read").check();
    await page.getByTestId("api-token-submit").click();
    await expect(page.getByTestId("api-token-name-error")).toHaveText("Bitte einen Namen eingeben.");
    await expect(page.getByTestId("api-token-created")).toHaveCount(0);

    const name = `E2E Kalender ${Date.now()}`;
    await page.getByTestId("api-token-name").fill(name);
    await page.getByTestId("api-token-submit").click();
    const shown = page.getByTestId("api-token-value");
    await expect(shown).toHaveText(/^apk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId("api-token-created")).toContainText("nur dieses eine Mal");
    await page.getByTestId("api-token-copy").click();
    await expect(page.getByTestId("api-token-copy")).toHaveText("Kopiert");
    const token = await page.evaluate(() => navigator.clipboard.readText());
    expect(token).toBe(await shown.textContent());
    await screenshot(page, "api-token-created");

    const row = page.locator(`[data-testid="api-token-row"][data-prefix="${token.slice(0, 12)}"]`);
    await expect(row.getByTestId("api-token-row-name")).toHaveText(name);
    await expect(row.getByTestId("api-token-row-status")).toHaveAttribute("data-status", "active");

    const headers = { Authorization: `Bearer ${token}` };
    const list = await request.get("/api/v1/appointments?limit=5", { headers });
    expect(list.status()).toBe(200);
    expect(list.headers()["ratelimit-limit"]).toBeTruthy();
    const page1 = (await list.json()) as { data: { id: string; branch_id: string; staff_id: string; service_id: string; customer_id: string }[]; next_cursor: string | null };
    expect(page1.data.length).toBeGreaterThan(0);
    expect(page1.next_cursor).toBeTruthy();
    const one = await request.get(`/api/v1/appointments/${page1.data[0]!.id}`, { headers });
    expect(one.status()).toBe(200);

    const first = page1.data[0]!;
    const booking = await request.post("/api/v1/appointments", {
      headers,
      data: { branch_id: first.branch_id, service_id: first.service_id, staff_id: first.staff_id, customer_id: first.customer_id, starts_at: "2030-01-07T10:00:00+01:00" },
    });
    expect(booking.status()).toBe(403);
    expect(await booking.json()).toMatchObject({ error: { code: "insufficient_scope" } });

    const openapi = await request.get("/api/v1/openapi.json");
    expect(openapi.status()).toBe(200);
    expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\.1\.\d+$/);

    // The last use shows on the page.
    await page.reload();
    await expect(row.getByTestId("api-token-row-last-used")).not.toHaveText("nie");

    // Revoke, with a confirmation step.
    await row.getByTestId("api-token-revoke").click();
    await row.getByTestId("api-token-revoke-confirm").click();
    await expect(page.getByTestId("api-token-message")).toHaveText("Token widerrufen.");
    await expect(row.getByTestId("api-token-row-status")).toHaveAttribute("data-status", "revoked");
    // Shown once: after a reload the token is nowhere on the page.
    await page.reload();
    await expect(page.getByTestId("api-token-value")).toHaveCount(0);
    expect(await page.content()).not.toContain(token);

    const refused = await request.get("/api/v1/appointments", { headers });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "invalid_token" } });
    expect(refused.headers()["www-authenticate"]).toContain('error="invalid_token"');
  });
});
