import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { withCompany } from "@/db";
import { branches, userBranches, userInvitations, users } from "@/db/schema";
import type { UserRole } from "@/db/schema/users";

// The users page's reads, under the company's row-level security: another company's users,
// invitations and branches are simply not there.

export type CompanyUserRow = {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  isActive: boolean;
  lastSignInAt: Date | null;
  branches: { id: string; name: string }[];
};

export type OpenInvitationRow = {
  id: string;
  email: string;
  role: UserRole;
  locale: "de" | "en";
  branches: { id: string; name: string }[];
  expiresAt: Date;
  createdAt: Date;
};

export type BranchOption = { id: string; name: string };

/** The company's branches that can be given to a user (not deleted), by name. */
export async function listAssignableBranches(companyId: string): Promise<BranchOption[]> {
  return withCompany(companyId, (tx) =>
    tx
      .select({ id: branches.id, name: branches.name })
      .from(branches)
      .where(isNull(branches.deletedAt))
      .orderBy(asc(branches.name), asc(branches.id)),
  );
}

/** The company's users (platform admins have no company and never appear) with their branches. */
export async function listCompanyUsers(companyId: string): Promise<CompanyUserRow[]> {
  return withCompany(companyId, async (tx) => {
    const rows = await tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        isActive: users.isActive,
        lastSignInAt: users.lastSignInAt,
      })
      .from(users)
      .where(eq(users.companyId, companyId))
      .orderBy(desc(users.isActive), asc(users.name), asc(users.id));
    const links = rows.length
      ? await tx
          .select({ userId: userBranches.userId, id: branches.id, name: branches.name })
          .from(userBranches)
          .innerJoin(branches, eq(branches.id, userBranches.branchId))
          .where(
            and(
              inArray(
                userBranches.userId,
                rows.map((r) => r.id),
              ),
              isNull(branches.deletedAt),
            ),
          )
          .orderBy(asc(branches.name))
      : [];
    return rows.map((r) => ({
      ...r,
      branches: links.filter((l) => l.userId === r.id).map(({ id, name }) => ({ id, name })),
    }));
  });
}

/** Invitations neither accepted nor revoked (expired ones too: they can be sent again), newest first. */
export async function listOpenInvitations(companyId: string): Promise<OpenInvitationRow[]> {
  return withCompany(companyId, async (tx) => {
    const rows = await tx
        .select({
          id: userInvitations.id,
          email: userInvitations.email,
          role: userInvitations.role,
          locale: userInvitations.locale,
          branchIds: userInvitations.branchIds,
          expiresAt: userInvitations.expiresAt,
          createdAt: userInvitations.createdAt,
        })
        .from(userInvitations)
        .where(and(isNull(userInvitations.acceptedAt), isNull(userInvitations.revokedAt)))
        .orderBy(desc(userInvitations.createdAt), desc(userInvitations.id));
    const branchRows = await tx.select({ id: branches.id, name: branches.name }).from(branches).where(isNull(branches.deletedAt));
    const byId = new Map(branchRows.map((b) => [b.id, b]));
    return rows.map(({ branchIds, ...r }) => ({
      ...r,
      branches: branchIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    }));
  });
}
