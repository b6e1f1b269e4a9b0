import { bigint, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const migrationOutcome = pgEnum("migration_outcome", ["applied", "failed"]);

/** One row per migration the migrate script ran: name, start, duration, outcome. */
export const migrationRuns = pgTable("migration_runs", {
  id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  durationMs: integer().notNull(),
  outcome: migrationOutcome().notNull(),
  error: text(),
});
