import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db";
import { ownerHandle } from "@/db/testing/fixtures";
import { inngest } from "@/inngest/client";
import { parseEnv, readRetellEnv } from "@/lib/env";
import { callEndedFixture, callInboundFixture, callStartedFixture, transcriptUpdatedFixture } from "@/lib/retell/fixtures";
import { signRetellBody } from "@/lib/retell/signature";
import { handleRetellWebhook, type RetellEventSender } from "@/lib/voice/webhooks/receive";
import { newCallId } from "@/lib/voice/webhooks/test-support";
import { POST } from "./route";
import { createVoiceWorld } from "@/lib/voice/tools/testing";

const KEY = "test-retell-webhook-key";
const URL_ = "http://localhost/api/webhooks/retell";

function signedRequest(body: string, options: { signature?: string | null; agent?: string; key?: string; at?: number } = {}) {
  const headers = new Headers({ "content-type": "application/json", "user-agent": options.agent ?? "Retell-Test" });
  const signature = options.signature === undefined ? signRetellBody(body, options.key ?? KEY, options.at ?? Date.now()) : options.signature;
  if (signature !== null) headers.set("x-retell-signature", signature);
  return new Request(URL_, { method: "POST", headers, body });
}

function recordingSender() {
  const sent: Parameters<RetellEventSender>[0][] = [];
  const send: RetellEventSender = async (event) => {
    sent.push(event);
    return { ids: [event.id] };
  };
  return { sent, send };
}

const deps = (send: RetellEventSender) => ({ apiKeys: () => [KEY], send });

async function owner<T>(query: ReturnType<typeof sql>) {
  return rowsOf<T>(await (await ownerHandle()).db.execute(query));
}

const inboxByCall = (callId: string) =>
  owner<{ id: string; status: string; event_type: string; payload: unknown }>(
    sql`select id, status, event_type, payload from webhook_events where provider_event_id like ${`retell:${callId}:%`} order by received_at`,
  );

