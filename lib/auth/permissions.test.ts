import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { branches, userBranches, users, type UserRole } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { navItems } from "@/lib/config/nav";
import { settingsTabs } from "@/lib/config/settings-nav";
import {
  branchScope,
  branchScopedRoles,
  can,
  type Permission,
  permissionEntries,
  permissionTable,
  resources,
  roles,
  scopeOf,
  sectionPermissions,
  settingsTabPermissions,
} from "./permissions";

// The table is checked against an independent statement of the rules (written here, not read from
// the table): for every role × resource × action, including actions and resources the table does
// not have, `can` and `scopeOf` must say what these rules say.

const ALL_ROLES = ["platform_admin", "company_admin", "branch_manager", "staff", "viewer"] as const satisfies readonly UserRole[];
const ACTIONS = ["read", "create", "update", "delete", "manage"] as const;
type A = (typeof ACTIONS)[number];

/** Which actions each resource has: r c u d m. */
const EXPECTED_ACTIONS: Record<string, string> = {
  dashboard: "r",
  appointments: "rcud",
  customers: "rcud",
  staff: "rcud",
  services: "rcud",
  branches: "rcud",
  phone_numbers: "rcud",
  calls: "rud",
  callbacks: "rcud",
  invoices: "rm",
  settings: "ru",
  users: "rcud",
  permissions: "r",
  security_events: "r",
  audit: "r",
  api_tokens: "rcd",
  feature_flags: "rum",
  companies: "rcud",
  webhooks: "rm",
};
const letter: Record<A, string> = { read: "r", create: "c", update: "u", delete: "d", manage: "m" };
const exists = (resource: string, action: A) =>
  Object.hasOwn(EXPECTED_ACTIONS, resource) && EXPECTED_ACTIONS[resource]!.includes(letter[action]);

const ADMINISTRATIVE = new Set(["invoices", "users", "permissions", "security_events", "audit", "api_tokens", "feature_flags"]);

function expectedAllowed(role: UserRole, resource: string, action: A): boolean {
  if (!exists(resource, action)) return false;
  if (role === "platform_admin") return true;
  if (resource === "companies" || resource === "webhooks") return false;
  if (resource === "feature_flags" && action === "manage") return false;
  if (role === "company_admin") return true;
  if (resource === "settings") return true; // the own profile
  if (ADMINISTRATIVE.has(resource)) return false;
  if (role === "viewer") return action === "read";
  if (role === "branch_manager") {
    if (resource === "branches" || resource === "phone_numbers") return action === "read";
    if (resource === "customers") return action !== "delete";
    if (resource === "calls") return action === "read" || action === "update";
    return true; // dashboard, appointments, staff, services, callbacks
  }
  // staff
  if (resource === "appointments" || resource === "customers") return action !== "delete";
  return ["dashboard", "calls", "callbacks", "services", "staff", "branches"].includes(resource) && action === "read";
}

function expectedScope(role: UserRole, resource: string, action: A): "company" | "branches" | null {
  if (!expectedAllowed(role, resource, action)) return null;
  if (role !== "branch_manager" && role !== "staff") return "company";
  if (resource === "customers" || resource === "settings") return "company";
  if (resource === "services") return action === "read" ? "company" : "branches";
  return "branches";
}

