import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rowsOf, withCompany } from "@/db";
import { appointments, calls } from "@/db/schema";
import { ownerHandle } from "@/db/testing/fixtures";
import { testPhoneNumber } from "@/db/testing/rows";
import { POST as functionsPOST } from "@/app/api/retell/functions/route";
import { POST as webhookPOST } from "@/app/api/webhooks/retell/route";
import { inngest } from "@/inngest/client";
import { createVoiceWorld, type VoiceWorld } from "@/lib/voice/tools/testing";
import { DEMO_CALLED_NUMBER, parseSimulatorArgs, type SimulatorOptions } from "./options";
import { finalLine, replaySimulatedCall, RETELL_WEBHOOK_PATH, runSimulatedCall, type SimulatorTransport } from "./simulator";

// The simulator's call, in-process against the two route handlers (no server) on the real
// database: it books, the inbox holds the webhooks, and the same call delivered again books nothing new.

const KEY = "test-simulator-retell-key";

const transport: SimulatorTransport = async (path, body, headers) => {
  const request = new Request(`http://localhost${path}`, { method: "POST", headers, body });
  const response = await (path === RETELL_WEBHOOK_PATH ? webhookPOST(request) : functionsPOST(request));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
};

const optionsFor = (w: VoiceWorld, extra: Partial<SimulatorOptions> = {}): SimulatorOptions => {
  const parsed = parseSimulatorArgs(["--to", w.e164, "--service", "Herrenhaarschnitt", "--when", "morgen um 10"]);
  if (!parsed.ok) throw new Error("options");
  return { ...parsed.options, ...extra };
};

async function inboxOf(callId: string) {
  const { db } = await ownerHandle();
  return rowsOf<{ event_type: string; status: string }>(
    await db.execute(sql`select event_type, status from webhook_events where provider_event_id like ${`retell:${callId}:%`} order by received_at, event_type`),
  );
}

const appointmentsOf = (w: VoiceWorld) => withCompany(w.companyId, (tx) => tx.select().from(appointments).where(eq(appointments.companyId, w.companyId)));

