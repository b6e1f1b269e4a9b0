import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { isUserEmailTaken } from "@/db/platform-invitations";
import { companies, userInvitations, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { sendMail } from "@/lib/mail/send";
import { allBranchesOfCompany, recordUsersEvent } from "./guards";
import { INVITATION_TTL_HOURS, invitationUrl, newInvitationToken } from "./invitation-token";
import { firstFieldErrors, type InviteUserInput, inviteUserSchema } from "./schemas";
import type { Actor, UsersFailure } from "./types";

// Inviting someone to the company (and sending an invitation again, which is a new invitation
// with a new link): an address with an account anywhere is refused (email_taken), the branches
// must be the company's, an open invitation to the same address is revoked in the same
// transaction (one open invitation per company and address), and the mail goes out after the
// commit. Only the token's SHA-256 is stored; the link exists only in the mail.

export type InviteResult =
  | { ok: true; invitationId: string; expiresAt: Date; mailed: boolean; replacedInvitationId: string | null }
  | UsersFailure;

export type InviteOptions = {
  /** Where the link points (resetLinkOrigin of the request). */
  origin: string;
  now?: Date;
};

export async function inviteUser(companyId: string, input: unknown, actor: Actor, options: InviteOptions): Promise<InviteResult> {
  const parsed = inviteUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_input", fieldErrors: firstFieldErrors(parsed.error) };
  return createInvitation(companyId, parsed.data, actor, options);
}

/** A new link for an open (or expired) invitation; the old link stops working. */
export async function resendInvitation(
  companyId: string,
  invitationId: string,
  actor: Actor,
  options: InviteOptions,
): Promise<InviteResult> {
  const [invitation] = await withCompany(companyId, (tx) =>
    tx
      .select({
        email: userInvitations.email,
        role: userInvitations.role,
        branchIds: userInvitations.branchIds,
        locale: userInvitations.locale,
      })
      .from(userInvitations)
      .where(and(eq(userInvitations.id, invitationId), isNull(userInvitations.acceptedAt), isNull(userInvitations.revokedAt))),
  );
  if (!invitation || invitation.role === "platform_admin") return { ok: false, error: "not_found" };
  return createInvitation(companyId, { ...invitation, role: invitation.role }, actor, options);
}

async function createInvitation(
  companyId: string,
  input: InviteUserInput,
  actor: Actor,
  { origin, now = new Date() }: InviteOptions,
): Promise<InviteResult> {
  if (await isUserEmailTaken(input.email)) return { ok: false, error: "email_taken", fieldErrors: { email: "email_taken" } };

  const { token, tokenHash } = newInvitationToken();
  const invitationId = newId();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_HOURS * 3_600_000);

  const created = await withCompany(
    companyId,
    async (tx) => {
      if (!(await allBranchesOfCompany(tx, input.branchIds))) return null;
      const [company] = await tx
        .select({ name: companies.name, timeZone: companies.timeZone })
        .from(companies)
        .where(eq(companies.id, companyId));
      if (!company) return null;
      // A platform admin acting for the company is not one of its users: no inviter row then.
      const [inviter] = await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId));
      const replaced = await tx
        .update(userInvitations)
        .set({ revokedAt: now })
        .where(
          and(
            sql`lower(${userInvitations.email}) = ${input.email}`,
            isNull(userInvitations.acceptedAt),
            isNull(userInvitations.revokedAt),
          ),
        )
        .returning({ id: userInvitations.id });
      await tx.insert(userInvitations).values({
        id: invitationId,
        companyId,
        email: input.email,
        role: input.role,
        branchIds: input.branchIds,
        locale: input.locale,
        tokenHash,
        expiresAt,
        invitedBy: inviter?.id ?? null,
        createdAt: now,
      });
      return { company, replacedInvitationId: replaced[0]?.id ?? null };
    },
    { userId: actor.userId, requestId: actor.requestId },
  );
  if (!created) return { ok: false, error: "invalid_branch", fieldErrors: { branchIds: "invalid_branch" } };

  if (created.replacedInvitationId) {
    await recordUsersEvent("invitation_revoked", companyId, actor, {
      invitationId: created.replacedInvitationId,
      reason: "replaced",
      replacedBy: invitationId,
    });
  }
  let mailed = true;
  try {
    await sendMail({
      to: input.email,
      template: "invitation",
      locale: input.locale,
      timeZone: created.company.timeZone,
      data: {
        inviterName: actor.name,
        companyName: created.company.name,
        role: input.role,
        acceptUrl: invitationUrl(origin, token),
        expiresAt,
      },
    });
  } catch {
    // sendMail has logged it (without the address); the admin can send it again.
    mailed = false;
  }
  await recordUsersEvent("invitation_created", companyId, actor, {
    invitationId,
    role: input.role,
    branchIds: input.branchIds,
    mailed,
    ...(created.replacedInvitationId ? { replacedInvitationId: created.replacedInvitationId } : {}),
  });
  return { ok: true, invitationId, expiresAt, mailed, replacedInvitationId: created.replacedInvitationId };
}