describe("the permission table", () => {
  it("has exactly the resources and actions the rules expect", () => {
    const actual = Object.fromEntries(
      Object.entries(permissionTable).map(([resource, actions]) => [
        resource,
        ACTIONS.filter((a) => a in actions)
          .map((a) => letter[a])
          .join(""),
      ]),
    );
    expect(actual).toEqual(EXPECTED_ACTIONS);
    expect([...roles]).toEqual([...ALL_ROLES]);
  });

  it("grants only known roles, with a scope of company or branches", () => {
    for (const { permission, grants } of permissionEntries) {
      for (const [role, scope] of Object.entries(grants)) {
        expect(ALL_ROLES, permission).toContain(role);
        expect(["company", "branches"], `${permission} ${role}`).toContain(scope);
      }
    }
    expect(new Set(permissionEntries.map((e) => e.permission)).size).toBe(permissionEntries.length);
  });

  const cases = ALL_ROLES.flatMap((role) =>
    [...resources, "reports", "__proto__", "constructor"].flatMap((resource) =>
      ACTIONS.map((action) => ({ role, resource, action, allowed: expectedAllowed(role, resource, action) })),
    ),
  );

  it.each(cases)("$role → $resource:$action = $allowed", ({ role, resource, action, allowed }) => {
    const permission = `${resource}:${action}` as Permission;
    expect(can(role, permission)).toBe(allowed);
    expect(scopeOf(role, permission)).toBe(expectedScope(role, resource, action));
  });

  it.each(ALL_ROLES)("%s is refused malformed and unknown permissions", (role) => {
    const unknown = [
      "",
      ":",
      "appointments",
      "appointments:",
      ":read",
      "appointments:approve",
      "appointments:read:extra",
      "APPOINTMENTS:READ",
      " appointments:read",
      "appointments:read ",
      "appointments:constructor",
      "appointments:__proto__",
      "toString",
      "__proto__:read",
      "constructor:read",
      "hasOwnProperty:read",
      "*:*",
      "appointments:*",
    ];
    for (const p of unknown) {
      expect(can(role, p as Permission), p).toBe(false);
      expect(scopeOf(role, p as Permission), p).toBeNull();
    }
  });

  it("refuses a role that does not exist", () => {
    for (const { permission } of permissionEntries) {
      expect(can("owner" as UserRole, permission)).toBe(false);
      expect(can("toString" as UserRole, permission)).toBe(false);
    }
  });
});

describe("key rules, spelled out", () => {
  const allOf = (resource: string) => permissionEntries.filter((e) => e.resource === resource).map((e) => e.permission);

  it("companies and the webhook inbox are the platform admin's alone", () => {
    for (const p of [...allOf("companies"), ...allOf("webhooks")]) {
      expect(ALL_ROLES.filter((role) => can(role, p))).toEqual(["platform_admin"]);
    }
    expect(ALL_ROLES.filter((role) => can(role, "feature_flags:manage"))).toEqual(["platform_admin"]);
  });

  it("the platform admin may do everything, company-wide", () => {
    for (const { permission } of permissionEntries) expect(scopeOf("platform_admin", permission)).toBe("company");
  });

  it("the company admin may do everything but companies, flag definitions and the webhook inbox", () => {
    const refused = permissionEntries.filter((e) => !can("company_admin", e.permission)).map((e) => e.permission);
    expect(refused.sort()).toEqual([...allOf("companies"), "feature_flags:manage", ...allOf("webhooks")].sort());
  });

  it("a viewer never writes (its own profile aside) and sees nothing administrative", () => {
    for (const { permission, resource, action } of permissionEntries) {
      if (action !== "read" && resource !== "settings") expect(can("viewer", permission), permission).toBe(false);
      if (ADMINISTRATIVE.has(resource) || resource === "companies" || resource === "webhooks") expect(can("viewer", permission), permission).toBe(false);
    }
  });

  it("a branch manager never touches users, API tokens, feature flags, audit or security events", () => {
    for (const resource of ["users", "api_tokens", "feature_flags", "audit", "security_events", "permissions", "companies", "webhooks"]) {
      for (const p of allOf(resource)) expect(can("branch_manager", p), p).toBe(false);
    }
  });

  it("staff cannot delete anything, customers included", () => {
    for (const { permission, action } of permissionEntries) {
      if (action === "delete") expect(can("staff", permission), permission).toBe(false);
    }
    expect(can("staff", "customers:update")).toBe(true);
  });

  it("every role reaches the dashboard, calls and its own profile", () => {
    for (const role of ALL_ROLES) {
      for (const p of ["dashboard:read", "calls:read", "settings:read", "settings:update"] as const) expect(can(role, p), `${role} ${p}`).toBe(true);
    }
  });

  it("only admins read the permission matrix, the audit trail and security events", () => {
    for (const p of ["permissions:read", "audit:read", "security_events:read"] as const) {
      expect(ALL_ROLES.filter((role) => can(role, p))).toEqual(["platform_admin", "company_admin"]);
    }
  });

  it("branch-limited grants belong to branch managers and staff only", () => {
    expect([...branchScopedRoles].sort()).toEqual(["branch_manager", "staff"]);
    expect(scopeOf("branch_manager", "appointments:delete")).toBe("branches");
    expect(scopeOf("branch_manager", "customers:read")).toBe("company");
    expect(scopeOf("branch_manager", "services:read")).toBe("company");
    expect(scopeOf("branch_manager", "services:update")).toBe("branches");
    expect(scopeOf("staff", "calls:read")).toBe("branches");
    expect(scopeOf("viewer", "appointments:read")).toBe("company");
  });

  it("maps every sidebar section and settings tab to a permission of the table", () => {
    for (const item of navItems) expect(permissionEntries.map((e) => e.permission)).toContain(sectionPermissions[item.key]);
    for (const tab of settingsTabs) expect(permissionEntries.map((e) => e.permission)).toContain(settingsTabPermissions[tab.key]);
    // The viewer's sidebar: business sections, no invoices.
    const viewerNav = navItems.filter((item) => can("viewer", sectionPermissions[item.key])).map((item) => item.key);
    expect(viewerNav).not.toContain("invoices");
    expect(viewerNav).toContain("appointments");
  });
});

