import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { claimWebhookEvent, finishWebhookEvent, insertWebhookEvent, type NewWebhookEvent } from "@/db/platform";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, messagesOf, ownerHandle, rejectionOf, sqlStateOf } from "@/db/testing/fixtures";
import { retellWebhookReceived } from "@/inngest/events";
import { insertDemoInbox } from "@/db/seed/voice";
import { createCompanyAdmin, createPlatformAdmin, tag } from "@/lib/companies/test-support";
import { retellEventKey } from "@/lib/retell/event-key";
import { parseRetellWebhook } from "@/lib/retell/payloads";
import { getWebhookInboxEvent, listWebhookInbox, nextStepOf, receivedAtOfId, replayRefusal, type WebhookInboxPage } from "./list";
import { replayWebhookEvents, type WebhookEventSender } from "./replay-webhook-events";

// The platform admin's webhook inbox on the real database, through the platform functions: the
// list with its filters, keyset pages both ways and the provider-event-id search; one event with
// its payload; replay (back to pending, handed to Inngest, a security event), refused to a
// company admin, bad ids as results. Every test uses its own event type, so the rows of other
// test files in a shared database do not get in the way.

const retell = (eventType: string, overrides: Partial<NewWebhookEvent> = {}): NewWebhookEvent => ({
  provider: "retell",
  eventType,
  providerEventId: `retell:call_${tag()}:${eventType}`,
  payload: { event: eventType, call: { call_id: `call_${tag()}` } },
  ...overrides,
});

async function insertMany(eventType: string, n: number, overrides: Partial<NewWebhookEvent> = {}) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await insertWebhookEvent(retell(eventType, overrides))).id);
  return ids; // oldest first
}

async function failed(eventType: string, error = "boom", overrides: Partial<NewWebhookEvent> = {}) {
  const { id } = await insertWebhookEvent(retell(eventType, overrides));
  await claimWebhookEvent(id);
  await finishWebhookEvent(id, { status: "failed", error });
  return id;
}

async function inboxRow(id: string) {
  const owner = await ownerHandle();
  const [row] = await owner.sql.query<{ status: string; attempts: number; last_error: string | null; processed_at: unknown; next_attempt_at: unknown }>(
    "select status, attempts, last_error, processed_at, next_attempt_at from webhook_events where id = $1",
    [id],
  );
  return row;
}

async function replayEventsOf(userId: string) {
  const owner = await ownerHandle();
  return owner.sql.query<{ company_id: string | null; user_id: string; ip: string | null; details: Record<string, unknown> }>(
    "select company_id, user_id, host(ip) ip, details from security_events where type = 'webhook_replayed' and user_id = $1 order by created_at, id",
    [userId],
  );
}

const ids = (page: WebhookInboxPage) => page.rows.map((r) => r.id);
const berlinDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(d);
const dayBefore = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** A sender that keeps what it was given. */
function recordingSender() {
  const sent: Parameters<WebhookEventSender>[0][] = [];
  const send: WebhookEventSender = async (events) => {
    sent.push(events);
    return { ids: events.map((e) => e.id) };
  };
  return { sent, send };
}

