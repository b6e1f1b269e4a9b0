import type { UsersMessage } from "../actions";

const KNOWN: readonly UsersMessage[] = [
  "invalid_input",
  "not_found",
  "self",
  "last_admin",
  "email_taken",
  "invalid_branch",
  "invited",
  "invitedNoMail",
  "resent",
  "revoked",
  "roleChanged",
  "unchanged",
  "deactivated",
  "reactivated",
  "generic",
];

/** A catalog key under users.messages for an action's message code (unknown → generic). */
export const messageKey = (code: string | null): UsersMessage => (code && (KNOWN as readonly string[]).includes(code) ? (code as UsersMessage) : "generic");
