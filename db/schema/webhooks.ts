import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { companies } from "./companies";

export const webhookProvider = pgEnum("webhook_provider", ["retell", "calcom", "stripe"]);
// pending → processing → processed | failed | ignored; failed (and a processing row whose lease
// ran out) is claimed again; an admin replay puts any finished row back to pending.
export const webhookEventStatus = pgEnum("webhook_event_status", ["pending", "processing", "processed", "failed", "ignored"]);

/**
 * The webhook inbox (design.md §5): every verified delivery of every provider, written by the
 * route handler before the company is known, processed by Inngest, redriven when Inngest could not
 * be reached. Reads and writes go through the SECURITY DEFINER functions of
 * drizzle/0024_voice_agent_tenancy.sql (wrapped in db/platform.ts); a company may read its own rows.
 *
 * Partitioned by month on received_at (the CREATE TABLE in drizzle/0023 says PARTITION BY RANGE,
 * which drizzle cannot express): transcript_updated alone arrives once per turn, so the inbox grows
 * by millions of rows a month and is useless after a few months. Retention then drops a month's
 * partition instead of deleting millions of rows (no bloat, no vacuum debt), and the admin list,
 * the per-company list and the redrive prune to the months they read. The price:
 *   - a unique index must contain received_at, so it cannot deduplicate (provider, provider event
 *     id) across months: webhook_event_keys below does, in the same transaction as the insert;
 *   - received_at is the time inside the row's UUIDv7 id (set by the insert function), so a lookup
 *     by id alone also names its partition;
 *   - partitions live in schema webhook_partitions, owned by askpro_platform like this table, and
 *     are created ahead by app_webhook_events_ensure_partitions (a monthly cron; the insert
 *     function also creates a missing month on the spot, so a late cron never loses an event).
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid().notNull(),
    provider: webhookProvider().notNull(),
    eventType: text().notNull(),
    providerEventId: text().notNull(),
    // Null until the processing resolves it (a Retell number → branch → company, a Cal.com event type).
    companyId: uuid().references(() => companies.id),
    payload: jsonb().$type<unknown>().notNull(),
    status: webhookEventStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    processedAt: timestamp({ withTimezone: true }),
    // When the redrive may pick the row up: pending rows a grace period after receipt (the route
    // sent them to Inngest already), failed rows after a backoff (null: given up, replay by hand),
    // processing rows when their lease runs out (a worker that died mid-way).
    nextAttemptAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "webhook_events_pkey", columns: [t.id, t.receivedAt] }),
    // The admin list: newest first (a backward scan), per month partition.
    index("webhook_events_received_at_id_idx").on(t.receivedAt, t.id),
    index("webhook_events_provider_event_type_received_at_idx").on(t.provider, t.eventType, t.receivedAt),
    index("webhook_events_company_id_received_at_idx").on(t.companyId, t.receivedAt),
    // The redrive: only rows that may still need work are in it, so it stays small.
    index("webhook_events_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'failed', 'processing')`),
    check("webhook_events_event_type_check", sql`char_length(${t.eventType}) between 1 and 100`),
    check("webhook_events_provider_event_id_check", sql`char_length(${t.providerEventId}) between 1 and 300`),
    check("webhook_events_attempts_check", sql`${t.attempts} >= 0`),
  ],
);

/**
 * Deduplication of the inbox: one row per (provider, provider event id) ever received (within
 * retention), pointing at its event. Not partitioned, so the primary key is global; written in
 * the same transaction as the event by app_webhook_event_insert. Platform functions only.
 */
export const webhookEventKeys = pgTable(
  "webhook_event_keys",
  {
    provider: webhookProvider().notNull(),
    providerEventId: text().notNull(),
    eventId: uuid().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "webhook_event_keys_pkey", columns: [t.provider, t.providerEventId] }),
    // Retention deletes keys together with the month partitions they point into.
    index("webhook_event_keys_received_at_idx").on(t.receivedAt),
  ],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type WebhookProvider = (typeof webhookProvider.enumValues)[number];
export type WebhookEventStatus = (typeof webhookEventStatus.enumValues)[number];