let send: ReturnType<typeof vi.spyOn>;
/** The events handed to inngest.send, one or several per call. */
const sentEvents = () => send.mock.calls.flatMap(([events]: unknown[]) => (Array.isArray(events) ? events : [events]));
beforeEach(() => {
  vi.stubEnv("RETELL_API_KEY", KEY);
  send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["x"] } as never);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("simulated call through the route handlers", () => {
  it("books for a new caller: appointment source=phone booked by the call, webhooks in the inbox; a redelivery books nothing new", async () => {
    const w = await createVoiceWorld("Simulator");
    const lines: string[] = [];
    const options = optionsFor(w);
    const call = await runSimulatedCall(options, { apiKey: KEY, transport, log: (line) => lines.push(line) });

    expect(call).toMatchObject({ booked: true, service: "Herrenhaarschnitt", staff: "Lena" });
    if (!call.booked) return;
    expect(finalLine(call)).toBe(`Termin gebucht: Herrenhaarschnitt ${call.spoken} bei Lena — sichtbar unter /appointments/${call.appointmentId} und /calls/live`);
    expect(lines.join("\n")).toContain("branch_name = Schnittkunst Mitte");
    expect(call.sent.map((s) => s.step.split(" ").slice(0, 2).join(" "))).toEqual([
      "Webhook call_inbound",
      "Webhook call_started",
      "Tool check_customer",
      "Tool check_availability",
      "Tool book_appointment",
      "Webhook transcript_updated",
      "Webhook call_ended",
      "Webhook call_analyzed",
    ]);
    // The caller was unknown: the name went along and a customer was created.
    expect(JSON.parse(call.sent[4]!.body)).toMatchObject({ args: { service: "Herrenhaarschnitt", customer_name: "Jana Beispiel" } });

    const [row] = await withCompany(w.companyId, (tx) => tx.select().from(calls).where(eq(calls.retellCallId, options.callId)));
    expect(row).toMatchObject({ branchId: w.branchId, fromNumber: options.from, toNumber: w.e164 });
    const booked = await appointmentsOf(w);
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ id: call.appointmentId, source: "phone", bookedByCallId: row!.id, serviceId: w.gents, status: "booked" });

    expect(await inboxOf(options.callId)).toEqual(
      expect.arrayContaining([
        { event_type: "call_started", status: "pending" },
        { event_type: "transcript_updated", status: "pending" },
        { event_type: "call_ended", status: "pending" },
        { event_type: "call_analyzed", status: "pending" },
      ]),
    );
    expect(await inboxOf(options.callId)).toHaveLength(4);
    // Handed to Inngest right after each answer, several in one request (lib/coalesce.ts).
    await vi.waitFor(() => expect(sentEvents()).toHaveLength(4));

    // Retell delivers every request of the same call again: duplicates, the same booking answer.
    const replay = await replaySimulatedCall(call.sent, { apiKey: KEY, transport });
    expect(replay.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
    expect(replay[4]!.body).toMatchObject({ ok: true, data: { appointment_id: call.appointmentId } });
    expect(replay.filter((a) => a.step.startsWith("Webhook call_") && a.step !== replay[0]!.step).map((a) => a.body)).toEqual([
      { ok: true, duplicate: true },
      { ok: true, duplicate: true },
      { ok: true, duplicate: true },
    ]);
    expect(await appointmentsOf(w)).toHaveLength(1);
    expect(await inboxOf(options.callId)).toHaveLength(4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sentEvents()).toHaveLength(4);
  });

  it("a known caller: no name is sent and the booking is linked to the existing customer", async () => {
    const w = await createVoiceWorld("Simulator bekannt");
    const call = await runSimulatedCall(optionsFor(w, { from: w.callerNumber }), { apiKey: KEY, transport });
    expect(call.booked).toBe(true);
    expect(JSON.parse(call.sent[4]!.body).args).not.toHaveProperty("customer_name");
    expect(await appointmentsOf(w)).toMatchObject([{ customerId: w.customerId, source: "phone" }]);
  });

  it("an unknown called number is rejected at call_inbound: nothing else is sent, nothing booked", async () => {
    const lines: string[] = [];
    const call = await runSimulatedCall({ ...optionsFor(await createVoiceWorld("Simulator fremd")), to: testPhoneNumber() }, { apiKey: KEY, transport, log: (l) => lines.push(l) });
    expect(call).toMatchObject({ booked: false, reason: expect.stringContaining("abgelehnt") });
    expect(call.sent).toHaveLength(1);
    expect(lines.join("\n")).toContain("reject");
    expect(finalLine(call)).toMatch(/^Kein Termin gebucht/);
  });

  it("a wrong key: the portal refuses (401) and the simulator stops without booking", async () => {
    const w = await createVoiceWorld("Simulator Schlüssel");
    const call = await runSimulatedCall(optionsFor(w), { apiKey: "another-key", transport });
    expect(call).toMatchObject({ booked: false, reason: "call_inbound antwortete HTTP 401" });
    expect(await appointmentsOf(w)).toHaveLength(0);
  });
});

describe("parseSimulatorArgs", () => {
  it("defaults: the demo Mitte number, a fresh call id and a random caller per run", () => {
    const a = parseSimulatorArgs([]);
    const b = parseSimulatorArgs(["--"]);
    if (!a.ok || !b.ok) throw new Error("defaults must parse");
    expect(DEMO_CALLED_NUMBER).toBe("+49302887469");
    expect(a.options).toMatchObject({ url: "http://localhost:3000", to: "+49302887469", name: "Jana Beispiel", service: "Herrenhaarschnitt", when: "morgen um 10" });
    expect(a.options.callId).not.toBe(b.options.callId);
    expect(a.options.from).toMatch(/^\+49176\d{8}$/);
  });

  it("flags with a space or =, and clear errors", () => {
    const parsed = parseSimulatorArgs(["--url=http://127.0.0.1:3001/", "--name", "Max Muster", "--when", "Freitag um 15 Uhr", "--from", "+4915112345678"]);
    expect(parsed).toMatchObject({ ok: true, options: { url: "http://127.0.0.1:3001", name: "Max Muster", when: "Freitag um 15 Uhr", from: "+4915112345678" } });
    expect(parseSimulatorArgs(["--to", "030 123"])).toMatchObject({ ok: false, error: expect.stringContaining("E.164") });
    expect(parseSimulatorArgs(["--nope"])).toMatchObject({ ok: false, error: "unknown argument --nope" });
    expect(parseSimulatorArgs(["--name"])).toMatchObject({ ok: false, error: "--name needs a value" });
    expect(parseSimulatorArgs(["--help"])).toEqual({ ok: false, help: true });
  });
});
