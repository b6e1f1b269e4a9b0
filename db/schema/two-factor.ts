import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamps } from "./_columns";
import { users } from "./users";

/**
 * A user's TOTP authenticator (RFC 6238). Private auth bookkeeping like user_sessions: only reached
 * through the app_* platform functions, the runtime role has no grant here. The secret is stored
 * encrypted with the field-encryption key ring (lib/crypto), never in plain text.
 * enabledAt null = enrolment started (secret shown as a QR code) but not yet confirmed with a code.
 */
export const userTwoFactor = pgTable(
  "user_two_factor",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    secretCiphertext: text().notNull(),
    enabledAt: timestamp({ withTimezone: true }),
    // The 30-second time step of the last code accepted: a code of that step or an earlier one is
    // refused, so a used (or intercepted) code cannot be used again.
    lastUsedStep: bigint({ mode: "number" }),
    ...timestamps,
  },
  (t) => [check("user_two_factor_last_used_step_check", sql`${t.lastUsedStep} is null or ${t.lastUsedStep} > 0`)],
);

/** Ten one-time recovery codes per enrolment, stored as hashes; a used one keeps its usedAt. */
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_recovery_codes_user_id_code_hash_key").on(t.userId, t.codeHash),
    index("user_recovery_codes_user_id_idx").on(t.userId),
  ],
);

export type UserTwoFactor = typeof userTwoFactor.$inferSelect;
