import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { branches, users } from "@/db/schema";
import { recordSecurityEvent } from "@/lib/security/events";
import type { Actor } from "./types";

// Shared checks of the users page's writes, all inside the caller's withCompany transaction.

/** Every id is a live branch of the company (another company's branch is invisible under RLS). */
export async function allBranchesOfCompany(tx: Tx, branchIds: string[]): Promise<boolean> {
  if (branchIds.length === 0) return true;
  const found = await tx
    .select({ id: branches.id })
    .from(branches)
    .where(and(inArray(branches.id, branchIds), isNull(branches.deletedAt)));
  return found.length === branchIds.length;
}

/**
 * The company's active admins, locked: two admins demoting or deactivating each other at the
 * same moment are serialised here, so the second sees the first's change and the company always
 * keeps one active admin.
 */
export async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "company_admin"), eq(users.isActive, true)))
    .orderBy(users.id)
    .for("update");
  return rows.map((r) => r.id);
}

/** The company's user (null: none such in this company), locked for the change. */
export async function lockCompanyUser(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: users.id, role: users.role, isActive: users.isActive })
    .from(users)
    .where(and(eq(users.id, userId), sql`${users.companyId} is not null`))
    .for("update");
  return row ?? null;
}

/** One users-page security event: the actor as user, ids only in the details. */
export function recordUsersEvent(type: string, companyId: string, actor: Actor, details: Record<string, unknown>) {
  return recordSecurityEvent({
    type,
    companyId,
    userId: actor.userId,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
    details,
  });
}
