import { beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { apiTokens, auditLog } from "@/db/schema";
import { createApiWorld, eventsOf } from "@/lib/api/testing";
import { enableTwoFactorForTest } from "@/lib/auth/two-factor-testing";
import { formOf as form, sessionOf, userIn } from "../actions-testing";
import type { CreateTokenState, RevokeTokenState } from "./actions";

// The API-tokens actions as the page calls them: the signed-in admin comes from a stubbed auth()
// (Auth.js is not under test), the request's headers from a stubbed next/headers; the user row,
// the permission check, the token, the audit trail and the security events are real. The actor
// and the request id come from lib/forms/actor.ts.

const state = vi.hoisted(() => ({ session: null as null | Record<string, unknown>, headers: new Headers() }));

vi.mock("@/lib/auth/index", () => ({ auth: async () => state.session }));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  forbidden: () => {
    throw new Error("NEXT_FORBIDDEN");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { createTokenAction, revokeTokenAction } = await import("./actions");

const idle: CreateTokenState = { ok: true, message: null, fieldErrors: {} };
const idleRevoke: RevokeTokenState = { ok: true, message: null };

async function signInAs(userId: string) {
  state.session = await sessionOf(userId);
}

async function adminWorld(name: string) {
  const world = await createApiWorld(name);
  await enableTwoFactorForTest(world.adminId);
  return world;
}

beforeEach(() => {
  state.session = null;
  state.headers = new Headers({ "x-request-id": "req-tokens-1", "x-forwarded-for": "203.0.113.7", "user-agent": "Vitest" });
});

describe("API-token actions", () => {
  it("create and revoke record the request id in the audit trail and the client in the security events", async () => {
    const world = await adminWorld("Token-Aktionen");
    await signInAs(world.adminId);
    const created = await createTokenAction(idle, form([["name", "Kalender"], ["scopes", "calls:read"]]));
    expect(created).toMatchObject({ ok: true, message: "created", name: "Kalender" });
    const [row] = await withCompany(world.companyId, (tx) => tx.select().from(apiTokens).where(eq(apiTokens.name, "Kalender")));
    expect(row).toMatchObject({ companyId: world.companyId, createdBy: world.adminId, revokedAt: null });

    state.headers = new Headers({ "x-request-id": "req-tokens-2", "x-forwarded-for": "203.0.113.8", "user-agent": "Vitest" });
    expect(await revokeTokenAction(idleRevoke, form([["tokenId", row!.id]]))).toEqual({ ok: true, message: "revoked" });

    const trail = await withCompany(world.companyId, (tx) => tx.select().from(auditLog).where(eq(auditLog.rowId, row!.id)).orderBy(auditLog.seq));
    expect(trail.map((entry) => [entry.action, entry.actorUserId, entry.requestId])).toEqual([
      ["insert", world.adminId, "req-tokens-1"],
      ["update", world.adminId, "req-tokens-2"],
    ]);
    const [createdEvent] = await eventsOf(world.companyId, "api_token_created");
    const [revokedEvent] = await eventsOf(world.companyId, "api_token_revoked");
    expect(createdEvent).toMatchObject({ userId: world.adminId, ip: "203.0.113.7", userAgent: "Vitest" });
    expect(revokedEvent).toMatchObject({ userId: world.adminId, ip: "203.0.113.8" });
  });

  it("drops a malformed request id rather than storing it", async () => {
    const world = await adminWorld("Token-Kennung");
    await signInAs(world.adminId);
    state.headers = new Headers({ "x-request-id": "bad id; drop table" });
    expect(await createTokenAction(idle, form([["name", "Ohne Kennung"], ["scopes", "calls:read"]]))).toMatchObject({ ok: true });
    const [row] = await withCompany(world.companyId, (tx) => tx.select().from(apiTokens).where(eq(apiTokens.name, "Ohne Kennung")));
    const [entry] = await withCompany(world.companyId, (tx) => tx.select().from(auditLog).where(eq(auditLog.rowId, row!.id)));
    expect(entry).toMatchObject({ actorUserId: world.adminId, requestId: null });
  });

  it("answers bad input with codes, never a throw", async () => {
    const world = await adminWorld("Token-Eingaben");
    await signInAs(world.adminId);
    expect(await createTokenAction(idle, form([["name", " "]]))).toMatchObject({ ok: false, message: "invalid", fieldErrors: { name: "required" } });
    expect(await revokeTokenAction(idleRevoke, form([["tokenId", "kein-token"]]))).toEqual({ ok: false, message: "not_found" });
  });

  it("company B's admin cannot revoke company A's token", async () => {
    const a = await adminWorld("Token-A");
    const b = await adminWorld("Token-B");
    await signInAs(a.adminId);
    await createTokenAction(idle, form([["name", "Nur A"], ["scopes", "calls:read"]]));
    const [row] = await withCompany(a.companyId, (tx) => tx.select().from(apiTokens).where(eq(apiTokens.name, "Nur A")));

    await signInAs(b.adminId);
    expect(await revokeTokenAction(idleRevoke, form([["tokenId", row!.id]]))).toEqual({ ok: false, message: "not_found" });
    const [after] = await withCompany(a.companyId, (tx) => tx.select().from(apiTokens).where(eq(apiTokens.id, row!.id)));
    expect(after!.revokedAt).toBeNull();
  });

  it("refuses a role without the permission with 403", async () => {
    const world = await adminWorld("Token-Rolle");
    await signInAs(await userIn(world.companyId, "viewer"));
    await expect(createTokenAction(idle, form([["name", "X"], ["scopes", "calls:read"]]))).rejects.toThrow("NEXT_FORBIDDEN");
  });
});
