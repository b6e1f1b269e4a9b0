"use server";

import { revalidatePath } from "next/cache";
import type { Permission } from "@/lib/auth/permissions";
import { type CompanyUser, requireCompanyUser } from "@/lib/auth/session";
import { currentLinkOrigin, currentRequestOrigin } from "@/lib/forms/actor";
import { changeUserRole } from "@/lib/users/change-user-role";
import { inviteUser, resendInvitation } from "@/lib/users/invite-user";
import { revokeInvitation } from "@/lib/users/revoke-invitation";
import { invitationIdSchema } from "@/lib/users/schemas";
import { setUserActive } from "@/lib/users/set-user-active";
import type { Actor, UsersError } from "@/lib/users/types";

// The users page's server actions. Bad input never throws: it comes back as a message code
// (users.messages.<message>) and per-field codes (users.fieldErrors.<code>). A missing permission
// is the usual 403 (requireCompanyUser). Security events are written by lib/users.

export type UsersMessage =
  | UsersError
  | "invited"
  | "invitedNoMail"
  | "resent"
  | "revoked"
  | "roleChanged"
  | "unchanged"
  | "deactivated"
  | "reactivated"
  | "generic";

export type UsersActionState = {
  ok: boolean;
  message: UsersMessage | null;
  fieldErrors: Record<string, string>;
  /** Changes with every answer, so a form can reset itself after a success. */
  at?: number;
};

const done = (message: UsersMessage): UsersActionState => ({ ok: true, message, fieldErrors: {}, at: Date.now() });
const failed = (error: UsersError, fieldErrors: Record<string, string> = {}): UsersActionState => ({
  ok: false,
  message: error,
  fieldErrors,
  at: Date.now(),
});

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : undefined);

/** The company user allowed `permission`, as lib/users records them (with the request's origin). */
async function actorOf(permission: Permission): Promise<{ user: CompanyUser; actor: Actor }> {
  const user = await requireCompanyUser({ permission });
  return { user, actor: { userId: user.id, name: user.name, ...(await currentRequestOrigin()) } };
}

function refresh() {
  revalidatePath("/settings/users");
}

/** Invites someone (email, role, branches for branch roles, language of the mail). */
export async function inviteAction(_previous: UsersActionState, formData: FormData): Promise<UsersActionState> {
  const { user, actor } = await actorOf("users:create");
  const result = await inviteUser(
    user.companyId,
    {
      email: text(formData.get("email")) ?? "",
      role: text(formData.get("role")),
      branchIds: formData.getAll("branchIds").filter((v) => typeof v === "string"),
      locale: text(formData.get("locale")),
    },
    actor,
    { origin: await currentLinkOrigin() },
  );
  if (!result.ok) return failed(result.error, result.fieldErrors);
  refresh();
  return done(result.mailed ? "invited" : "invitedNoMail");
}

/** Sends an open invitation again (mode=resend, a new link) or revokes it (mode=revoke). */
export async function invitationAction(_previous: UsersActionState, formData: FormData): Promise<UsersActionState> {
  const resend = text(formData.get("mode")) === "resend";
  const { user, actor } = await actorOf(resend ? "users:create" : "users:update");
  const parsed = invitationIdSchema.safeParse({ invitationId: text(formData.get("invitationId")) });
  if (!parsed.success) return failed("not_found");
  const result = resend
    ? await resendInvitation(user.companyId, parsed.data.invitationId, actor, { origin: await currentLinkOrigin() })
    : await revokeInvitation(user.companyId, parsed.data, actor);
  if (!result.ok) return failed(result.error, result.fieldErrors);
  refresh();
  if (!resend) return done("revoked");
  return done("mailed" in result && !result.mailed ? "invitedNoMail" : "resent");
}

/** Another user's role (and branches, for branch roles). */
export async function changeRoleAction(_previous: UsersActionState, formData: FormData): Promise<UsersActionState> {
  const { user, actor } = await actorOf("users:update");
  const result = await changeUserRole(
    user.companyId,
    {
      userId: text(formData.get("userId")),
      role: text(formData.get("role")),
      branchIds: formData.getAll("branchIds").filter((v) => typeof v === "string"),
    },
    actor,
  );
  if (!result.ok) return failed(result.error, result.fieldErrors);
  refresh();
  return done(result.changed ? "roleChanged" : "unchanged");
}

/** Deactivates (ending every session at once) or reactivates another user. */
export async function setActiveAction(_previous: UsersActionState, formData: FormData): Promise<UsersActionState> {
  const { user, actor } = await actorOf("users:update");
  const active = text(formData.get("active"));
  const result = await setUserActive(user.companyId, { userId: text(formData.get("userId")), active }, actor);
  if (!result.ok) return failed(result.error, result.fieldErrors);
  refresh();
  if (!result.changed) return done("unchanged");
  return done(active === "true" ? "reactivated" : "deactivated");
}