const signatureEvents = (agent: string) =>
  owner<{ type: string; details: Record<string, unknown> }>(sql`select type, details from security_events where user_agent = ${agent}`);

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("POST /api/webhooks/retell", () => {
  it("stores a signed call event, hands it to Inngest with the inbox id and answers 200", async () => {
    const callId = newCallId();
    const body = JSON.stringify(callStartedFixture({ callId }));
    const { sent, send } = recordingSender();
    const response = await handleRetellWebhook(signedRequest(body), deps(send));
    expect(response.status).toBe(200);
    const rows = await inboxByCall(callId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", event_type: "call_started" });
    expect(rows[0]!.payload).toEqual(JSON.parse(body));
    expect(sent).toEqual([{ id: rows[0]!.id, name: "retell/webhook.received", data: { webhookEventId: rows[0]!.id } }]);
  });

  it("through the route itself: RETELL_API_KEY from the environment, inngest.send with the inbox id", async () => {
    vi.stubEnv("RETELL_API_KEY", KEY);
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["x"] } as never);
    const callId = newCallId();
    const response = await POST(signedRequest(JSON.stringify(callEndedFixture({ callId }))));
    expect(response.status).toBe(200);
    const [row] = await inboxByCall(callId);
    // Right after the answer, with other deliveries' events in one request (lib/coalesce.ts).
    await vi.waitFor(() => expect(send).toHaveBeenCalledExactlyOnceWith([{ id: row!.id, name: "retell/webhook.received", data: { webhookEventId: row!.id } }]));
  });

  it("deliveries arriving together share one inbox statement and one inngest.send; one the database refuses fails alone (503)", async () => {
    vi.stubEnv("RETELL_API_KEY", KEY);
    const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] } as never);
    vi.spyOn(console, "error").mockImplementation(() => {});
    const calls = [newCallId(), newCallId(), newCallId(), newCallId()];
    const bodies = calls.map((callId) => JSON.stringify(callEndedFixture({ callId })));
    // PostgreSQL's jsonb refuses \u0000: this delivery cannot be stored, the others must be.
    bodies[2] = bodies[2]!.replace('"call_status"', '"nul":"\\u0000","call_status"');
    const answers = await Promise.all(bodies.map((body) => POST(signedRequest(body))));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 503, 200]);
    const stored = await Promise.all(calls.map(inboxByCall));
    expect(stored.map((rows) => rows.length)).toEqual([1, 1, 0, 1]);
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    const events = send.mock.calls.flatMap(([batch]) => batch as unknown as { id: string }[]);
    expect(events.map((e) => e.id).sort()).toEqual([stored[0]![0]!.id, stored[1]![0]!.id, stored[3]![0]!.id].sort());
    expect(send.mock.calls.length).toBeLessThan(3);
  });

  it("a duplicate delivery is stored once and sent once; each transcript turn is its own event", async () => {
    const callId = newCallId();
    const body = JSON.stringify(callEndedFixture({ callId }));
    const { sent, send } = recordingSender();
    const answers = await Promise.all([1, 2, 3].map(() => handleRetellWebhook(signedRequest(body), deps(send))));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await inboxByCall(callId)).toHaveLength(1);
    expect(sent).toHaveLength(1);

    await handleRetellWebhook(signedRequest(JSON.stringify(transcriptUpdatedFixture(2, { callId }))), deps(send));
    await handleRetellWebhook(signedRequest(JSON.stringify(transcriptUpdatedFixture(3, { callId }))), deps(send));
    expect(await inboxByCall(callId)).toHaveLength(3);
    expect(sent).toHaveLength(3);
  });

  it("Inngest unreachable from the route itself: answered 200 all the same, the row left pending for the redrive", async () => {
    vi.stubEnv("RETELL_API_KEY", KEY);
    const send = vi.spyOn(inngest, "send").mockRejectedValue(new TypeError("fetch failed"));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const callId = newCallId();
    const response = await POST(signedRequest(JSON.stringify(callEndedFixture({ callId }))));
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining("left for the redrive")));
    expect(send).toHaveBeenCalledOnce();
    expect(await inboxByCall(callId)).toMatchObject([{ status: "pending" }]);
  });

  it("Inngest unreachable: the row stays pending for the redrive and Retell still gets 200", async () => {
    const callId = newCallId();
    const failing: RetellEventSender = async () => {
      throw new TypeError("fetch failed");
    };
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const response = await handleRetellWebhook(signedRequest(JSON.stringify(callEndedFixture({ callId }))), deps(failing));
    expect(response.status).toBe(200);
    expect(await inboxByCall(callId)).toMatchObject([{ status: "pending" }]);
  });

  it("missing, malformed, expired, future-dated or wrong signatures: 401, a security event, nothing stored", async () => {
    const callId = newCallId();
    const body = JSON.stringify(callEndedFixture({ callId }));
    const { sent, send } = recordingSender();
    const cases = [
      { name: "missing", signature: null, reason: "missing" },
      { name: "malformed", signature: "v=123,d=nothex", reason: "malformed" },
      { name: "expired", signature: signRetellBody(body, KEY, Date.now() - 6 * 60_000), reason: "expired" },
      { name: "future", signature: signRetellBody(body, KEY, Date.now() + 6 * 60_000), reason: "expired" },
      { name: "wrong-key", signature: signRetellBody(body, "another-key"), reason: "mismatch" },
      { name: "other-body", signature: signRetellBody(`${body} `, KEY), reason: "mismatch" },
    ];
    for (const c of cases) {
      const agent = `Retell-Test-${c.name}-${randomUUID()}`;
      const response = await handleRetellWebhook(signedRequest(body, { signature: c.signature, agent }), deps(send));
      expect(response.status, c.name).toBe(401);
      const events = await signatureEvents(agent);
      expect(events, c.name).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: "webhook_signature_invalid", details: { provider: "retell", reason: c.reason } });
      expect(JSON.stringify(events[0]!.details)).not.toContain(callId);
    }
    expect(await inboxByCall(callId)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("without RETELL_API_KEY every request is refused (401, reason not_configured)", async () => {
    vi.stubEnv("RETELL_API_KEY", "");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const agent = `Retell-Test-unset-${randomUUID()}`;
    const response = await POST(signedRequest(JSON.stringify(callEndedFixture({ callId: newCallId() })), { agent }));
    expect(response.status).toBe(401);
    expect(await signatureEvents(agent)).toMatchObject([{ details: { reason: "not_configured" } }]);
  });

  it("a body over 1 MB is 413 before anything else; signed malformed JSON or payload is 400; an unknown event type is kept as ignored (204)", async () => {
    const { sent, send } = recordingSender();
    const huge = `{"event":"call_ended","pad":"${"x".repeat(1024 * 1024)}"}`;
    expect((await handleRetellWebhook(signedRequest(huge), deps(send))).status).toBe(413);
    const streamed = new Request(URL_, {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(300 * 1024));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect((await handleRetellWebhook(streamed, deps(send))).status).toBe(413);

    const notJson = await handleRetellWebhook(signedRequest('{"event":"call_ended",'), deps(send));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: "malformed_json" });
    const noCallId = await handleRetellWebhook(signedRequest('{"event":"call_ended","call":{}}'), deps(send));
    expect(noCallId.status).toBe(400);

    const chatId = `chat_${randomUUID()}`;
    const chat = JSON.stringify({ event: "chat_started", chat: { chat_id: chatId } });
    expect((await handleRetellWebhook(signedRequest(chat), deps(send))).status).toBe(204);
    expect((await handleRetellWebhook(signedRequest(chat), deps(send))).status).toBe(204);
    const kept = await owner<{ status: string; last_error: string }>(
      sql`select status, last_error from webhook_events where event_type = 'chat_started' and payload->'chat'->>'chat_id' = ${chatId}`,
    );
    expect(kept).toEqual([{ status: "ignored", last_error: "unhandled event type chat_started" }]);
    expect(sent).toEqual([]);
  });

  it("call_inbound is answered synchronously, not stored", async () => {
    const { sent, send } = recordingSender();
    const to = `+4930${Date.now().toString().slice(-9)}`;
    const response = await handleRetellWebhook(signedRequest(JSON.stringify(callInboundFixture({ to }))), deps(send));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { call_inbound: Record<string, unknown> };
    // An unknown number is rejected politely.
    expect(answer).toEqual({ call_inbound: { reject: true } });
    expect(sent).toEqual([]);
    const bad = await handleRetellWebhook(signedRequest(JSON.stringify({ event: "call_inbound", call_inbound: {} })), deps(send));
    expect(bad.status).toBe(400);
  });

  it("call_inbound for a known number answers with its agent and the caller's name", async () => {
    const { send } = recordingSender();
    const world = await createVoiceWorld("Inbound");
    const body = JSON.stringify(callInboundFixture({ to: world.e164, from: world.callerNumber }));
    const response = await handleRetellWebhook(signedRequest(body), deps(send));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { call_inbound: { override_agent_id?: string; dynamic_variables?: Record<string, string>; reject?: boolean } };
    expect(answer.call_inbound.reject).toBeUndefined();
    expect(answer.call_inbound.override_agent_id).toBe(world.retellAgentId);
    expect(answer.call_inbound.dynamic_variables).toMatchObject({ customer_name: "Anna Becker", branch_name: "Schnittkunst Mitte" });
  });
});

