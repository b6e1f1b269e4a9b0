import "server-only";
import { createHash } from "node:crypto";
import { finishWebhookEvent, claimWebhookEvent, insertWebhookEvent, insertWebhookEvents, type NewWebhookEvent, type StoredWebhookEvent } from "@/db/platform";
import { newId } from "@/db/schema/_columns";
import { inngest } from "@/inngest/client";
import { coalesce } from "@/lib/coalesce";
import { retellWebhookReceived } from "@/inngest/events";
import { readRetellEnv } from "@/lib/env";
import { retellEventKey } from "@/lib/retell/event-key";
import { parseRetellWebhook, retellInboundRequestSchema } from "@/lib/retell/payloads";
import { RETELL_SIGNATURE_HEADER, verifyRetellSignature } from "@/lib/retell/signature";
import { recordSecurityEvent, requestInfo } from "@/lib/security/events";
import { answerInbound } from "./inbound-answer";
import { parseJson, readRawBody } from "./raw-body";

// POST /api/webhooks/retell, the handler behind the route: size limit → signature → JSON, then
//   call_inbound          answered now (it decides whether and how the agent picks up);
//   call events           stored in the inbox (deduplicated), 200 once stored, handed to Inngest;
//   other event names     stored as ignored (chat_*, kinds Retell adds later), 204.
// The inbox row is what the acknowledgement promises (design.md §5): the event goes to Inngest
// right after the answer, gathered for up to 50 ms with the events of other deliveries into one
// inngest.send (lib/coalesce.ts; one HTTP request for many: under load, a send per delivery would
// cost more than everything else the route does). A send that fails, or a process that dies in
// between, leaves the row pending, and the redrive sends it within minutes. Under load,
// deliveries arriving together also share one inbox INSERT (one round trip, one commit); each is
// answered only once its own row is stored. Nothing is processed inline, nothing here ever answers
// 500, and the body is never logged (it is a caller's personal data).

export type RetellEventSender = (event: { id: string; name: string; data: { webhookEventId: string } }) => Promise<unknown>;

export type RetellWebhookDeps = {
  /** The keys a signature may be made with (default: RETELL_API_KEY). */
  apiKeys?: () => string[];
  /**
   * Hands a stored event to Inngest, awaited before the answer (tests). Default: inngest.send in
   * the background, batched.
   */
  send?: RetellEventSender;
  now?: () => Date;
};

/** RETELL_API_KEY through the validated environment (lib/env.ts), read per request. */
function envKeys(): string[] {
  const key = readRetellEnv().RETELL_API_KEY;
  return key ? [key] : [];
}
type Stored = StoredWebhookEvent | { failed: unknown };

/** Stores a batch of deliveries; if the batch statement fails, each alone, so one bad row fails only its own delivery. */
async function storeBatch(events: NewWebhookEvent[]): Promise<Stored[]> {
  const alone = (event: NewWebhookEvent) => insertWebhookEvent(event).catch((failed: unknown) => ({ failed }));
  if (events.length === 1) return [await alone(events[0]!)];
  try {
    return await insertWebhookEvents(events);
  } catch {
    return Promise.all(events.map(alone));
  }
}
// At most two batches at once, each waiting 2 ms for company: under load a batch gathers a dozen
// deliveries (one statement, one commit), at the cost of 2 ms on the answer.
const storeCoalesced = coalesce(storeBatch, { maxBatch: 100, maxInFlight: 2, lingerMs: 2 });

async function storeEvent(event: NewWebhookEvent): Promise<StoredWebhookEvent> {
  const stored = await storeCoalesced(event);
  if ("failed" in stored) throw stored.failed;
  return stored;
}

type InboxEvent = Parameters<RetellEventSender>[0];

const sendInBackground = coalesce(
  async (events: InboxEvent[]) => {
    try {
      await inngest.send(events);
    } catch (error) {
      // Inngest is unreachable: the rows stay pending and redrive-webhooks sends them within minutes.
      console.warn(`[webhooks/retell] inngest.send of ${events.length} event(s) failed, left for the redrive: ${error instanceof Error ? error.message : String(error)}`);
    }
    return events.map(() => null);
  },
  { maxBatch: 100, maxInFlight: 2, lingerMs: 50 },
);