describe("listWebhookInbox", () => {
  it("lists newest first in keyset pages: next, next, and back again", async () => {
    const admin = await createPlatformAdmin();
    const type = `t_${tag()}`;
    const all = (await insertMany(type, 27)).reverse(); // newest first

    const first = await listWebhookInbox(admin.id, { type, size: 25 });
    expect(ids(first)).toEqual(all.slice(0, 25));
    expect(first.prevCursor).toBeNull();
    expect(first.total).toEqual({ value: 25, capped: true });
    expect(first.rows[0]).toMatchObject({ provider: "retell", eventType: type, status: "pending", attempts: 0, companyId: null, processedAt: null });
    expect(first.rows[0]!.receivedAt).toBe(receivedAtOfId(all[0]!).toISOString());

    const second = await listWebhookInbox(admin.id, { type, size: 25, after: first.nextCursor, page: 2 });
    expect(ids(second)).toEqual(all.slice(25));
    expect(second.nextCursor).toBeNull();
    expect(second.total).toEqual({ value: 27, capped: false });

    const back = await listWebhookInbox(admin.id, { type, size: 25, before: second.prevCursor, page: 1 });
    expect(ids(back)).toEqual(all.slice(0, 25));
    expect(back.prevCursor).toBeNull();
    expect(back.nextCursor).toBe(first.nextCursor);

    // A cursor that is not one of ours starts over at the first page instead of failing.
    for (const after of ["nonsense", "eyJ4IjoxfQ", "W10", "x".repeat(3000)]) {
      expect(ids(await listWebhookInbox(admin.id, { type, size: 25, after }))).toEqual(all.slice(0, 25));
    }
  });

  it("filters by provider, status, event type, company and received day", async () => {
    const admin = await createPlatformAdmin();
    const company = await createTestCompany("Inbox-Filter");
    const type = `f_${tag()}`;
    const [pendingId] = await insertMany(type, 1);
    const failedId = await failed(type, "lock timeout");
    const stripeId = (await insertWebhookEvent(retell(type, { provider: "stripe" }))).id;
    const ofCompany = (await insertWebhookEvent(retell(type, { companyId: company.id }))).id;

    expect(ids(await listWebhookInbox(admin.id, { type })).sort()).toEqual([pendingId, failedId, stripeId, ofCompany].sort());
    expect(ids(await listWebhookInbox(admin.id, { type, provider: "stripe" }))).toEqual([stripeId]);
    const onlyFailed = await listWebhookInbox(admin.id, { type, status: "failed" });
    expect(ids(onlyFailed)).toEqual([failedId]);
    expect(onlyFailed.rows[0]).toMatchObject({ status: "failed", attempts: 1, lastError: "lock timeout" });
    const companyRows = await listWebhookInbox(admin.id, { type, company: company.id });
    expect(ids(companyRows)).toEqual([ofCompany]);
    expect(companyRows.rows[0]!.companyName).toContain("Inbox-Filter");

    const today = berlinDay(new Date());
    expect(ids(await listWebhookInbox(admin.id, { type, from: today, to: today }))).toHaveLength(4);
    expect(ids(await listWebhookInbox(admin.id, { type, to: dayBefore(today) }))).toEqual([]);
    // Malformed filter values are no filter, never an error.
    expect(ids(await listWebhookInbox(admin.id, { type, status: "exploded", provider: "paypal", company: "x", from: "2026-02-30" }))).toHaveLength(4);
  });

  it("searches the provider event id (a substring, any case) and opens an inbox id directly", async () => {
    const admin = await createPlatformAdmin();
    const type = `s_${tag()}`;
    const callId = `call_${tag()}`;
    await insertMany(type, 3);
    const hit = (await insertWebhookEvent(retell(type, { providerEventId: `retell:${callId}:call_ended` }))).id;
    await insertMany(type, 2);

    const found = await listWebhookInbox(admin.id, { type, q: callId.toUpperCase() });
    expect(ids(found)).toEqual([hit]);
    expect(found.search).toMatchObject({ mode: "text", until: null });
    expect(found.nextCursor).toBeNull();

    const byId = await listWebhookInbox(admin.id, { q: hit });
    expect(ids(byId)).toEqual([hit]);
    expect(byId.search).toEqual({ mode: "id" });
    // Under a filter it does not match, the id finds nothing.
    expect(ids(await listWebhookInbox(admin.id, { q: hit, status: "failed" }))).toEqual([]);
    expect(ids(await listWebhookInbox(admin.id, { q: newId() }))).toEqual([]);
  });

  it("a search that runs out of its scan budget says how far it looked and continues from there", async () => {
    const admin = await createPlatformAdmin();
    const type = `b_${tag()}`;
    const needle = `needle_${tag()}`;
    const oldest = (await insertWebhookEvent(retell(type, { providerEventId: `retell:${needle}:call_started` }))).id;
    const rest = await insertMany(type, 6);

    const first = await listWebhookInbox(admin.id, { type, q: needle }, { scanRows: 4 });
    expect(first.rows).toEqual([]);
    expect(first.search).toEqual({ mode: "text", scanned: 4, until: receivedAtOfId(rest[2]!).toISOString() });
    expect(first.nextCursor).not.toBeNull();

    const second = await listWebhookInbox(admin.id, { type, q: needle, after: first.nextCursor, page: 2 }, { scanRows: 4 });
    expect(ids(second)).toEqual([oldest]);
    expect(second.search).toMatchObject({ until: null });
    expect(second.nextCursor).toBeNull();
    expect(second.prevCursor).not.toBeNull();
  });

  it("is refused (42501) to a company admin: the database checks, not only the page", async () => {
    const company = await createTestCompany("Kein Plattform-Admin");
    const companyAdmin = await createCompanyAdmin(company.id);
    const error = await rejectionOf(listWebhookInbox(companyAdmin.id, {}));
    expect(sqlStateOf(error), messagesOf(error)).toBe("42501");
    expect(sqlStateOf(await rejectionOf(getWebhookInboxEvent(companyAdmin.id, newId())))).toBe("42501");
  });
});

