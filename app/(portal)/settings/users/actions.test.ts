import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { auditLog, users } from "@/db/schema";
import { createTestCompany } from "@/db/testing/fixtures";
import { mailedInvitationToken, owner, ORIGIN, tag, useTempMailbox } from "@/lib/users/test-support";
import { formOf, sessionOf, userIn } from "../actions-testing";
import type { UsersActionState } from "./actions";

// The users page's actions with a stubbed auth() and next/headers (see ../actions-testing.ts):
// the actor (name, request id, client) and the invitation link's origin come from
// lib/forms/actor.ts; lib/users writes the audit trail and the security events.

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

const { changeRoleAction, inviteAction } = await import("./actions");

const idle: UsersActionState = { ok: true, message: null, fieldErrors: {} };

let cleanup: () => void;
beforeAll(() => {
  cleanup = useTempMailbox("askpro-settings-users-mail-");
  vi.spyOn(console, "info").mockImplementation(() => {});
  // The link's origin then comes from the request's (loopback) Host, as on the embedded demo.
  vi.stubEnv("AUTH_URL", "");
});
afterAll(() => {
  cleanup();
  vi.unstubAllEnvs();
});

beforeEach(() => {
  state.session = null;
  state.headers = new Headers({ host: new URL(ORIGIN).host, "x-request-id": "req-users-1", "x-forwarded-for": "203.0.113.9", "user-agent": "Vitest" });
});

const roleOf = async (companyId: string, userId: string) =>
  (await withCompany(companyId, (tx) => tx.select({ role: users.role }).from(users).where(eq(users.id, userId))))[0]?.role;

describe("users actions", () => {
  it("invites with a link to the request's origin and records the actor, request id and client", async () => {
    const company = await createTestCompany("Team-Aktionen");
    const admin = await userIn(company.id, "company_admin");
    state.session = await sessionOf(admin);
    const email = `neu-${tag()}@example.test`;

    const result = await inviteAction(idle, formOf([["email", email], ["role", "viewer"], ["locale", "de"]]));
    expect(result).toMatchObject({ ok: true, message: "invited" });
    const { token } = await mailedInvitationToken(email);
    expect(token).toHaveLength(43);

    const trail = await withCompany(company.id, (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.companyId, company.id), eq(auditLog.tableName, "user_invitations"))),
    );
    expect(trail.map((entry) => [entry.action, entry.actorUserId, entry.requestId])).toEqual([["insert", admin, "req-users-1"]]);
    const [event] = await owner<{ user_id: string; ip: string; user_agent: string }>(
      "select user_id, ip, user_agent from security_events where type = 'invitation_created' and company_id = $1",
      [company.id],
    );
    expect(event).toEqual({ user_id: admin, ip: "203.0.113.9", user_agent: "Vitest" });
  });

  it("changes a role with the request id in the audit trail; company B's admin cannot change A's user", async () => {
    const a = await createTestCompany("Team-A");
    const b = await createTestCompany("Team-B");
    const adminA = await userIn(a.id, "company_admin");
    const adminB = await userIn(b.id, "company_admin");
    const staff = await userIn(a.id, "staff", "Anna Aushilfe");

    state.session = await sessionOf(adminB);
    expect(await changeRoleAction(idle, formOf([["userId", staff], ["role", "viewer"]]))).toMatchObject({ ok: false, message: "not_found" });
    expect(await roleOf(a.id, staff)).toBe("staff");

    state.session = await sessionOf(adminA);
    state.headers = new Headers({ "x-request-id": "req-users-2" });
    expect(await changeRoleAction(idle, formOf([["userId", staff], ["role", "viewer"]]))).toMatchObject({ ok: true, message: "roleChanged" });
    expect(await roleOf(a.id, staff)).toBe("viewer");
    const updates = await withCompany(a.id, (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.tableName, "users"), eq(auditLog.rowId, staff), eq(auditLog.action, "update"))),
    );
    expect(updates.map((entry) => [entry.actorUserId, entry.requestId])).toContainEqual([adminA, "req-users-2"]);
  });

  it("refuses a role without the permission with 403", async () => {
    const company = await createTestCompany("Team-Rolle");
    state.session = await sessionOf(await userIn(company.id, "branch_manager"));
    await expect(inviteAction(idle, formOf([["email", `x-${tag()}@example.test`], ["role", "viewer"]]))).rejects.toThrow("NEXT_FORBIDDEN");
  });
});
