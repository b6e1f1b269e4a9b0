import "server-only";
import { asc, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { userBranches, userRole, type UserRole } from "@/db/schema/users";
import type { NavKey } from "@/lib/config/nav";
import type { SettingsTabKey } from "@/lib/config/settings-nav";

// The one permission table (design.md §6): resource → action → the roles that may do it, each
// with the reach of the grant. Every page, action and handler asks requireUser/requireApiUser for
// a "<resource>:<action>" permission from here; the sidebar, the settings tabs and the matrix page
// at /settings/permissions read the same table. A role that is not listed for an action is refused.
//
// Scope: "company" = everything of the company the user acts for (for a platform admin: the
// company it picked; companies:* are the platform's own); "branches" = only the branches listed for
// the user in user_branches (branchScope below). Actions are read/create/update/delete, or
// "manage" where a resource has no finer split.

export type Scope = "company" | "branches";
export type Action = "read" | "create" | "update" | "delete" | "manage";
type Grants = Partial<Record<UserRole, Scope>>;

const C = "company";
const B = "branches";

export const permissionTable = {
  dashboard: {
    read: { platform_admin: C, company_admin: C, branch_manager: B, staff: B, viewer: C },
  },
  appointments: {
    read: { platform_admin: C, company_admin: C, branch_manager: B, staff: B, viewer: C },
    create: { platform_admin: C, company_admin: C, branch_manager: B, staff: B },
    update: { platform_admin: C, company_admin: C, branch_manager: B, staff: B },
    delete: { platform_admin: C, company_admin: C, branch_manager: B },
  },
  // Customers belong to the company, not to a branch (no branch column; a client may visit either
  // branch), so branch roles find them company-wide. Erasing one is left to the company admin: it
  // removes history that other branches share.
  customers: {
    read: { platform_admin: C, company_admin: C, branch_manager: C, staff: C, viewer: C },
    create: { platform_admin: C, company_admin: C, branch_manager: C, staff: C },
    update: { platform_admin: C, company_admin: C, branch_manager: C, staff: C },
    delete: { platform_admin: C, company_admin: C },
  },
  staff: {
    read: { platform_admin: C, company_admin: C, branch_manager: B, staff: B, viewer: C },
    create: { platform_admin: C, company_admin: C, branch_manager: B },
    update: { platform_admin: C, company_admin: C, branch_manager: B },
    delete: { platform_admin: C, company_admin: C, branch_manager: B },
  },
  // The catalogue is read company-wide; a branch manager changes only its branches' services
  // (a service without a branch is the company's and stays with the company admin).
  services: {
    read: { platform_admin: C, company_admin: C, branch_manager: C, staff: C, viewer: C },
    create: { platform_admin: C, company_admin: C, branch_manager: B },
    update: { platform_admin: C, company_admin: C, branch_manager: B },
    delete: { platform_admin: C, company_admin: C, branch_manager: B },
  },
  branches: {
    read: { platform_admin: C, company_admin: C, branch_manager: B, staff: B, viewer: C },
    create: { platform_admin: C, company_admin: C },
    update: { platform_admin: C, company_admin: C },
    delete: { platform_admin: C, company_admin: C },
  },
  phone_numbers: {
    read: { platform_admin: C, company_admin: C, branch_manager: B, viewer: C },
    create: { platform_admin: C, company_admin: C },
    update: { platform_admin: C, company_admin: C },
    delete: { platform_admin: C, company_admin: C },
  },
  // Calls come from the voice agent, never from a person: there is no create.
  calls: {
    read: { platform_admin: C, company_admin: C, branch_manager: B, staff: B, viewer: C },
    update: { platform_admin: C, company_admin: C, branch_manager: B },
    delete: { platform_admin: C, company_admin: C },
  },
  callbacks: {
    read: { platform_admin: C, company_admin: C, branch_manager: B, staff: B, viewer: C },
    create: { platform_admin: C, company_admin: C, branch_manager: B },
    update: { platform_admin: C, company_admin: C, branch_manager: B },
    delete: { platform_admin: C, company_admin: C, branch_manager: B },
  },
  // manage: payment method and billing details.
  invoices: {
    read: { platform_admin: C, company_admin: C },
    manage: { platform_admin: C, company_admin: C },
  },
  // The user's own profile, language, password and two-factor sign-in: everyone.
  settings: {
    read: { platform_admin: C, company_admin: C, branch_manager: C, staff: C, viewer: C },
    update: { platform_admin: C, company_admin: C, branch_manager: C, staff: C, viewer: C },
  },
  users: {
    read: { platform_admin: C, company_admin: C },
    create: { platform_admin: C, company_admin: C },
    update: { platform_admin: C, company_admin: C },
    delete: { platform_admin: C, company_admin: C },
  },
  permissions: {
    read: { platform_admin: C, company_admin: C },
  },
  security_events: {
    read: { platform_admin: C, company_admin: C },
  },
  audit: {
    read: { platform_admin: C, company_admin: C },
  },
  // delete = revoke.
  api_tokens: {
    read: { platform_admin: C, company_admin: C },
    create: { platform_admin: C, company_admin: C },
    delete: { platform_admin: C, company_admin: C },
  },
  // update: the company's own override of a flag; manage: the flags themselves (global default,
  // rollout percentage), which only the platform defines.
  feature_flags: {
    read: { platform_admin: C, company_admin: C },
    update: { platform_admin: C, company_admin: C },
    manage: { platform_admin: C },
  },
  // The tenants themselves: the platform's.
  companies: {
    read: { platform_admin: C },
    create: { platform_admin: C },
    update: { platform_admin: C },
    delete: { platform_admin: C },
  },
  // The webhook inbox of every provider and company (/settings/webhooks), the platform's: read
  // lists the deliveries and shows their payloads; manage replays them.
  webhooks: {
    read: { platform_admin: C },
    manage: { platform_admin: C },
  },
} as const satisfies Record<string, Partial<Record<Action, Grants>>>;

type Table = typeof permissionTable;
export type Resource = keyof Table;
/** "appointments:read", "companies:delete" …: exactly the entries of the table. */
export type Permission = { [R in Resource]: `${R}:${keyof Table[R] & string}` }[Resource];

export const roles: readonly UserRole[] = userRole.enumValues;
export const resources = Object.keys(permissionTable) as Resource[];

/** Every permission in table order, with the grants of each role. */
export const permissionEntries: readonly { permission: Permission; resource: Resource; action: Action; grants: Grants }[] =
  resources.flatMap((resource) =>
    Object.entries(permissionTable[resource]).map(([action, grants]) => ({
      permission: `${resource}:${action}` as Permission,
      resource,
      action: action as Action,
      grants: grants as Grants,
    })),
  );

const grantsOf = new Map<string, Grants>(permissionEntries.map((e) => [e.permission, e.grants]));

/** The reach of a role's grant, or null when the role may not do it (unknown permissions too). */
export function scopeOf(role: UserRole, permission: Permission): Scope | null {
  const grants = grantsOf.get(permission);
  if (!grants || !Object.hasOwn(grants, role)) return null;
  return grants[role] ?? null;
}

export function can(role: UserRole, permission: Permission): boolean {
  return scopeOf(role, permission) !== null;
}

/** Roles that hold at least one branch-limited grant. */
export const branchScopedRoles: ReadonlySet<UserRole> = new Set(
  permissionEntries.flatMap((e) => Object.entries(e.grants).flatMap(([role, scope]) => (scope === B ? [role as UserRole] : []))),
);

/**
 * Which branches a user's query may cover: null = all of the company's, otherwise the branch ids
 * from user_branches (read under the user's company). With a permission, its scope decides; a
 * permission the role lacks, or a branch role without branches, gives [] (sees nothing). Without
 * one, the role decides (branch_manager and staff are limited).
 */
export async function branchScope(
  user: { id: string; role: UserRole; companyId: string | null },
  permission?: Permission,
): Promise<string[] | null> {
  const scope = permission ? scopeOf(user.role, permission) : branchScopedRoles.has(user.role) ? B : C;
  if (scope === C) return null;
  if (scope === null || !user.companyId) return [];
  const rows = await withCompany(user.companyId, (tx) =>
    tx
      .select({ branchId: userBranches.branchId })
      .from(userBranches)
      .where(eq(userBranches.userId, user.id))
      .orderBy(asc(userBranches.branchId)),
  );
  return rows.map((r) => r.branchId);
}

/** What each sidebar section's page requires (the sidebar shows only what the role can read). */
export const sectionPermissions = {
  dashboard: "dashboard:read",
  appointments: "appointments:read",
  customers: "customers:read",
  staff: "staff:read",
  services: "services:read",
  branches: "branches:read",
  calls: "calls:read",
  callbacks: "callbacks:read",
  phoneNumbers: "phone_numbers:read",
  invoices: "invoices:read",
  companies: "companies:read",
  settings: "settings:read",
} as const satisfies Record<NavKey, Permission>;

/** What each settings tab's page requires. */
export const settingsTabPermissions = {
  profile: "settings:read",
  twoFactor: "settings:update",
  sessions: "settings:read",
  users: "users:read",
  apiTokens: "api_tokens:read",
  permissions: "permissions:read",
  security: "security_events:read",
  audit: "audit:read",
  flags: "feature_flags:read",
  webhooks: "webhooks:read",
} as const satisfies Record<SettingsTabKey, Permission>;
