import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, sameCompany } from "./_columns";
import { companies, locale } from "./companies";
import { userRole, users } from "./users";

/**
 * An invitation to join a company: a one-time link (only its SHA-256 is stored) valid for 72 hours.
 * Accepting it creates the user with the role (and, for branch roles, the branches) chosen here.
 */
export const userInvitations = pgTable(
  "user_invitations",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    email: text().notNull(),
    role: userRole().notNull(),
    // Branch roles: the branches the new user will be limited to (user_branches on acceptance).
    branchIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    locale: locale().notNull().default("de"),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    invitedBy: uuid(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedUserId: uuid(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_invitations_token_hash_key").on(t.tokenHash),
    // One open invitation per address and company; a new one replaces (revokes) the old.
    uniqueIndex("user_invitations_company_id_email_open_key")
      .on(t.companyId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index("user_invitations_company_id_created_at_idx").on(t.companyId, t.createdAt),
    sameCompany("user_invitations_invited_by_fk", [t.companyId, t.invitedBy], [users.companyId, users.id]),
    sameCompany("user_invitations_accepted_user_fk", [t.companyId, t.acceptedUserId], [users.companyId, users.id]),
    check("user_invitations_role_check", sql`${t.role} <> 'platform_admin'`),
    check("user_invitations_email_check", sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

export type UserInvitation = typeof userInvitations.$inferSelect;
