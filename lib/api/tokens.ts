import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { withCompany } from "@/db";
import { apiTokens, apiTokenUsage, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { recordSecurityEvent } from "@/lib/security/events";
import { API_SCOPES, type ApiScope } from "./scopes";
import { generateApiToken } from "./token-format";

// A company's API tokens (settings → API tokens): create (the token is returned once and never
// again: only its SHA-256 and visible prefix are stored), list, revoke. Writes run under
// withCompany with the acting user and request, so the audit trail names them; creation and
// revocation are security events (ids and scopes only, never the token).

export const MAX_TOKEN_NAME = 80;

/** "YYYY-MM-DD": the token works through that day (UTC) and stops at the following midnight. */
const expiryDate = z.iso
  .date({ error: "date" })
  .transform((day) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000))
  .refine((end) => end.getTime() > Date.now() + 60_000, { error: "past" });

export const createApiTokenSchema = z.object({
  name: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required", abort: true })
    .max(MAX_TOKEN_NAME, { error: "tooLong" }),
  scopes: z
    .array(z.enum(API_SCOPES, { error: "scopes" }), { error: "scopes" })
    .min(1, { error: "scopes" })
    .transform((scopes) => API_SCOPES.filter((s) => scopes.includes(s))),
  expiresOn: z.preprocess((v) => (v === "" || v === null ? undefined : v), expiryDate.optional()),
});

export type CreateApiTokenField = "name" | "scopes" | "expiresOn";
export type ApiTokenFieldErrors = Partial<Record<CreateApiTokenField, string>>;

export type ApiTokenActor = {
  id: string;
  /** The company the user acts for. */
  companyId: string;
  /** The user's own company (null for a platform admin acting for a company). */
  homeCompanyId: string | null;
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
};

export type CreatedApiToken = { id: string; name: string; prefix: string; scopes: ApiScope[]; expiresAt: Date | null };

export type CreateApiTokenResult =
  | { ok: true; token: string; created: CreatedApiToken }
  | { ok: false; reason: "invalid"; fieldErrors: ApiTokenFieldErrors };

export async function createApiToken(actor: ApiTokenActor, input: unknown): Promise<CreateApiTokenResult> {
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: ApiTokenFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as CreateApiTokenField | undefined;
      if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { ok: false, reason: "invalid", fieldErrors };
  }
  const { name, scopes, expiresOn } = parsed.data;
  const { token, prefix, hash } = generateApiToken();
  const id = newId();
  await withCompany(
    actor.companyId,
    (tx) =>
      tx.insert(apiTokens).values({
        id,
        companyId: actor.companyId,
        name,
        scopes,
        tokenPrefix: prefix,
        tokenHash: hash,
        // created_by must be a user of this company: a platform admin acting for it is named by
        // the audit trail (app.user_id) instead.
        createdBy: actor.homeCompanyId === actor.companyId ? actor.id : null,
        expiresAt: expiresOn ?? null,
      }),
    { userId: actor.id, requestId: actor.requestId },
  );
  await recordSecurityEvent({
    type: "api_token_created",
    companyId: actor.companyId,
    userId: actor.id,
    ip: actor.ip,
    userAgent: actor.userAgent,
    details: { tokenId: id, scopes, expires: expiresOn ? expiresOn.toISOString() : null },
  });
  return { ok: true, token, created: { id, name, prefix, scopes, expiresAt: expiresOn ?? null } };
}

export type ApiTokenStatus = "active" | "expired" | "revoked";

export type ApiTokenListItem = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  createdByName: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  status: ApiTokenStatus;
};

export function tokenStatus(row: { revokedAt: Date | null; expiresAt: Date | null }, now = Date.now()): ApiTokenStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now) return "expired";
  return "active";
}

/** The company's tokens, newest first, with their last use. */
export async function listApiTokens(companyId: string): Promise<ApiTokenListItem[]> {
  const rows = await withCompany(companyId, (tx) =>
    tx
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        prefix: apiTokens.tokenPrefix,
        scopes: apiTokens.scopes,
        createdAt: apiTokens.createdAt,
        createdByName: users.name,
        expiresAt: apiTokens.expiresAt,
        revokedAt: apiTokens.revokedAt,
        lastUsedAt: apiTokenUsage.lastUsedAt,
      })
      .from(apiTokens)
      .leftJoin(users, eq(users.id, apiTokens.createdBy))
      .leftJoin(apiTokenUsage, eq(apiTokenUsage.tokenId, apiTokens.id))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
      .limit(200),
  );
  const now = Date.now();
  return rows.map((row) => ({ ...row, status: tokenStatus(row, now) }));
}

export type RevokeApiTokenResult = { ok: true } | { ok: false; reason: "not_found" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Revokes one of the company's tokens at once; an unknown, foreign or already revoked id: not_found. */
export async function revokeApiToken(actor: ApiTokenActor, tokenId: string): Promise<RevokeApiTokenResult> {
  if (!UUID.test(tokenId)) return { ok: false, reason: "not_found" };
  const revoked = await withCompany(
    actor.companyId,
    (tx) =>
      tx
        .update(apiTokens)
        .set({
          revokedAt: new Date(),
          revokedBy: actor.homeCompanyId === actor.companyId ? actor.id : null,
        })
        .where(and(eq(apiTokens.companyId, actor.companyId), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id }),
    { userId: actor.id, requestId: actor.requestId },
  );
  if (revoked.length === 0) return { ok: false, reason: "not_found" };
  await recordSecurityEvent({
    type: "api_token_revoked",
    companyId: actor.companyId,
    userId: actor.id,
    ip: actor.ip,
    userAgent: actor.userAgent,
    details: { tokenId },
  });
  return { ok: true };
}