/** The event of a stored delivery to Inngest: inline through deps.send, else in the background. */
async function handOff(event: InboxEvent, send: RetellEventSender | undefined) {
  if (!send) {
    void sendInBackground(event);
    return;
  }
  try {
    await send(event);
  } catch (error) {
    console.warn(`[webhooks/retell] inngest.send failed, left for the redrive: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });
const empty = (status: number) => new Response(null, { status });

let warnedUnconfigured = false;

export async function handleRetellWebhook(request: Request, deps: RetellWebhookDeps = {}): Promise<Response> {
  try {
    return await receive(request, deps);
  } catch (error) {
    // The database is down or similar: Retell retries a non-2xx, so nothing is lost by a 503.
    console.error(`[webhooks/retell] delivery not stored: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return json(503, { ok: false, error: "unavailable" });
  }
}

async function receive(request: Request, deps: RetellWebhookDeps): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  const raw = await readRawBody(request);
  if (!raw.ok) return json(raw.status, { ok: false, error: raw.code });

  const keys = (deps.apiKeys ?? envKeys)();
  const signature = verifyRetellSignature(raw.text, request.headers.get(RETELL_SIGNATURE_HEADER), keys, { now });
  if (!signature.ok) {
    if (keys.length === 0 && !warnedUnconfigured) {
      warnedUnconfigured = true;
      console.warn("[webhooks/retell] RETELL_API_KEY is not set: every Retell webhook is refused (401)");
    }
    const { ip, userAgent } = requestInfo(request.headers);
    await recordSecurityEvent({
      type: "webhook_signature_invalid",
      companyId: null,
      userId: null,
      ip,
      userAgent,
      details: { provider: "retell", reason: keys.length === 0 ? "not_configured" : signature.reason, ...(signature.skewMs !== undefined ? { skewMs: signature.skewMs } : {}) },
    });
    return json(401, { ok: false, error: "invalid_signature" });
  }

  const parsed = parseJson(raw.text);
  if (!parsed.ok) return json(400, { ok: false, error: "malformed_json" });

  if ((parsed.value as { event?: unknown } | null)?.event === "call_inbound") return answerCallInbound(parsed.value, now);

  const webhook = parseRetellWebhook(parsed.value);
  if (!webhook.ok && webhook.reason === "invalid") return json(400, { ok: false, error: "invalid_payload" });

  if (!webhook.ok) {
    // A well-formed event we do not handle: kept for the admin inbox, finished as ignored now.
    const stored = await insertWebhookEvent({
      id: newId(),
      provider: "retell",
      eventType: webhook.event,
      providerEventId: `retell:${webhook.event}:${createHash("sha256").update(raw.text).digest("hex").slice(0, 32)}`,
      payloadText: raw.text,
    });
    if (!stored.duplicate && (await claimWebhookEvent(stored.id))) {
      await finishWebhookEvent(stored.id, { status: "ignored", error: `unhandled event type ${webhook.event}` });
    }
    return empty(204);
  }

  const stored = await storeEvent({
    id: newId(),
    provider: "retell",
    eventType: webhook.webhook.event,
    providerEventId: retellEventKey(webhook.webhook, raw.text),
    payloadText: raw.text,
  });
  if (stored.duplicate) return json(200, { ok: true, duplicate: true });

  await handOff({ id: stored.id, name: retellWebhookReceived.name, data: { webhookEventId: stored.id } }, deps.send);
  return json(200, { ok: true });
}

async function answerCallInbound(body: unknown, now: Date): Promise<Response> {
  const parsed = retellInboundRequestSchema.safeParse(body);
  if (!parsed.success) return json(400, { ok: false, error: "invalid_payload" });
  const { to_number: toNumber, from_number: fromNumber } = parsed.data.call_inbound;
  return Response.json(await answerInbound({ toNumber, fromNumber: fromNumber ?? null, now }));
}
