import { sql } from "drizzle-orm";
import { foreignKey, type PgColumn, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";

// UUIDv7 keys are generated in the app: time-ordered, so hot tables append to the right edge
// of their primary-key index instead of writing all over it (design.md §3).
export const newId = () => uuidv7();

export const id = () => uuid().primaryKey().$defaultFn(newId);

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const timestamps = {
  createdAt: createdAt(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => sql`now()`),
};

export const softDelete = {
  deletedAt: timestamp({ withTimezone: true }),
};

/**
 * A foreign key that also matches company_id, so a row can only reference a row of its own
 * company. Plain foreign-key checks bypass row-level security; this closes that gap.
 */
export function sameCompany(name: string, columns: [PgColumn, PgColumn], foreignColumns: [PgColumn, PgColumn]) {
  return foreignKey({ name, columns, foreignColumns });
}
