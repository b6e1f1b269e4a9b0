import "server-only";
import { z } from "zod";
import type { DatabaseHandle } from "@/db";
import {
  getWebhookEventForPlatformAdmin,
  listCompaniesForPlatformAdmin,
  listWebhookEventsForPlatformAdmin,
  type PlatformWebhookEvent,
  type WebhookEventCursor,
  type WebhookEventFilters,
} from "@/db/platform";
import type { CappedCount } from "@/lib/data-table/count";
import { decodeCursor, encodeCursor } from "@/lib/data-table/cursor";
import { dayStart, listStateBase, nextDay, optionalDay } from "@/lib/data-table/state";
import { isReplayableProvider, WEBHOOK_PROVIDERS, WEBHOOK_STATUSES } from "./constants";

// The platform's webhook inbox (/settings/webhooks) over app_platform_list_webhook_events: newest
// first, one value per filter (what the function takes), keyset pages. Three things the function
// does not do are done here:
//   - Paging back. The function only walks to older rows, so a page's cursor carries the ids that
//     started the pages before it (a stack, newest first; the received_at of a row is the time in
//     its UUIDv7 id, so the id alone is a cursor). "Next" pushes the last row shown, "previous"
//     pops. The stack keeps the last MAX_HISTORY pages: past that, "previous" ends on page 1.
//   - Search by provider event id (a substring, e.g. Retell's call id). There is no index for it,
//     so it scans the filtered inbox page by page from the cursor, at most SEARCH_SCAN_ROWS rows
//     per request; if that runs out first, the page says how far back it looked and "next"
//     continues from there. Narrowing the date range makes it exact and fast.
//   - An inbox id pasted into the search opens straight to that event (under the same filters).
// Times of the date filter are days in the platform's zone, PLATFORM_TIME_ZONE.

export const PLATFORM_TIME_ZONE = "Europe/Berlin";
export const WEBHOOK_SORTS = ["received.desc"] as const;
export const MAX_HISTORY = 40;
export const SEARCH_SCAN_ROWS = 5_000;
const SCAN_BATCH = 200;
const LIST_ERROR_LENGTH = 300;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const webhookEventIdSchema = z
  .string()
  .trim()
  .regex(UUID)
  .transform((id) => id.toLowerCase());

