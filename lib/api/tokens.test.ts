import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { apiTokens, auditLog } from "@/db/schema";
import { ownerHandle } from "@/db/testing/fixtures";
import { createApiWorld, eventsOf, issueToken } from "./testing";
import { hashApiToken, isWellFormedApiToken } from "./token-format";
import { createApiToken, listApiTokens, revokeApiToken } from "./tokens";

// API tokens on the real database: created through lib/api/tokens.ts, read back as the company
// (RLS) and as the owner, to see what is stored and what is not.

describe("createApiToken", () => {
  it("returns the token once and stores only its SHA-256 and visible prefix", async () => {
    const world = await createApiWorld();
    const { token, created } = await issueToken(world, ["appointments:read", "calls:read"], { name: "Kalender-Sync" });
    expect(isWellFormedApiToken(token)).toBe(true);
    expect(token).toMatch(/^apk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(`${created.prefix}_`)).toBe(true);

    const owner = await ownerHandle();
    const [row] = await owner.sql.query<Record<string, unknown>>("select * from api_tokens where id = $1", [created.id]);
    expect(row).toMatchObject({ name: "Kalender-Sync", token_prefix: created.prefix, token_hash: hashApiToken(token), created_by: world.adminId });
    expect(row!.scopes).toEqual(["appointments:read", "calls:read"]);
    // The plain token is nowhere in the row, nor in the audit trail (token_hash is redacted there).
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await withCompany(world.companyId, (tx) => tx.select().from(auditLog).where(eq(auditLog.rowId, created.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(world.adminId);
    expect(JSON.stringify(audit[0])).not.toContain(hashApiToken(token));

    // Listing never shows the token again.
    const [listed] = await listApiTokens(world.companyId);
    expect(listed).toMatchObject({ id: created.id, prefix: created.prefix, status: "active", createdByName: "Anna Admin", lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token.slice(13));

    const [event] = await eventsOf(world.companyId, "api_token_created");
    expect(event).toMatchObject({ userId: world.adminId, details: { tokenId: created.id, scopes: ["appointments:read", "calls:read"] } });
    expect(JSON.stringify(event)).not.toContain(token);
  });

  it("makes a different token every time", async () => {
    const world = await createApiWorld();
    const a = await issueToken(world, ["calls:read"]);
    const b = await issueToken(world, ["calls:read"]);
    expect(a.token).not.toBe(b.token);
    expect(a.created.prefix).not.toBe(b.created.prefix);
  });

  it("refuses a missing or long name, unknown or no scopes and a past expiry, storing nothing", async () => {
    const world = await createApiWorld();
    const actor = { id: world.adminId, companyId: world.companyId, homeCompanyId: world.companyId };
    const cases: [unknown, Record<string, string>][] = [
      [{ name: "  ", scopes: ["calls:read"] }, { name: "required" }],
      [{ name: "x".repeat(81), scopes: ["calls:read"] }, { name: "tooLong" }],
      [{ name: "A", scopes: [] }, { scopes: "scopes" }],
      [{ name: "A", scopes: ["admin:all"] }, { scopes: "scopes" }],
      [{ name: "A", scopes: ["calls:read"], expiresOn: "2020-01-01" }, { expiresOn: "past" }],
      [{ name: "A", scopes: ["calls:read"], expiresOn: "morgen" }, { expiresOn: "date" }],
      [null, {}],
    ];
    for (const [input, fieldErrors] of cases) {
      const result = await createApiToken(actor, input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.fieldErrors).toMatchObject(fieldErrors);
    }
    expect(await listApiTokens(world.companyId)).toEqual([]);
  });

  it("stores an expiry date as the following midnight (UTC) and keeps the scopes in list order", async () => {
    const world = await createApiWorld();
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const { created } = await issueToken(world, ["calls:read", "appointments:read", "calls:read"], { expiresOn: day });
    expect(created.scopes).toEqual(["appointments:read", "calls:read"]);
    expect(created.expiresAt?.toISOString()).toBe(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString());
  });
});

describe("revokeApiToken", () => {
  it("revokes once, records who and when, and lists the token as revoked", async () => {
    const world = await createApiWorld();
    const { created } = await issueToken(world, ["appointments:read"]);
    const actor = { id: world.adminId, companyId: world.companyId, homeCompanyId: world.companyId };
    expect(await revokeApiToken(actor, created.id)).toEqual({ ok: true });
    expect(await revokeApiToken(actor, created.id)).toEqual({ ok: false, reason: "not_found" });
    const [row] = await withCompany(world.companyId, (tx) => tx.select().from(apiTokens).where(eq(apiTokens.id, created.id)));
    expect(row?.revokedAt).toBeInstanceOf(Date);
    expect(row?.revokedBy).toBe(world.adminId);
    expect((await listApiTokens(world.companyId))[0]?.status).toBe("revoked");
    const events = await eventsOf(world.companyId, "api_token_revoked");
    expect(events.map((e) => e.details)).toEqual([{ tokenId: created.id }]);
  });

  it("cannot touch another company's token (not_found, nothing changed)", async () => {
    const a = await createApiWorld("A");
    const b = await createApiWorld("B");
    const { created } = await issueToken(a, ["appointments:read"]);
    const result = await revokeApiToken({ id: b.adminId, companyId: b.companyId, homeCompanyId: b.companyId }, created.id);
    expect(result).toEqual({ ok: false, reason: "not_found" });
    expect((await listApiTokens(a.companyId))[0]?.status).toBe("active");
    expect(await listApiTokens(b.companyId)).toEqual([]);
    expect(await revokeApiToken({ id: b.adminId, companyId: b.companyId, homeCompanyId: b.companyId }, "nonsense")).toEqual({
      ok: false,
      reason: "not_found",
    });
  });

  it("lists a token past its expiry as expired", async () => {
    const world = await createApiWorld();
    const { created } = await issueToken(world, ["appointments:read"]);
    await withCompany(world.companyId, (tx) => tx.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, created.id)));
    expect((await listApiTokens(world.companyId))[0]?.status).toBe("expired");
  });
});
