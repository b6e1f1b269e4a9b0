// The roles the users page deals in, without any server import (the forms use them too).

/** The roles a company admin can give: never platform_admin. */
export const assignableRoles = ["company_admin", "branch_manager", "staff", "viewer"] as const;
export type AssignableRole = (typeof assignableRoles)[number];

/** Roles limited to branches (user_branches): they need at least one. */
export const branchRoles = ["branch_manager", "staff"] as const;
export const isBranchRole = (role: string): role is (typeof branchRoles)[number] => (branchRoles as readonly string[]).includes(role);