export const webhookListStateSchema = z.object({
  ...listStateBase(WEBHOOK_SORTS, "received.desc"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  provider: z.enum(WEBHOOK_PROVIDERS).nullish().catch(null),
  status: z.enum(WEBHOOK_STATUSES).nullish().catch(null),
  type: z.string().trim().min(1).max(100).nullish().catch(null),
  company: webhookEventIdSchema.nullish().catch(null),
  from: optionalDay,
  to: optionalDay,
});

export type WebhookListInput = Partial<Record<keyof z.output<typeof webhookListStateSchema>, unknown>>;

/** A row of the list, as the client table gets it (dates as ISO strings, the error cut short). */
export type WebhookInboxRow = Omit<PlatformWebhookEvent, "receivedAt" | "processedAt" | "nextAttemptAt"> & {
  receivedAt: string;
  processedAt: string | null;
  nextAttemptAt: string | null;
};

export type WebhookSearchInfo =
  | { mode: "none" }
  | { mode: "id" }
  /** until: received_at of the last row looked at when the scan stopped before the end (null: it reached the end or filled the page). */
  | { mode: "text"; scanned: number; until: string | null };

export type WebhookInboxPage = {
  rows: WebhookInboxRow[];
  nextCursor: string | null;
  prevCursor: string | null;
  /** What is known of the total: the rows up to this page, "+" when there are more. */
  total: CappedCount;
  search: WebhookSearchInfo;
};

// --- the page stack --------------------------------------------------------------------------

const stackShape = z.array(z.string().regex(/^[0-9a-f]{12}7[0-9a-f]{19}$/)).min(1).max(MAX_HISTORY);

const compact = (id: string) => id.replaceAll("-", "").toLowerCase();
const expand = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

function decodeStack(raw: string | null | undefined): string[] | null {
  const values = decodeCursor(raw, stackShape);
  return values ? values.map(expand) : null;
}

const encodeStack = (ids: string[]) => encodeCursor(ids.slice(0, MAX_HISTORY).map(compact));

/** The received_at of an inbox row, from its UUIDv7 id (the database sets it so). */
export function receivedAtOfId(id: string): Date {
  return new Date(parseInt(compact(id).slice(0, 12), 16));
}

const cursorOf = (id: string): WebhookEventCursor => ({ at: receivedAtOfId(id).toISOString(), id });

// --- the list --------------------------------------------------------------------------------

export type WebhookListOptions = { handle?: DatabaseHandle; /** The search's scan budget (default SEARCH_SCAN_ROWS). */ scanRows?: number };

export async function listWebhookInbox(platformAdminId: string, input: WebhookListInput, options: WebhookListOptions = {}): Promise<WebhookInboxPage> {
  const { handle, scanRows = SEARCH_SCAN_ROWS } = options;
  const state = webhookListStateSchema.parse(input);
  // after = the stack that leads to the page; before = the stack of the page to step back from.
  const stack = decodeStack(state.after) ?? decodeStack(state.before)?.slice(1) ?? [];
  const filters: WebhookEventFilters = {
    provider: state.provider ?? null,
    status: state.status ?? null,
    eventType: state.type ?? null,
    companyId: state.company ?? null,
    from: state.from ? dayStart(state.from, PLATFORM_TIME_ZONE) : null,
    to: state.to ? dayStart(nextDay(state.to), PLATFORM_TIME_ZONE) : null,
  };
  const list = (cursor: WebhookEventCursor | null, limit: number) =>
    listWebhookEventsForPlatformAdmin(platformAdminId, filters, { cursor, limit }, handle);

  const q = state.q;
  if (q !== "" && UUID.test(q)) {
    const event = await getWebhookEventForPlatformAdmin(platformAdminId, q.toLowerCase(), handle);
    const rows = event && matchesFilters(event, filters) ? [event] : [];
    return { rows: rows.map(toRow), nextCursor: null, prevCursor: null, total: { value: rows.length, capped: false }, search: { mode: "id" } };
  }

  const start = stack[0] ? cursorOf(stack[0]) : null;
  let shown: PlatformWebhookEvent[];
  let nextAnchor: string | null = null;
  let search: WebhookSearchInfo = { mode: "none" };

  if (q === "") {
    const { rows } = await list(start, state.size + 1);
    shown = rows.slice(0, state.size);
    if (rows.length > state.size) nextAnchor = shown.at(-1)!.id;
  } else {
    const needle = q.toLowerCase();
    const matches: PlatformWebhookEvent[] = [];
    let cursor = start;
    let scanned = 0;
    let last: PlatformWebhookEvent | null = null;
    let reachedEnd = false;
    scan: while (scanned < scanRows) {
      const batch = await list(cursor, Math.min(SCAN_BATCH, scanRows - scanned));
      for (const row of batch.rows) {
        scanned++;
        last = row;
        if (row.providerEventId.toLowerCase().includes(needle)) {
          matches.push(row);
          if (matches.length > state.size) break scan;
        }
      }
      if (!batch.nextCursor) {
        reachedEnd = true;
        break;
      }
      cursor = batch.nextCursor;
    }
    shown = matches.slice(0, state.size);
    if (matches.length > state.size) nextAnchor = shown.at(-1)!.id;
    else if (!reachedEnd && last) nextAnchor = last.id;
    search = { mode: "text", scanned, until: matches.length <= state.size && !reachedEnd && last ? last.receivedAt.toISOString() : null };
  }

  const page = stack.length > 0 ? Math.max(state.page, 2) : 1;
  const upTo = (page - 1) * state.size + shown.length;
  return {
    rows: shown.map(toRow),
    nextCursor: nextAnchor ? encodeStack([nextAnchor, ...stack]) : null,
    prevCursor: stack.length > 0 ? encodeStack(stack) : null,
    total: { value: upTo, capped: nextAnchor !== null },
    search,
  };
}

function matchesFilters(event: PlatformWebhookEvent, f: WebhookEventFilters): boolean {
  return (
    (!f.provider || event.provider === f.provider) &&
    (!f.status || event.status === f.status) &&
    (!f.eventType || event.eventType === f.eventType) &&
    (!f.companyId || event.companyId === f.companyId) &&
    (!f.from || event.receivedAt >= f.from) &&
    (!f.to || event.receivedAt < f.to)
  );
}

function toRow(event: PlatformWebhookEvent): WebhookInboxRow {
  const lastError = event.lastError && event.lastError.length > LIST_ERROR_LENGTH ? `${event.lastError.slice(0, LIST_ERROR_LENGTH)}…` : event.lastError;
  return {
    ...event,
    lastError,
    receivedAt: event.receivedAt.toISOString(),
    processedAt: event.processedAt?.toISOString() ?? null,
    nextAttemptAt: event.nextAttemptAt?.toISOString() ?? null,
  };
}

// --- one event, and the company filter's options --------------------------------------------

export type WebhookInboxEvent = PlatformWebhookEvent & { payload: unknown };

/** One event with its payload; null for a malformed or unknown id. */
export async function getWebhookInboxEvent(platformAdminId: string, id: string, handle?: DatabaseHandle): Promise<WebhookInboxEvent | null> {
  const parsed = webhookEventIdSchema.safeParse(id);
  if (!parsed.success) return null;
  return getWebhookEventForPlatformAdmin(platformAdminId, parsed.data, handle);
}

/** The companies to filter by: every live one, by name. */
export async function webhookCompanyOptions(platformAdminId: string, handle?: DatabaseHandle): Promise<{ id: string; name: string }[]> {
  const companies = await listCompaniesForPlatformAdmin(platformAdminId, handle);
  return companies.map((c) => ({ id: c.id, name: c.name })).sort((a, b) => a.name.localeCompare(b.name, "de"));
}

/**
 * Why an event cannot be replayed now, or null: no processing exists for its provider, or a
 * worker holds it (processing with a lease that has not run out; the database refuses those too).
 */
export function replayRefusal(event: Pick<PlatformWebhookEvent, "provider" | "status" | "nextAttemptAt">, now = new Date()): "unsupported" | "busy" | null {
  if (!isReplayableProvider(event.provider)) return "unsupported";
  if (event.status === "processing" && event.nextAttemptAt && event.nextAttemptAt > now) return "busy";
  return null;
}

export type WebhookNextStep =
  | { kind: "givenUp" }
  | { kind: "lease" | "retry" | "redriveLater" | "redriveDue"; at: Date };

/**
 * What happens to an event next, from its status and next_attempt_at: failed and given up (replay
 * by hand); processing until the lease ends; failed, retried at; pending, handed to Inngest again
 * by the redrive from (or, when that time has passed, as soon as the redrive runs). null: finished.
 */
export function nextStepOf(event: Pick<PlatformWebhookEvent, "status" | "nextAttemptAt">, now = new Date()): WebhookNextStep | null {
  if (event.status === "failed" && !event.nextAttemptAt) return { kind: "givenUp" };
  if (!event.nextAttemptAt || event.status === "processed" || event.status === "ignored") return null;
  if (event.status === "processing") return { kind: "lease", at: event.nextAttemptAt };
  if (event.status === "failed") return { kind: "retry", at: event.nextAttemptAt };
  return { kind: event.nextAttemptAt <= now ? "redriveDue" : "redriveLater", at: event.nextAttemptAt };
}
