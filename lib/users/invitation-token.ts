import { createHash, randomBytes } from "node:crypto";

// The invitation link's secret, made like a password-reset token (lib/auth/password-reset.ts):
// 256 random bits, only the SHA-256 stored, single use.

export const INVITATION_TTL_HOURS = 72;

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The link in the mail; origin from resetLinkOrigin (AUTH_URL, or a loopback request host). */
export function invitationUrl(origin: string, token: string): string {
  return `${origin}/invite/${encodeURIComponent(token)}`;
}