describe("branchScope (real database)", () => {
  async function createUser(companyId: string, role: Exclude<UserRole, "platform_admin">, branchIds: string[] = []) {
    const id = newId();
    await withCompany(companyId, async (tx) => {
      await tx.insert(users).values({
        id,
        companyId,
        email: `${role}-${id.slice(-12)}@example.test`,
        name: role,
        passwordHash: "$argon2id$x",
        role,
      });
      if (branchIds.length) await tx.insert(userBranches).values(branchIds.map((branchId) => ({ companyId, userId: id, branchId })));
    });
    return { id, role, companyId };
  }

  async function addBranch(companyId: string) {
    const id = newId();
    await withCompany(companyId, (tx) => tx.insert(branches).values({ id, companyId, name: `Filiale ${id.slice(-6)}`, timeZone: "Europe/Berlin" }));
    return id;
  }

  it("gives a branch manager exactly its branches, a company admin all (null)", async () => {
    const a = await createTestCompany("Scope A");
    const second = await addBranch(a.id);
    const third = await addBranch(a.id);
    const manager = await createUser(a.id, "branch_manager", [third, a.branchId]);
    const admin = await createUser(a.id, "company_admin");
    const viewer = await createUser(a.id, "viewer");

    const mine = [a.branchId, third].sort();
    expect(await branchScope(manager)).toEqual(mine);
    expect(await branchScope(manager, "appointments:read")).toEqual(mine);
    expect(await branchScope(manager)).not.toContain(second);
    expect(await branchScope(admin)).toBeNull();
    expect(await branchScope(admin, "appointments:delete")).toBeNull();
    expect(await branchScope(viewer, "appointments:read")).toBeNull();
    expect(await branchScope({ id: newId(), role: "platform_admin", companyId: a.id })).toBeNull();
  });

  it("follows the permission's scope, and sees nothing without the permission or without branches", async () => {
    const a = await createTestCompany("Scope B");
    const manager = await createUser(a.id, "branch_manager", [a.branchId]);
    const staffWithout = await createUser(a.id, "staff");
    const viewer = await createUser(a.id, "viewer");

    expect(await branchScope(manager, "customers:read")).toBeNull(); // customers are company-wide
    expect(await branchScope(manager, "services:update")).toEqual([a.branchId]);
    expect(await branchScope(manager, "users:read")).toEqual([]); // not permitted: nothing
    expect(await branchScope(viewer, "appointments:update")).toEqual([]);
    expect(await branchScope(staffWithout)).toEqual([]);
    expect(await branchScope(staffWithout, "appointments:read")).toEqual([]);
    expect(await branchScope({ ...manager, companyId: null })).toEqual([]);
  });

  it("reads only the user's own company (another company's assignments never leak)", async () => {
    const a = await createTestCompany("Scope C");
    const b = await createTestCompany("Scope D");
    const managerA = await createUser(a.id, "branch_manager", [a.branchId]);
    const managerB = await createUser(b.id, "branch_manager", [b.branchId]);
    expect(await branchScope(managerA)).toEqual([a.branchId]);
    expect(await branchScope(managerB)).toEqual([b.branchId]);
    // A's user read under B's company (a forged acting company): RLS shows nothing.
    expect(await branchScope({ ...managerA, companyId: b.id })).toEqual([]);
  });
});
