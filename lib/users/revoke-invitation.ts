import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { withCompany } from "@/db";
import { userInvitations } from "@/db/schema";
import { recordUsersEvent } from "./guards";
import { invitationIdSchema } from "./schemas";
import type { Actor, UsersFailure } from "./types";

/** Revokes an open invitation of the company: its link stops working at once. */
export async function revokeInvitation(
  companyId: string,
  input: unknown,
  actor: Actor,
  now: Date = new Date(),
): Promise<{ ok: true } | UsersFailure> {
  const parsed = invitationIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "not_found" };
  const { invitationId } = parsed.data;
  const revoked = await withCompany(
    companyId,
    (tx) =>
      tx
        .update(userInvitations)
        .set({ revokedAt: now })
        .where(and(eq(userInvitations.id, invitationId), isNull(userInvitations.acceptedAt), isNull(userInvitations.revokedAt)))
        .returning({ id: userInvitations.id }),
    { userId: actor.userId, requestId: actor.requestId },
  );
  if (revoked.length === 0) return { ok: false, error: "not_found" };
  await recordUsersEvent("invitation_revoked", companyId, actor, { invitationId, reason: "revoked" });
  return { ok: true };
}
