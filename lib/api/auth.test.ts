import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { apiTokens, apiTokenUsage, companies } from "@/db/schema";
import { ownerHandle } from "@/db/testing/fixtures";
import { GET } from "@/app/api/v1/appointments/route";
import { createApiWorld, eventsOf, issueToken } from "./testing";
import { revokeApiToken } from "./tokens";

// Authentication of /api/v1 through the real route handler and app_api_token_authenticate: every
// refused token is a 401 invalid_token with a security event that never holds the token; use and
// the per-minute window are recorded by the platform function.

const noParams = { params: Promise.resolve({}) };
const get = (authorization?: string, ip = "203.0.113.9") =>
  GET(
    new Request("http://localhost/api/v1/appointments", {
      headers: { ...(authorization ? { authorization } : {}), "x-forwarded-for": ip },
    }),
    noParams,
  );

async function usageOf(companyId: string, tokenId: string) {
  const [row] = await withCompany(companyId, (tx) => tx.select().from(apiTokenUsage).where(eq(apiTokenUsage.tokenId, tokenId)));
  return row;
}

afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
});

describe("API token authentication", () => {
  it("accepts a valid token and records its last use and IP", async () => {
    const w = await createApiWorld();
    const { token, created } = await issueToken(w, ["appointments:read"]);
    const response = await get(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("RateLimit-Limit")).toBe("120");
    expect(response.headers.get("RateLimit-Remaining")).toBe("119");
    expect(Number(response.headers.get("RateLimit-Reset"))).toBeGreaterThan(0);
    const usage = await usageOf(w.companyId, created.id);
    expect(usage?.lastUsedAt).toBeInstanceOf(Date);
    expect(usage?.lastUsedIp).toBe("203.0.113.9");
    expect(usage?.windowCount).toBe(1);
  });

  it("answers 401 invalid_token for a missing, malformed, unknown, revoked or expired token, with a security event", async () => {
    const w = await createApiWorld();
    const revoked = await issueToken(w, ["appointments:read"]);
    await revokeApiToken({ id: w.adminId, companyId: w.companyId, homeCompanyId: w.companyId }, revoked.created.id);
    const expired = await issueToken(w, ["appointments:read"]);
    await withCompany(w.companyId, (tx) => tx.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.created.id)));
    const unknown = `apk_abcdefgh_${"A".repeat(43)}`;

    const cases: [string | undefined, string][] = [
      [undefined, "missing"],
      ["Basic dXNlcjpwYXNz", "malformed"],
      ["Bearer not-a-token", "malformed"],
      [`Bearer ${revoked.token}x`, "malformed"],
      [`Bearer ${unknown}`, "unknown"],
      [`Bearer ${revoked.token}`, "revoked"],
      [`Bearer ${expired.token}`, "expired"],
    ];
    for (const [authorization, reason] of cases) {
      const response = await get(authorization);
      expect(response.status, reason).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
      expect(await response.json()).toMatchObject({ error: { code: "invalid_token" } });
    }
    // Revoked and expired tokens are known: their events belong to the company, and no use is recorded.
    const events = await eventsOf(w.companyId, "api_token_rejected");
    expect(events.map((e) => e.details)).toEqual([
      { reason: "revoked", tokenId: revoked.created.id, method: "GET", path: "/api/v1/appointments" },
      { reason: "expired", tokenId: expired.created.id, method: "GET", path: "/api/v1/appointments" },
    ]);
    expect(JSON.stringify(events)).not.toContain(revoked.token);
    expect(await usageOf(w.companyId, revoked.created.id)).toBeUndefined();
    // The others have no company: they are the platform's.
    const owner = await ownerHandle();
    const platform = await owner.sql.query<{ details: { reason: string } }>(
      "select details from security_events where type = 'api_token_rejected' and company_id is null and details->>'reason' = 'unknown' and ip = '203.0.113.9'",
    );
    expect(platform.length).toBeGreaterThan(0);
    expect(JSON.stringify(platform)).not.toContain(unknown);
  });

  it("refuses the token of a company that is no longer active", async () => {
    const w = await createApiWorld();
    const { token } = await issueToken(w, ["appointments:read"]);
    await withCompany(w.companyId, (tx) => tx.update(companies).set({ status: "suspended" }).where(eq(companies.id, w.companyId)));
    expect((await get(`Bearer ${token}`)).status).toBe(401);
  });

  it("answers 429 rate_limited past the per-minute limit, per token, until the window ends", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    const w = await createApiWorld();
    const { token, created } = await issueToken(w, ["appointments:read"]);
    const other = await issueToken(w, ["appointments:read"]);
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await get(`Bearer ${token}`);
      expect(response.status).toBe(200);
      remaining.push(response.headers.get("RateLimit-Remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await get(`Bearer ${token}`);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect(limited.headers.get("RateLimit-Limit")).toBe("3");
    expect(limited.headers.get("RateLimit-Remaining")).toBe("0");
    // Another token of the same company has its own window.
    expect((await get(`Bearer ${other.token}`)).status).toBe(200);
    // Once the window is over, the token works again.
    const owner = await ownerHandle();
    await owner.sql.query("update api_token_usage set window_started_at = now() - interval '61 seconds' where token_id = $1", [created.id]);
    const again = await get(`Bearer ${token}`);
    expect(again.status).toBe(200);
    expect(again.headers.get("RateLimit-Remaining")).toBe("2");
  });

  it("the runtime role cannot write api_token_usage itself", async () => {
    const w = await createApiWorld();
    const { created } = await issueToken(w, ["appointments:read"]);
    await expect(
      withCompany(w.companyId, (tx) => tx.insert(apiTokenUsage).values({ tokenId: created.id, companyId: w.companyId, windowCount: 0 })),
    ).rejects.toThrow();
  });
});
