import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { securityEvents, users, type UserRole } from "@/db/schema";
import type * as Platform from "@/db/platform";
import { revokeUserSession, startUserSession } from "@/db/platform";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { enableTwoFactorForTest } from "./two-factor-testing";

// requireUser / requireCompanyUser / requireApiUser on the real database: the session comes from
// a stubbed auth() (Auth.js itself is not under test here), the user row, the permission table and
// the security event are real. forbidden() and redirect() are stubbed to throw what they stand for.

const state = vi.hoisted(() => ({
  session: null as null | Record<string, unknown>,
  headers: new Headers(),
  failEventWrite: false,
}));

vi.mock("@/db/platform", async (importOriginal) => {
  const actual = await importOriginal<typeof Platform>();
  return {
    ...actual,
    recordSecurityEventRow: (...args: Parameters<typeof actual.recordSecurityEventRow>) =>
      state.failEventWrite ? Promise.reject(new Error("connection lost")) : actual.recordSecurityEventRow(...args),
  };
});

vi.mock("./index", () => ({ auth: async () => state.session }));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("next/navigation", () => ({
  forbidden: () => {
    throw new Error("NEXT_FORBIDDEN");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { requireApiUser, requireCompanyUser, requireUser } = await import("./session");

async function createUser(companyId: string, role: Exclude<UserRole, "platform_admin">) {
  const id = newId();
  await withCompany(companyId, (tx) =>
    tx.insert(users).values({ id, companyId, email: `s-${id.slice(-12)}@example.test`, name: "Sam", passwordHash: "$argon2id$x", role }),
  );
  return id;
}

/** A signed-in session as authorize leaves it: a user_sessions row and its id in the token. */
async function signInAs(userId: string | null) {
  const now = Date.now();
  if (!userId) {
    state.session = null;
    return;
  }
  const sessionId = crypto.randomUUID();
  await startUserSession({ id: sessionId, userId, ip: null, userAgent: "Vitest" });
  state.session = { user: { id: userId }, sessionId, sessionVersion: 1, signedInAt: now, lastSeenAt: now };
}

async function eventsOf(companyId: string, userId: string) {
  return withCompany(companyId, (tx) =>
    tx.select().from(securityEvents).where(sql`${securityEvents.userId} = ${userId}`),
  );
}

beforeEach(() => {
  state.failEventWrite = false;
  state.headers = new Headers({ "x-forwarded-for": "203.0.113.50", "user-agent": "Vitest", "x-pathname": "/settings/permissions" });
});

describe("requireUser with a permission", () => {
  it("lets an allowed role through and records nothing", async () => {
    const company = await createTestCompany("Session A");
    const admin = await createUser(company.id, "company_admin");
    await enableTwoFactorForTest(admin);
    await signInAs(admin);
    const user = await requireCompanyUser({ permission: "permissions:read" });
    expect(user).toMatchObject({ id: admin, role: "company_admin", companyId: company.id });
    expect(await eventsOf(company.id, admin)).toEqual([]);
  });

  it("refuses a denied permission with 403 after recording permission_denied", async () => {
    const company = await createTestCompany("Session B");
    const viewer = await createUser(company.id, "viewer");
    await signInAs(viewer);
    await expect(requireCompanyUser({ permission: "permissions:read" })).rejects.toThrow("NEXT_FORBIDDEN");
    const [event, ...rest] = await eventsOf(company.id, viewer);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: "permission_denied",
      companyId: company.id,
      userId: viewer,
      ip: "203.0.113.50",
      userAgent: "Vitest",
      details: { permission: "permissions:read", role: "viewer", path: "/settings/permissions" },
    });
  });

  it("takes a server action's path from its Referer", async () => {
    const company = await createTestCompany("Session C");
    const staff = await createUser(company.id, "staff");
    await signInAs(staff);
    state.headers = new Headers({ "next-action": "abc123", referer: "http://localhost:3000/dashboard?x=1" });
    await expect(requireUser({ permission: "companies:read" })).rejects.toThrow("NEXT_FORBIDDEN");
    const [event] = await eventsOf(company.id, staff);
    expect(event!.details).toEqual({ permission: "companies:read", role: "staff", path: "/dashboard" });
    expect(event!.ip).toBeNull();
  });

  it("records a refused role check the same way", async () => {
    const company = await createTestCompany("Session D");
    const viewer = await createUser(company.id, "viewer");
    await signInAs(viewer);
    state.headers = new Headers({ "x-pathname": "/settings/audit" });
    await expect(requireUser({ roles: ["company_admin"] })).rejects.toThrow("NEXT_FORBIDDEN");
    const [event] = await eventsOf(company.id, viewer);
    expect(event!.details).toEqual({ requiredRoles: ["company_admin"], role: "viewer", path: "/settings/audit" });
  });

  it("still answers 403 when the event cannot be written", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const company = await createTestCompany("Session F");
    const viewer = await createUser(company.id, "viewer");
    await signInAs(viewer);
    state.failEventWrite = true;
    await expect(requireCompanyUser({ permission: "users:delete" })).rejects.toThrow("NEXT_FORBIDDEN");
    expect(log).toHaveBeenCalledTimes(1);
    expect(await eventsOf(company.id, viewer)).toEqual([]);
  });

  it("sends the anonymous to sign-in and a platform admin without a company to pick one", async () => {
    await signInAs(null);
    await expect(requireUser({ permission: "dashboard:read" })).rejects.toThrow("NEXT_REDIRECT /sign-in");

    const adminId = newId();
    const owner = await ownerHandle();
    await owner.sql.query("select app_create_platform_admin($1::uuid, $2, $3, $4)", [adminId, `pa-${adminId.slice(-12)}@example.test`, "PA", "$argon2id$x"]);
    await enableTwoFactorForTest(adminId);
    await signInAs(adminId);
    await expect(requireCompanyUser({ permission: "dashboard:read" })).rejects.toThrow("NEXT_REDIRECT /select-company");
    expect(await requireUser({ permission: "companies:read" })).toMatchObject({ id: adminId, role: "platform_admin", companyId: null });
  });
});

describe("requireApiUser", () => {
  it("answers 401 JSON for the anonymous", async () => {
    await signInAs(null);
    const { response } = await requireApiUser({ permission: "calls:read" });
    expect(response!.status).toBe(401);
    expect(await response!.json()).toEqual({ ok: false, error: "unauthenticated" });
  });

  it("answers 403 JSON and records the event with the request's path", async () => {
    const company = await createTestCompany("Session E");
    const manager = await createUser(company.id, "branch_manager");
    await signInAs(manager);
    const request = new Request("http://localhost/api/v1/users?limit=5");
    const denied = await requireApiUser({ permission: "users:read", request });
    expect(denied.response!.status).toBe(403);
    expect(await denied.response!.json()).toEqual({ ok: false, error: "forbidden" });
    const [event] = await eventsOf(company.id, manager);
    expect(event!.details).toEqual({ permission: "users:read", role: "branch_manager", path: "/api/v1/users" });

    const allowed = await requireApiUser({ permission: "appointments:read", request });
    expect(allowed.user).toMatchObject({ id: manager, role: "branch_manager" });
    expect(await eventsOf(company.id, manager)).toHaveLength(1);
  });
});

describe("the session row behind the token", () => {
  it("refuses a token without a session id, an unknown one and an ended one", async () => {
    const company = await createTestCompany("Session rows");
    const viewer = await createUser(company.id, "viewer");
    await signInAs(viewer);
    expect(await requireUser({ permission: "settings:read" })).toMatchObject({ id: viewer, sessionId: state.session!.sessionId });

    const { sessionId, ...withoutSid } = state.session!;
    state.session = withoutSid;
    await expect(requireUser({ permission: "settings:read" })).rejects.toThrow("NEXT_REDIRECT /sign-in");
    state.session = { ...withoutSid, sessionId: crypto.randomUUID() };
    await expect(requireUser({ permission: "settings:read" })).rejects.toThrow("NEXT_REDIRECT /sign-in");
    state.session = { ...withoutSid, sessionId: "not-a-uuid" };
    await expect(requireUser({ permission: "settings:read" })).rejects.toThrow("NEXT_REDIRECT /sign-in");

    state.session = { ...withoutSid, sessionId };
    await revokeUserSession(viewer, sessionId as string);
    await expect(requireUser({ permission: "settings:read" })).rejects.toThrow("NEXT_REDIRECT /sign-in");
  });

  it("a session of another user does not sign anyone in", async () => {
    const company = await createTestCompany("Session theft");
    const a = await createUser(company.id, "viewer");
    const b = await createUser(company.id, "viewer");
    await signInAs(a);
    state.session = { ...state.session!, user: { id: b } };
    await expect(requireUser({ permission: "settings:read" })).rejects.toThrow("NEXT_REDIRECT /sign-in");
  });
});

describe("mandatory 2FA for the admin roles", () => {
  it("an admin without 2FA reaches only the enrolment: pages redirect, handlers answer 403", async () => {
    const company = await createTestCompany("Session 2FA");
    const admin = await createUser(company.id, "company_admin");
    await signInAs(admin);
    await expect(requireCompanyUser({ permission: "dashboard:read" })).rejects.toThrow("NEXT_REDIRECT /two-factor/setup");
    await expect(requireUser({ permission: "settings:read" })).rejects.toThrow("NEXT_REDIRECT /two-factor/setup");
    const api = await requireApiUser({ permission: "appointments:read" });
    expect(api.response!.status).toBe(403);
    expect(await api.response!.json()).toEqual({ ok: false, error: "two_factor_enrollment_required" });
    // The enrolment itself lets them through.
    expect(await requireUser({ duringTwoFactorEnrollment: true })).toMatchObject({ id: admin, mustEnrollTwoFactor: true });
    // A pending enrolment is not enough; a confirmed one is.
    await enableTwoFactorForTest(admin);
    expect(await requireCompanyUser({ permission: "dashboard:read" })).toMatchObject({ id: admin, mustEnrollTwoFactor: false });
  });

  it("the platform admin too, before even picking a company; other roles are not held", async () => {
    const adminId = newId();
    const owner = await ownerHandle();
    await owner.sql.query("select app_create_platform_admin($1::uuid, $2, $3, $4)", [adminId, `pa2-${adminId.slice(-12)}@example.test`, "PA", "$argon2id$x"]);
    await signInAs(adminId);
    await expect(requireCompanyUser({ permission: "dashboard:read" })).rejects.toThrow("NEXT_REDIRECT /two-factor/setup");

    const company = await createTestCompany("Session 2FA staff");
    for (const role of ["branch_manager", "staff", "viewer"] as const) {
      const id = await createUser(company.id, role);
      await signInAs(id);
      expect(await requireCompanyUser({ permission: "dashboard:read" })).toMatchObject({ id, mustEnrollTwoFactor: false });
    }
  });
});
