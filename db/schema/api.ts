import { sql } from "drizzle-orm";
import { check, index, inet, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, sameCompany, timestamps } from "./_columns";
import { companies } from "./companies";
import { users } from "./users";

/**
 * A company's API token for /api/v1: shown once at creation; only its SHA-256 is stored, with the
 * first characters ("apk_xxxxxxxx") kept visible so an operator can tell tokens apart.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    name: text().notNull(),
    scopes: text().array().notNull(),
    tokenPrefix: text().notNull(),
    tokenHash: text().notNull(),
    createdBy: uuid(),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash),
    unique("api_tokens_company_id_id_key").on(t.companyId, t.id),
    index("api_tokens_company_id_created_at_idx").on(t.companyId, t.createdAt),
    sameCompany("api_tokens_created_by_fk", [t.companyId, t.createdBy], [users.companyId, users.id]),
    sameCompany("api_tokens_revoked_by_fk", [t.companyId, t.revokedBy], [users.companyId, users.id]),
    check("api_tokens_name_check", sql`char_length(${t.name}) between 1 and 80`),
    check("api_tokens_scopes_check", sql`cardinality(${t.scopes}) between 1 and 20`),
  ],
);

/**
 * Per-token use: last use and the current rate-limit window. Kept apart from api_tokens so that
 * every API request does not write an audit row; written only by the authenticating platform
 * function, readable by the company (the tokens page shows the last use).
 */
export const apiTokenUsage = pgTable(
  "api_token_usage",
  {
    tokenId: uuid().primaryKey(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    lastUsedAt: timestamp({ withTimezone: true }),
    lastUsedIp: inet(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    windowCount: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    sameCompany("api_token_usage_token_fk", [t.companyId, t.tokenId], [apiTokens.companyId, apiTokens.id]).onDelete(
      "cascade",
    ),
    index("api_token_usage_company_id_idx").on(t.companyId),
  ],
);

export type ApiToken = typeof apiTokens.$inferSelect;
