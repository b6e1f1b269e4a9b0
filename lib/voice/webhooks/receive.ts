import "server-only";
import { createHash } from "node:crypto";
import { finishWebhookEvent, claimWebhookEvent, insertWebhookEvent } from "@/db/platform";
import { newId } from "@/db/schema/_columns";
import { inngest } from "@/inngest/client";
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
//   call events           stored in the inbox (deduplicated), handed to Inngest, 200 at once;
//   other event names     stored as ignored (chat_*, kinds Retell adds later), 204.
// A failed inngest.send leaves the row pending for the redrive, and the answer is still 2xx:
// the inbox row is what the acknowledgement promises (design.md §5). Nothing is processed inline,
// nothing here ever answers 500, and the body is never logged (it is a caller's personal data).

export type RetellEventSender = (event: { id: string; name: string; data: { webhookEventId: string } }) => Promise<unknown>;

export type RetellWebhookDeps = {
  /** The keys a signature may be made with (default: RETELL_API_KEY). */
  apiKeys?: () => string[];
  /** Hands a stored event to Inngest (default: inngest.send). */
  send?: RetellEventSender;
  now?: () => Date;
};

/** RETELL_API_KEY through the validated environment (lib/env.ts), read per request. */
function envKeys(): string[] {
  const key = readRetellEnv().RETELL_API_KEY;
  return key ? [key] : [];
}
const inngestSend: RetellEventSender = (event) => inngest.send(event);

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

  const stored = await insertWebhookEvent({
    id: newId(),
    provider: "retell",
    eventType: webhook.webhook.event,
    providerEventId: retellEventKey(webhook.webhook, raw.text),
    payloadText: raw.text,
  });
  if (stored.duplicate) return json(200, { ok: true, duplicate: true });

  try {
    await (deps.send ?? inngestSend)({ id: stored.id, name: retellWebhookReceived.name, data: { webhookEventId: stored.id } });
  } catch (error) {
    // Inngest is unreachable: the row stays pending and redrive-webhooks sends it within minutes.
    console.warn(`[webhooks/retell] inngest.send failed, left for the redrive: ${error instanceof Error ? error.message : String(error)}`);
  }
  return json(200, { ok: true });
}

async function answerCallInbound(body: unknown, now: Date): Promise<Response> {
  const parsed = retellInboundRequestSchema.safeParse(body);
  if (!parsed.success) return json(400, { ok: false, error: "invalid_payload" });
  const { to_number: toNumber, from_number: fromNumber } = parsed.data.call_inbound;
  return Response.json(await answerInbound({ toNumber, fromNumber: fromNumber ?? null, now }));
}
