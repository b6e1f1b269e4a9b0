import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  inet,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, sameCompany, timestamps } from "./_columns";
import { branches, companies, locale } from "./companies";

export const userRole = pgEnum("user_role", [
  "platform_admin",
  "company_admin",
  "branch_manager",
  "staff",
  "viewer",
]);

export const users = pgTable(
  "users",
  {
    id: id(),
    // Null only for platform admins, who act for a company they pick (never for none).
    companyId: uuid().references(() => companies.id),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: userRole().notNull(),
    locale: locale().notNull().default("de"),
    isActive: boolean().notNull().default(true),
    // Bumped to end every session of the user (deactivation, password change).
    sessionVersion: integer().notNull().default(1),
    lastSignInAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    // Sign-in is by email across companies, so an address belongs to one account.
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    unique("users_company_id_id_key").on(t.companyId, t.id),
    index("users_company_id_role_idx").on(t.companyId, t.role),
    check(
      "users_company_role_check",
      sql`(${t.role} = 'platform_admin') = (${t.companyId} is null)`,
    ),
    check("users_email_check", sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

/** Only ever reached through the app_* platform functions: the runtime role has no grant here. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("password_resets_token_hash_key").on(t.tokenHash),
    index("password_resets_user_id_idx").on(t.userId),
    index("password_resets_expires_at_idx").on(t.expiresAt),
  ],
);

/** Every sign-in attempt, for throttling and the security log; no plaintext email is kept. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: id(),
    emailHash: text().notNull(),
    ip: inet(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    succeeded: boolean().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("sign_in_attempts_email_hash_created_at_idx").on(t.emailHash, t.createdAt),
    index("sign_in_attempts_ip_created_at_idx").on(t.ip, t.createdAt),
    index("sign_in_attempts_created_at_idx").on(t.createdAt),
  ],
);

/**
 * One row per sign-in (the id is the session token's sid): the user's session list, "end this
 * session" and "end all other sessions". Private auth bookkeeping like sign_in_attempts: only
 * reached through the app_* platform functions, the runtime role has no grant here.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // users.session_version at sign-in: a bumped version (deactivation, password change) ends the
    // session, so it is no longer listed as live.
    sessionVersion: integer().notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: inet(),
    userAgent: text(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedReason: text(),
  },
  (t) => [
    index("user_sessions_user_id_revoked_at_last_seen_at_idx").on(t.userId, t.revokedAt, t.lastSeenAt.desc()),
    check("user_sessions_user_agent_check", sql`char_length(${t.userAgent}) <= 512`),
    check(
      "user_sessions_revoked_reason_check",
      sql`${t.revokedReason} in ('sign_out', 'ended_by_user', 'ended_others')`,
    ),
  ],
);

/** The branches a branch manager (or a staff account) is limited to. */
export const userBranches = pgTable(
  "user_branches",
  {
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    userId: uuid().notNull(),
    branchId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.branchId] }),
    sameCompany("user_branches_user_fk", [t.companyId, t.userId], [users.companyId, users.id]).onDelete("cascade"),
    sameCompany("user_branches_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]).onDelete(
      "cascade",
    ),
    index("user_branches_company_id_branch_id_idx").on(t.companyId, t.branchId),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserSession = typeof userSessions.$inferSelect;
export type UserRole = (typeof userRole.enumValues)[number];
