import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rowsOf, withCompany } from "@/db";
import { appointments, calls, functionTraces } from "@/db/schema";
import { ownerHandle } from "@/db/testing/fixtures";
import { testPhoneNumber } from "@/db/testing/rows";
import { functionCallFixture } from "@/lib/retell/fixtures";
import { signRetellBody } from "@/lib/retell/signature";
import { capped, handleRetellFunction, MAX_TOOL_RESPONSE } from "@/lib/voice/functions/handle-function-call";
import { maskPersonalData } from "@/lib/voice/functions/mask";
import { bookDirectly, createVoiceWorld, NOW, type VoiceWorld } from "@/lib/voice/tools/testing";
import { newCallId } from "@/lib/voice/webhooks/test-support";
import { POST } from "./route";

// The live tool endpoint end to end on the real database: signature, size and JSON checks, the
// envelope for every domain problem (always 200 once the request is signed and names a call),
// one function trace per run, and tenancy through the called number.

const KEY = "test-retell-functions-key";
const URL_ = "http://localhost/api/retell/functions";
const deps = { apiKeys: () => [KEY], now: () => NOW };

function signed(body: string, options: { signature?: string | null; agent?: string } = {}) {
  const headers = new Headers({ "content-type": "application/json", "user-agent": options.agent ?? "Retell-Functions-Test" });
  const signature = options.signature === undefined ? signRetellBody(body, KEY, NOW) : options.signature;
  if (signature !== null) headers.set("x-retell-signature", signature);
  return new Request(URL_, { method: "POST", headers, body });
}

async function callTool(w: VoiceWorld, name: string, args: Record<string, unknown>, callId = newCallId(), from = w.callerNumber) {
  const response = await handleRetellFunction(signed(JSON.stringify(functionCallFixture(name, args, { callId, to: w.e164, from }))), deps);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> & { ok: boolean }, callId };
}

async function owner<T>(query: ReturnType<typeof sql>) {
  return rowsOf<T>(await (await ownerHandle()).db.execute(query));
}

const tracesOf = async (w: VoiceWorld, callId: string) =>
  withCompany(w.companyId, async (tx) => {
    const [call] = await tx.select({ id: calls.id }).from(calls).where(eq(calls.retellCallId, callId));
    return call ? tx.select().from(functionTraces).where(eq(functionTraces.callId, call.id)) : [];
  });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("POST /api/retell/functions: transport", () => {
  it("missing or bad signatures: 401 and a security event; nothing recorded", async () => {
    const w = await createVoiceWorld("Signatur");
    const callId = newCallId();
    const body = JSON.stringify(functionCallFixture("get_context", {}, { callId, to: w.e164, from: w.callerNumber }));
    for (const [name, signature] of [
      ["missing", null],
      ["malformed", "v=1,d=zz"],
      ["wrong-key", signRetellBody(body, "another-key", NOW)],
      ["expired", signRetellBody(body, KEY, NOW.getTime() - 6 * 60_000)],
    ] as const) {
      const agent = `Retell-Functions-${name}-${randomUUID()}`;
      const response = await handleRetellFunction(signed(body, { signature, agent }), deps);
      expect(response.status, name).toBe(401);
      const events = await owner<{ type: string; details: Record<string, unknown> }>(sql`select type, details from security_events where user_agent = ${agent}`);
      expect(events, name).toMatchObject([{ type: "webhook_signature_invalid", details: { provider: "retell", endpoint: "functions" } }]);
    }
    expect(await owner(sql`select id from calls where retell_call_id = ${callId}`)).toHaveLength(0);
  });

  it("through the route: RETELL_API_KEY from the environment", async () => {
    vi.stubEnv("RETELL_API_KEY", KEY);
    const w = await createVoiceWorld("Route env");
    const body = JSON.stringify(functionCallFixture("list_services", {}, { callId: newCallId(), to: w.e164, from: w.callerNumber }));
    const headers = { "content-type": "application/json", "x-retell-signature": signRetellBody(body, KEY) };
    const response = await POST(new Request(URL_, { method: "POST", headers, body }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, message: expect.stringContaining("Damenhaarschnitt") });
    // Another key in the environment (read per request, lib/env.ts): the same request is refused.
    vi.stubEnv("RETELL_API_KEY", "another-retell-key");
    expect((await POST(new Request(URL_, { method: "POST", headers, body }))).status).toBe(401);
  });

  it("a body over 1 MB is 413; malformed JSON or a request without name/call is 400", async () => {
    const big = JSON.stringify({ name: "get_context", call: { call_id: "x" }, args: { pad: "x".repeat(1024 * 1024) } });
    expect((await handleRetellFunction(signed(big), deps)).status).toBe(413);
    const broken = await handleRetellFunction(signed('{"name": "get_context", '), deps);
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ ok: false, error: "malformed_json" });
    const argsOnly = await handleRetellFunction(signed(JSON.stringify({ service: "Damenhaarschnitt" })), deps);
    expect(argsOnly.status).toBe(400);
    expect(await argsOnly.json()).toMatchObject({ ok: false, error: "invalid_payload", fields: expect.arrayContaining(["name", "call"]) });
  });
});