describe("getWebhookInboxEvent", () => {
  it("gives the event with its payload; null for an unknown or malformed id", async () => {
    const admin = await createPlatformAdmin();
    const event = retell(`g_${tag()}`);
    const { id } = await insertWebhookEvent(event);
    const one = await getWebhookInboxEvent(admin.id, id.toUpperCase());
    expect(one).toMatchObject({ id, provider: "retell", providerEventId: event.providerEventId, status: "pending" });
    expect(one?.payload).toEqual(event.payload);
    for (const bad of ["", "nope", "123", `${id}x`, "../../etc/passwd", "3f6c2a1e-9b7d-4c1a-8e2f-0123456789ab"]) {
      expect(await getWebhookInboxEvent(admin.id, bad), bad).toBeNull();
    }
    expect(await getWebhookInboxEvent(admin.id, newId())).toBeNull();
  });
});

describe("replayWebhookEvents", () => {
  it("puts a failed event back to pending, hands it to Inngest under a fresh id and records who did it", async () => {
    const admin = await createPlatformAdmin();
    const company = await createTestCompany("Replay");
    const id = await failed(`r_${tag()}`, "lock timeout", { companyId: company.id });
    const { sent, send } = recordingSender();

    const result = await replayWebhookEvents({ userId: admin.id, ip: "203.0.113.9", userAgent: "vitest" }, { ids: [id] }, { send });
    expect(result).toMatchObject({ ok: true, queued: true, skipped: [] });
    expect(result.ok && result.replayed).toEqual([
      expect.objectContaining({ id, provider: "retell", previousStatus: "failed", companyId: company.id }),
    ]);
    // Pending and due now; the attempts and the last error stay as history.
    const row = await inboxRow(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_error: "lock timeout", processed_at: null });
    expect(new Date(row!.next_attempt_at as string).getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual([{ id: expect.stringMatching(new RegExp(`^${id}:replay:`)), name: retellWebhookReceived.name, data: { webhookEventId: id } }]);
    // The processing function takes it as the route's own event (its schema validates the data).
    expect(retellWebhookReceived.name).toBe("retell/webhook.received");

    const events = await replayEventsOf(admin.id);
    expect(events).toEqual([
      {
        company_id: null,
        user_id: admin.id,
        ip: "203.0.113.9",
        details: expect.objectContaining({ eventId: id, provider: "retell", eventType: expect.stringMatching(/^r_/), previousStatus: "failed", eventCompanyId: company.id, queued: true }),
      },
    ]);
  });

  it("when Inngest cannot be reached the replay still stands (pending, for the redrive) and says so", async () => {
    const admin = await createPlatformAdmin();
    const id = await failed(`u_${tag()}`);
    const send: WebhookEventSender = async () => {
      throw new TypeError("fetch failed");
    };
    const result = await replayWebhookEvents({ userId: admin.id }, { ids: [id] }, { send });
    expect(result).toMatchObject({ ok: true, queued: false });
    expect((await inboxRow(id))?.status).toBe("pending");
    expect((await replayEventsOf(admin.id))[0]?.details).toMatchObject({ eventId: id, queued: false });
  });

  it("replays the selected events in one send and reports what it skipped and why", async () => {
    const admin = await createPlatformAdmin();
    const type = `m_${tag()}`;
    const a = await failed(type);
    const b = await failed(type);
    const busy = (await insertWebhookEvent(retell(type))).id;
    await claimWebhookEvent(busy);
    const stripe = (await insertWebhookEvent(retell(type, { provider: "stripe" }))).id;
    const unknown = newId();
    const { sent, send } = recordingSender();

    const result = await replayWebhookEvents({ userId: admin.id }, { ids: [a, b, a.toUpperCase(), busy, stripe, unknown] }, { send });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.replayed.map((e) => e.id)).toEqual([a, b]);
    expect(result.skipped).toEqual([
      { id: busy, reason: "busy" },
      { id: stripe, reason: "unsupported" },
      { id: unknown, reason: "not_found" },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((e) => e.data.webhookEventId)).toEqual([a, b]);
    expect(new Set(sent[0]!.map((e) => e.id)).size).toBe(2);
    expect((await inboxRow(busy))?.status).toBe("processing");
    expect((await inboxRow(stripe))?.status).toBe("pending");
    expect((await replayEventsOf(admin.id)).map((e) => e.details.eventId)).toEqual([a, b]);
  });

  it("is refused to a company admin: nothing changes, nothing is sent or recorded", async () => {
    const company = await createTestCompany("Replay verboten");
    const companyAdmin = await createCompanyAdmin(company.id);
    const id = await failed(`x_${tag()}`, "boom", { companyId: company.id });
    const { sent, send } = recordingSender();
    expect(await replayWebhookEvents({ userId: companyAdmin.id }, { ids: [id] }, { send })).toEqual({ ok: false, reason: "forbidden" });
    expect(await inboxRow(id)).toMatchObject({ status: "failed", last_error: "boom" });
    expect(sent).toEqual([]);
    expect(await replayEventsOf(companyAdmin.id)).toEqual([]);
  });

  it("answers malformed input with invalid, not an error", async () => {
    const admin = await createPlatformAdmin();
    const { sent, send } = recordingSender();
    for (const input of [[], ["not-a-uuid"], [newId(), "1; drop table webhook_events"], "x", null, Array.from({ length: 101 }, () => newId())]) {
      expect(await replayWebhookEvents({ userId: admin.id }, { ids: input }, { send }), JSON.stringify(input)?.slice(0, 40)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(sent).toEqual([]);
    expect(await replayEventsOf(admin.id)).toEqual([]);
  });
});

describe("the demo seed's inbox (db/seed/voice.ts insertDemoInbox)", () => {
  it("leaves processed, pending, failed (one given up) and ignored rows whose payloads are real Retell events", async () => {
    const admin = await createPlatformAdmin();
    const company = await createTestCompany("Demo-Inbox");
    const now = new Date();
    const liveId = `call_seed_${tag()}`;
    const endedId = `call_seed_${tag()}`;
    const live = {
      row: { companyId: company.id, branchId: company.branchId, retellCallId: liveId, direction: "inbound" as const, status: "ongoing" as const, fromNumber: "+4915112345678", toNumber: "+49302887469", startedAt: new Date(now.getTime() - 60_000) },
      turns: [
        { role: "agent" as const, content: "Salon Schnittkunst, hier ist Lina.", startMs: 600, endMs: 2400 },
        { role: "user" as const, content: "Hallo, ich hätte gern einen Termin.", startMs: 3000, endMs: 5200 },
      ],
    };
    const ended = {
      ...live.row,
      retellCallId: endedId,
      status: "ended" as const,
      startedAt: new Date(now.getTime() - 3 * 3_600_000),
      endedAt: new Date(now.getTime() - 3 * 3_600_000 + 95_000),
      durationMs: 95_000,
      disconnectionReason: "user_hangup",
      summary: "Frage nach Öffnungszeiten.",
      sentiment: "Positive",
      successful: true,
    };
    const n = await withCompany(company.id, (tx) => insertDemoInbox(tx, { companyId: company.id, now, liveCalls: [live], failedCall: ended }));

    const owner = await ownerHandle();
    const rows = await owner.sql.query<{ id: string; event_type: string; provider_event_id: string; status: string; attempts: number; last_error: string | null; company_id: string | null; next_attempt_at: unknown; payload: unknown }>(
      `select id, event_type, provider_event_id, status, attempts, last_error, company_id, next_attempt_at, payload from webhook_events
        where provider_event_id like $1 or provider_event_id like $2 or (event_type = 'chat_started' and received_at > $3::timestamptz - interval '2 minutes')
        order by received_at, id`,
      [`retell:${liveId}:%`, `retell:${endedId}:%`, now.toISOString()],
    );
    const mine = rows.filter((r) => r.event_type !== "chat_started" || (r.payload as { chat?: { start_timestamp?: number } }).chat?.start_timestamp === now.getTime() - 95_000);
    expect(mine).toHaveLength(n);
    const byStatus = (status: string) => mine.filter((r) => r.status === status).map((r) => r.event_type);
    expect(byStatus("processed")).toEqual(["call_started", "transcript_updated"]);
    expect(byStatus("pending")).toEqual(["transcript_updated"]);
    expect(byStatus("failed").sort()).toEqual(["call_analyzed", "call_ended"]);
    expect(byStatus("ignored")).toEqual(["chat_started"]);
    const givenUp = mine.find((r) => r.event_type === "call_ended")!;
    expect(givenUp).toMatchObject({ attempts: 8, next_attempt_at: null, last_error: expect.stringContaining("lock timeout") });
    expect(mine.find((r) => r.event_type === "call_analyzed")).toMatchObject({ attempts: 1, next_attempt_at: expect.anything() });
    expect(mine.filter((r) => r.status === "processed").every((r) => r.company_id === company.id)).toBe(true);

    for (const row of mine.filter((r) => r.event_type !== "chat_started")) {
      const parsed = parseRetellWebhook(row.payload);
      expect(parsed.ok, row.event_type).toBe(true);
      if (parsed.ok && row.event_type !== "transcript_updated") expect(retellEventKey(parsed.webhook, "")).toBe(row.provider_event_id);
    }
    // The admin page shows them: the given-up one under "failed", and it replays.
    const failedPage = await listWebhookInbox(admin.id, { status: "failed", q: endedId });
    expect(failedPage.rows.map((r) => r.eventType).sort()).toEqual(["call_analyzed", "call_ended"]);
    const { send } = recordingSender();
    expect(await replayWebhookEvents({ userId: admin.id }, { ids: [givenUp.id] }, { send })).toMatchObject({ ok: true, queued: true });
  });
});

describe("replayRefusal / nextStepOf (what the event page offers and says)", () => {
  const now = new Date("2026-03-10T10:00:00Z");
  const later = new Date("2026-03-10T10:05:00Z");
  const earlier = new Date("2026-03-10T09:55:00Z");

  it("refuses other providers and events a worker holds; a lapsed lease may be replayed", () => {
    expect(replayRefusal({ provider: "retell", status: "failed", nextAttemptAt: null }, now)).toBeNull();
    expect(replayRefusal({ provider: "retell", status: "processed", nextAttemptAt: null }, now)).toBeNull();
    expect(replayRefusal({ provider: "stripe", status: "failed", nextAttemptAt: null }, now)).toBe("unsupported");
    expect(replayRefusal({ provider: "retell", status: "processing", nextAttemptAt: later }, now)).toBe("busy");
    expect(replayRefusal({ provider: "retell", status: "processing", nextAttemptAt: earlier }, now)).toBeNull();
  });

  it("names the next step of each state", () => {
    expect(nextStepOf({ status: "failed", nextAttemptAt: null }, now)).toEqual({ kind: "givenUp" });
    expect(nextStepOf({ status: "failed", nextAttemptAt: later }, now)).toEqual({ kind: "retry", at: later });
    expect(nextStepOf({ status: "processing", nextAttemptAt: later }, now)).toEqual({ kind: "lease", at: later });
    expect(nextStepOf({ status: "pending", nextAttemptAt: later }, now)).toEqual({ kind: "redriveLater", at: later });
    expect(nextStepOf({ status: "pending", nextAttemptAt: earlier }, now)).toEqual({ kind: "redriveDue", at: earlier });
    expect(nextStepOf({ status: "processed", nextAttemptAt: null }, now)).toBeNull();
    expect(nextStepOf({ status: "ignored", nextAttemptAt: null }, now)).toBeNull();
  });
});