describe("RETELL_API_KEY in lib/env.ts", () => {
  const base = { AUTH_SECRET: "x".repeat(32), INNGEST_DEV: "1" };
  const deployed = {
    ...base,
    DATABASE_URL: "postgres://askpro_app@db/askpro",
    AUTH_URL: "https://portal.example.com",
    SMTP_URL: "smtps://mail.example.com",
    FIELD_ENCRYPTION_KEYS: "test1:YXNrcHJvYWktdGVzdC1maWVsZC1rZXktMDAwMDAwMDE=",
    FIELD_BLIND_INDEX_KEY: "YXNrcHJvYWktdGVzdC1ibGluZC1pbmRleC1rZXktMDE=",
  };
  it("is optional in the demo and in development, required in production with DATABASE_URL", () => {
    expect(parseEnv(base).RETELL_API_KEY).toBeUndefined();
    expect(parseEnv({ ...deployed, NODE_ENV: "development" }).RETELL_API_KEY).toBeUndefined();
    expect(() => parseEnv({ ...deployed, NODE_ENV: "production" })).toThrow(/RETELL_API_KEY is required in production/);
    expect(parseEnv({ ...deployed, NODE_ENV: "production", RETELL_API_KEY: KEY }).RETELL_API_KEY).toBe(KEY);
    expect(() => parseEnv({ ...base, RETELL_API_KEY: "short" })).toThrow(/RETELL_API_KEY looks too short/);
  });

  it("the routes read it per request through readRetellEnv: a value the start-up check refuses counts as unset (401, never a 500)", async () => {
    expect(readRetellEnv({ RETELL_API_KEY: KEY })).toEqual({ RETELL_API_KEY: KEY });
    expect(readRetellEnv({ RETELL_API_KEY: "" })).toEqual({ RETELL_API_KEY: undefined });
    expect(readRetellEnv({ RETELL_API_KEY: "short" })).toEqual({ RETELL_API_KEY: undefined });
    vi.stubEnv("RETELL_API_KEY", "short");
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const agent = `Retell-Test-short-${randomUUID()}`;
    const response = await POST(signedRequest(JSON.stringify(callEndedFixture({ callId: newCallId() })), { agent, key: "short" }));
    expect(response.status).toBe(401);
    expect(await signatureEvents(agent)).toMatchObject([{ details: { reason: "not_configured" } }]);
  });
});