describe("POST /api/retell/functions: tools", () => {
  it("an unknown number gets a speakable branch_unavailable (200); an unknown tool a speakable error (200) and a trace", async () => {
    const w = await createVoiceWorld("Unbekannt");
    const body = JSON.stringify(functionCallFixture("get_context", {}, { callId: newCallId(), to: testPhoneNumber(), from: w.callerNumber }));
    const unknownNumber = await handleRetellFunction(signed(body), deps);
    expect(unknownNumber.status).toBe(200);
    expect(await unknownNumber.json()).toMatchObject({ ok: false, error: { code: "branch_unavailable", message: expect.any(String) } });

    const unknownTool = await callTool(w, "transfer_money_v2", { amount: 100 });
    expect(unknownTool).toMatchObject({ status: 200, body: { ok: false, error: { code: "unknown_tool" } } });
    expect(await tracesOf(w, unknownTool.callId)).toMatchObject([{ toolName: "unknown", rawName: "transfer_money_v2", outcome: "domain_error", errorCode: "unknown_tool" }]);
  });

  it("book_appointment_v17 books through the route: call recorded ongoing, one trace per request with outcome and masked arguments", async () => {
    const w = await createVoiceWorld("Route Buchung");
    const callId = newCallId();
    const args = { service: "Damenhaarschnitt", starts_at: "2027-03-11T14:30:00+01:00", notes: "Rückruf unter +49 170 1234567 oder anna@example.com" };
    const answers = await Promise.all([1, 2, 3].map(() => callTool(w, "book_appointment_v17", args, callId)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0]!.body).toMatchObject({ ok: true, message: expect.stringMatching(/^Ihr Termin ist gebucht/) });
    // Byte for byte: the replayed answers come from jsonb, which reorders keys.
    expect(answers[1]!.text).toBe(answers[0]!.text);
    expect(answers[2]!.text).toBe(answers[0]!.text);

    const [call] = await withCompany(w.companyId, (tx) => tx.select().from(calls).where(eq(calls.retellCallId, callId)));
    expect(call).toMatchObject({ status: "ongoing", branchId: w.branchId, fromNumber: w.callerNumber, toNumber: w.e164, customerId: w.customerId });
    const booked = await withCompany(w.companyId, (tx) => tx.select().from(appointments).where(eq(appointments.bookedByCallId, call!.id)));
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ source: "phone", companyId: w.companyId });

    const traces = await tracesOf(w, callId);
    expect(traces).toHaveLength(3);
    for (const trace of traces) {
      expect(trace).toMatchObject({ toolName: "book_appointment", rawName: "book_appointment_v17", outcome: "ok", errorCode: null });
      expect(trace.latencyMs).toBeGreaterThanOrEqual(0);
      expect(trace.arguments).toEqual({ ...args, notes: "Rückruf unter [phone] oder [email]" });
      expect(trace.result).toEqual(answers[0]!.body);
    }
  });

  it("missing arguments are named and a past date is speakable, each with its trace outcome", async () => {
    const w = await createVoiceWorld("Route Fehler");
    const callId = newCallId();
    const missing = await callTool(w, "book_appointment", { staff: "Lena" }, callId);
    expect(missing).toMatchObject({ status: 200, body: { ok: false, error: { code: "invalid_args", missing: ["service", "date_phrase"] } } });
    const past = await callTool(w, "check_availability", { service: "Damenhaarschnitt", date_phrase: "letzten Montag" }, callId);
    expect(past).toMatchObject({ status: 200, body: { ok: false, error: { code: "in_the_past", message: expect.stringContaining("Vergangenheit") } } });
    const traces = await tracesOf(w, callId);
    expect(traces.map((t) => [t.toolName, t.outcome, t.errorCode]).sort()).toEqual([
      ["book_appointment", "invalid_args", "invalid_args"],
      ["check_availability", "domain_error", "in_the_past"],
    ]);
  });

  it("tenancy: a call to A's number books into A only and cannot cancel B's appointment by id; a call id of B is not A's", async () => {
    const a = await createVoiceWorld("Route A");
    const b = await createVoiceWorld("Route B");
    const theirs = await bookDirectly(b, new Date("2027-03-11T09:00:00Z"));
    // The same caller number is B's customer too: still, A's line only sees A.
    const cancel = await callTool(a, "cancel_appointment", { appointment_id: theirs }, newCallId(), b.callerNumber);
    expect(cancel.body).toMatchObject({ ok: false, error: { code: "appointment_not_found" } });
    const [still] = await withCompany(b.companyId, (tx) => tx.select().from(appointments).where(eq(appointments.id, theirs)));
    expect(still).toMatchObject({ status: "booked" });

    const callId = newCallId();
    const bookA = await callTool(a, "book_appointment", { service: "Herrenhaarschnitt", starts_at: "2027-03-11T16:00:00+01:00" }, callId);
    expect(bookA.body).toMatchObject({ ok: true });
    expect(await withCompany(b.companyId, (tx) => tx.select().from(appointments).where(eq(appointments.companyId, b.companyId)))).toHaveLength(1);

    // B's line reusing A's Retell call id: the call is A's, B gets a refusal and writes nothing.
    const hijack = await callTool(b, "book_appointment", { service: "Herrenhaarschnitt", starts_at: "2027-03-11T17:00:00+01:00" }, callId);
    expect(hijack.body).toMatchObject({ ok: false, error: { code: "branch_unavailable" } });
    expect(await withCompany(b.companyId, (tx) => tx.select().from(appointments).where(eq(appointments.companyId, b.companyId)))).toHaveLength(1);
  });
});

describe("capped", () => {
  it("keeps an answer within Retell's 15,000 characters, the speakable message first", () => {
    const small = { ok: true as const, message: "Frei.", data: { slots: [] } };
    expect(capped(small)).toBe(small);
    const big = { ok: true as const, message: "Frei wäre …", data: { pad: "x".repeat(MAX_TOOL_RESPONSE) } };
    const cut = capped(big);
    expect(cut).toEqual({ ok: true, message: "Frei wäre …", data: null, truncated: true });
    expect(JSON.stringify(cut).length).toBeLessThanOrEqual(MAX_TOOL_RESPONSE);
  });
});

describe("maskPersonalData", () => {
  it("masks phone numbers and e-mails anywhere, keeps ISO times and ordinary numbers", () => {
    expect(
      maskPersonalData({
        starts_at: "2027-03-11T14:30:00+01:00",
        note: "Tel 0171 2345678, mail a.b@c.de",
        list: ["+4930123456789", "Zimmer 12"],
        n: 3,
      }),
    ).toEqual({ starts_at: "2027-03-11T14:30:00+01:00", note: "Tel [phone], mail [email]", list: ["[phone]", "Zimmer 12"], n: 3 });
  });
});
