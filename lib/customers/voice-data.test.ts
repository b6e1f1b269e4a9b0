import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { claimWebhookEvent, finishWebhookEvent, insertWebhookEvent } from "@/db/platform";
import {
  callbackRequests,
  calls,
  callTranscripts,
  customers,
  functionTraces,
  serviceUsageLogs,
  toolInvocations,
  webhookEvents,
} from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { ownerHandle } from "@/db/testing/fixtures";
import { testPhoneNumber } from "@/db/testing/rows";
import { createCallback } from "@/lib/callbacks/create-callback";
import { listCallbacks } from "@/lib/callbacks/list";
import { openCallbackPhone, sealCallbackPhone } from "@/lib/callbacks/protect";
import { sealTranscript } from "@/lib/calls/transcripts";
import { callAnalyzedFixture, callEndedFixture } from "@/lib/retell/fixtures";
import { writeFunctionTrace } from "@/lib/voice/functions/trace";
import { processRetellEvent } from "@/lib/voice/webhooks/process-retell-event";
import { createCompanyWithNumber, newCallId } from "@/lib/voice/webhooks/test-support";
import { createCustomer } from "./customers";
import { eraseCustomer } from "./erase-customer";
import { exportCustomerData } from "./export-customer-data";
import { ERASED_CALL_MARKER, ERASED_CALLBACK_PHONE_INDEX } from "./voice-data";

// GDPR export and erasure of a customer over what the voice agent stored (issue 5), on the real
// database, built the way production builds it: calls through the webhook processing
// (transcript, summary, analysis, usage), traces through the route's writer, callbacks through
// the use case. Company B has a customer with the same number, and none of it is touched.

type Company = Awaited<ReturnType<typeof createCompanyWithNumber>>;
const DUE = () => new Date(Date.now() + 3_600_000);

async function customerWith(companyId: string, firstName: string, lastName: string, phone: string) {
  const result = await createCustomer(companyId, { firstName, lastName, phone });
  if (!result.ok) throw new Error(`createCustomer refused: ${JSON.stringify(result.fieldErrors)}`);
  return result.customer.id;
}

/** A call that went through the webhook processing: ended, then analyzed. */
async function processedCall(company: Company, from: string) {
  const callId = newCallId();
  const identity = { callId, from, to: company.number };
  for (const body of [callEndedFixture(identity), callAnalyzedFixture(identity)]) {
    const outcome = await processRetellEvent(body, { receivedAt: new Date() });
    if (outcome.status !== "processed") throw new Error(`not processed: ${outcome.reason}`);
  }
  const [row] = await withCompany(company.id, (tx) => tx.select().from(calls).where(eq(calls.retellCallId, callId)));
  return row!;
}

/** A call stored directly (one from before the caller was a customer, or an outbound one). */
async function storedCall(company: Company, values: Partial<typeof calls.$inferInsert>, transcript?: string) {
  const id = newId();
  await withCompany(company.id, async (tx) => {
    await tx.insert(calls).values({
      id,
      companyId: company.id,
      branchId: company.branchId,
      retellCallId: `call_${id.replace(/-/g, "")}`,
      status: "ended",
      startedAt: new Date(),
      durationMs: 30_000,
      ...values,
    });
    if (transcript) {
      const sealed = sealTranscript(company.id, [{ role: "user", content: transcript, startMs: 0, endMs: 900 }], { isFinal: true });
      await tx.insert(callTranscripts).values({ companyId: company.id, callId: id, ...sealed });
    }
  });
  return id;
}

async function callback(companyId: string, branchId: string, input: Record<string, unknown>) {
  const result = await createCallback(companyId, { branchId, dueAt: DUE(), ...input }, { branchIds: null });
  if (!result.ok) throw new Error(`createCallback refused: ${JSON.stringify(result)}`);
  return result.callback.id;
}

/** Everything voice-related of a company, for before/after comparisons. */
async function voiceRows(companyId: string) {
  return withCompany(companyId, async (tx) => ({
    calls: await tx.select().from(calls).orderBy(calls.id),
    transcripts: await tx.select().from(callTranscripts).orderBy(callTranscripts.id),
    traces: await tx.select().from(functionTraces).orderBy(functionTraces.id),
    usage: await tx.select().from(serviceUsageLogs).orderBy(serviceUsageLogs.id),
    invocations: await tx.select().from(toolInvocations).orderBy(toolInvocations.id),
    callbacks: await tx.select().from(callbackRequests).orderBy(callbackRequests.id),
  }));
}

/** Company A's customer Anna with every kind of voice data, the neighbours that are not hers, and company B. */
async function world() {
  const a = await createCompanyWithNumber("DSGVO A");
  const b = await createCompanyWithNumber("DSGVO B");
  const phone = testPhoneNumber();
  const otherPhone = testPhoneNumber();
  const customerId = await customerWith(a.id, "Anna", "Becker", phone);

  // Linked by the webhook processing through the phone blind index.
  const linked = await processedCall(a, phone);
  expect(linked.customerId).toBe(customerId);
  await writeFunctionTrace(a.id, linked.id, {
    tool: "book_appointment",
    requestedName: "book_appointment_v3",
    args: { customer_name: "Anna Becker", notes: "Allergie gegen Färbemittel" },
    result: { ok: true, message: "Ihr Termin ist gebucht, Frau Becker.", data: { customer_created: false } },
    outcome: "ok",
    latencyMs: 140,
  });
  await withCompany(a.id, (tx) =>
    tx.insert(toolInvocations).values({
      companyId: a.id,
      retellCallId: linked.retellCallId,
      tool: "book_appointment",
      argsHash: "a".repeat(64),
      response: { ok: true, message: "Ihr Termin ist gebucht, Frau Becker." },
      completedAt: new Date(),
    }),
  );
  // Unlinked, from her number (before she was a customer); an outbound call to her, linked.
  const unlinked = await storedCall(a, { fromNumber: phone, toNumber: a.number, summary: "Fragte nach Preisen", sentiment: "Neutral" }, "Hier ist Anna, was kostet Färben?");
  const outbound = await storedCall(a, { direction: "outbound", customerId, fromNumber: a.number, toNumber: phone, summary: "Rückruf erledigt" });
  // Not hers: another customer on the same (shared) number, and an unlinked call from elsewhere.
  const sharer = await customerWith(a.id, "Bernd", "Becker", phone);
  const sharersCall = await storedCall(a, { customerId: sharer, fromNumber: phone, summary: "Bernd wollte verschieben" }, "Hier ist Bernd.");
  const strangersCall = await storedCall(a, { fromNumber: otherPhone, summary: "Jemand anderes" }, "Hier ist jemand anderes.");

  const callbacks = {
    // Linked through the call; by her number only; made in her unlinked call (another number given).
    viaCall: await callback(a.id, a.branchId, { callId: linked.id, phone, name: "Anna Becker", reason: "Frage zur Rechnung" }),
    byNumber: await withCompany(a.id, async (tx) => {
      const [row] = await tx
        .insert(callbackRequests)
        .values({
          companyId: a.id,
          branchId: a.branchId,
          ...sealCallbackPhone(a.id, phone),
          name: "A. Becker",
          reason: "Termin bestätigt",
          status: "completed",
          contactedAt: new Date(),
          completedAt: new Date(),
          dueAt: new Date(),
        })
        .returning({ id: callbackRequests.id });
      return row!.id;
    }),
    inHerCall: await callback(a.id, a.branchId, { callId: unlinked, phone: otherPhone, name: "Anna", reason: "Bitte unter der Büronummer" }),
    notHers: await callback(a.id, a.branchId, { phone: otherPhone, name: "Jemand", reason: "Anderes Anliegen" }),
  };

  // Company B: a customer with the same number, a processed call and a callback.
  const customerB = await customerWith(b.id, "Anna", "Becker", phone);
  const callB = await processedCall(b, phone);
  await callback(b.id, b.branchId, { callId: callB.id, phone, name: "Anna Becker", reason: "In Firma B" });

  return { a, b, phone, otherPhone, customerId, customerB, linked, unlinked, outbound, sharersCall, strangersCall, callbacks };
}

// Each test builds two companies with calls through the webhook processing: slow on a busy machine.
const SLOW = { timeout: 90_000 };

describe("GDPR export of a customer's voice data", SLOW, () => {
  it("holds her calls with decrypted transcripts, summary, analysis, tool calls, and her callbacks with the number — nobody else's", async () => {
    const w = await world();
    const result = await exportCustomerData(w.a.id, w.customerId);
    if (!result.ok) throw new Error("export refused");
    const data = result.data;

    expect(data.calls.map((c) => c.id).sort()).toEqual([w.linked.id, w.unlinked, w.outbound].sort());
    const linked = data.calls.find((c) => c.id === w.linked.id)!;
    expect(linked).toMatchObject({
      customerId: w.customerId,
      fromNumber: w.phone,
      toNumber: w.a.number,
      status: "ended",
      durationMs: 94_500,
      summary: expect.stringContaining("Anna Becker"),
      sentiment: "Positive",
      successful: true,
      analysis: { appointment_booked: true },
      recordingUrl: expect.stringContaining("recording.wav"),
    });
    expect(linked.transcript).toEqual(expect.arrayContaining([expect.objectContaining({ role: "user", content: "Ja, perfekt. Mein Name ist Anna Becker." })]));
    expect(linked.toolCalls).toEqual([
      {
        tool: "book_appointment",
        requestedName: "book_appointment_v3",
        arguments: { customer_name: "Anna Becker", notes: "Allergie gegen Färbemittel" },
        result: { ok: true, message: "Ihr Termin ist gebucht, Frau Becker.", data: { customer_created: false } },
        outcome: "ok",
        createdAt: expect.any(String),
      },
    ]);
    expect(data.calls.find((c) => c.id === w.unlinked)).toMatchObject({
      customerId: null,
      fromNumber: w.phone,
      summary: "Fragte nach Preisen",
      transcript: [{ role: "user", content: "Hier ist Anna, was kostet Färben?", startMs: 0, endMs: 900 }],
      toolCalls: [],
    });
    expect(data.calls.find((c) => c.id === w.outbound)).toMatchObject({ direction: "outbound", toNumber: w.phone, transcript: null });

    expect(data.callbacks.map((c) => c.id).sort()).toEqual([w.callbacks.viaCall, w.callbacks.byNumber, w.callbacks.inHerCall].sort());
    expect(data.callbacks.find((c) => c.id === w.callbacks.viaCall)).toMatchObject({
      customerId: w.customerId,
      callId: w.linked.id,
      branch: "Hauptfiliale",
      phone: w.phone,
      name: "Anna Becker",
      reason: "Frage zur Rechnung",
      status: "open",
    });
    expect(data.callbacks.find((c) => c.id === w.callbacks.byNumber)).toMatchObject({ customerId: null, phone: w.phone, status: "completed" });
    expect(data.callbacks.find((c) => c.id === w.callbacks.inHerCall)).toMatchObject({ callId: w.unlinked, phone: w.otherPhone });

    // Not hers: the sharer's and the stranger's calls, the other callback, anything of company B.
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/Bernd|Jemand anderes|Anderes Anliegen|In Firma B/);
    expect(text).not.toContain(w.sharersCall);
    expect(text).not.toContain(w.strangersCall);
    expect(JSON.parse(text)).toEqual(data);
  });

  it("company B's export is B's alone, and A cannot export B's customer", async () => {
    const w = await world();
    const ofB = await exportCustomerData(w.b.id, w.customerB);
    if (!ofB.ok) throw new Error("export refused");
    expect(ofB.data.calls).toHaveLength(1);
    expect(ofB.data.callbacks).toEqual([expect.objectContaining({ reason: "In Firma B" })]);
    expect(JSON.stringify(ofB.data)).not.toMatch(/Frage zur Rechnung|Fragte nach Preisen/);
    expect(await exportCustomerData(w.a.id, w.customerB)).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("GDPR erasure of a customer's voice data", SLOW, () => {
  it("wipes transcripts, numbers, summaries, analysis, tool-call texts and callbacks; keeps counts, durations and usage; is idempotent; B is untouched", async () => {
    const w = await world();
    const beforeA = await voiceRows(w.a.id);
    const beforeB = await voiceRows(w.b.id);
    const mine = [w.linked.id, w.unlinked, w.outbound];

    expect(await eraseCustomer(w.a.id, w.customerId)).toEqual({ ok: true, changed: true });
    const after = await voiceRows(w.a.id);

    // Calls: every row is still there with its statistics; the personal fields are gone.
    expect(after.calls).toHaveLength(beforeA.calls.length);
    for (const id of mine) {
      const before = beforeA.calls.find((c) => c.id === id)!;
      const row = after.calls.find((c) => c.id === id)!;
      expect(row).toMatchObject({
        customerId: before.customerId,
        direction: before.direction,
        status: before.status,
        startedAt: before.startedAt,
        endedAt: before.endedAt,
        durationMs: before.durationMs,
        sentiment: before.sentiment,
        successful: before.successful,
        summary: null,
        analysis: null,
        recordingUrl: null,
        publicLogUrl: null,
        metadata: { [ERASED_CALL_MARKER]: expect.any(String) },
      });
      // Our number stays, the customer's side goes (the E.164 check allows NULL: "withheld").
      if (row.direction === "inbound") expect(row).toMatchObject({ fromNumber: null, toNumber: w.a.number });
      else expect(row).toMatchObject({ fromNumber: w.a.number, toNumber: null });
    }
    for (const id of [w.sharersCall, w.strangersCall]) {
      expect(after.calls.find((c) => c.id === id)).toEqual(beforeA.calls.find((c) => c.id === id));
    }

    // Transcripts of her calls deleted, the others kept.
    expect(after.transcripts.map((t) => t.callId).sort()).toEqual(beforeA.transcripts.filter((t) => !mine.includes(t.callId)).map((t) => t.callId).sort());
    expect(after.transcripts.length).toBeGreaterThan(0);

    // Tool calls still counted, with outcome and latency, but without arguments or results.
    expect(after.traces).toHaveLength(beforeA.traces.length);
    const trace = after.traces.find((t) => t.callId === w.linked.id)!;
    expect(trace).toMatchObject({ toolName: "book_appointment", outcome: "ok", latencyMs: 140, arguments: {}, result: null });
    expect(after.invocations.filter((i) => i.retellCallId === w.linked.retellCallId)).toEqual([]);

    // Billing usage untouched.
    expect(after.usage).toEqual(beforeA.usage);

    // Callbacks: rows kept, name, reason and number gone; the open one can no longer be done.
    expect(after.callbacks).toHaveLength(beforeA.callbacks.length);
    for (const id of [w.callbacks.viaCall, w.callbacks.byNumber, w.callbacks.inHerCall]) {
      const row = after.callbacks.find((c) => c.id === id)!;
      expect(row).toMatchObject({ name: null, reason: null, phoneBlindIndex: ERASED_CALLBACK_PHONE_INDEX });
      expect(openCallbackPhone(row)).toBe("");
    }
    expect(after.callbacks.find((c) => c.id === w.callbacks.viaCall)).toMatchObject({ status: "expired", expiredAt: expect.any(Date) });
    const completed = after.callbacks.find((c) => c.id === w.callbacks.byNumber)!;
    expect(completed).toMatchObject({ status: "completed", expiredAt: null, completedAt: beforeA.callbacks.find((c) => c.id === w.callbacks.byNumber)!.completedAt });
    expect(after.callbacks.find((c) => c.id === w.callbacks.notHers)).toEqual(beforeA.callbacks.find((c) => c.id === w.callbacks.notHers));
    const listed = await listCallbacks(w.a.id, { status: ["expired", "completed"] }, { branchIds: null });
    expect(listed.rows.filter((r) => r.id === w.callbacks.viaCall)).toMatchObject([{ phone: null, name: null, reason: null }]);

    // Nothing personal left in her export: her linked calls are still in it, the unlinked one
    // no longer (nothing of hers is left to find it by).
    const exported = await exportCustomerData(w.a.id, w.customerId);
    if (!exported.ok) throw new Error("export refused");
    expect(exported.data.calls.map((c) => c.id).sort()).toEqual([w.linked.id, w.outbound].sort());
    expect(exported.data.calls.every((c) => c.transcript === null && c.summary === null && c.analysis === null)).toBe(true);
    expect(JSON.stringify(exported.data)).not.toMatch(/Anna|Becker|Rechnung|Preisen|Färbe|Büronummer/);
    expect(JSON.stringify(exported.data)).not.toContain(w.phone);

    // Idempotent: a second erasure changes nothing at all.
    expect(await eraseCustomer(w.a.id, w.customerId)).toEqual({ ok: true, changed: false });
    expect(await voiceRows(w.a.id)).toEqual(after);

    // Company B: byte for byte as before.
    expect(await voiceRows(w.b.id)).toEqual(beforeB);
    const [stillB] = await withCompany(w.b.id, (tx) => tx.select().from(customers).where(eq(customers.id, w.customerB)));
    expect(stillB).toMatchObject({ firstName: "Anna", lastName: "Becker", anonymizedAt: null });
  });

  it("a late or replayed webhook of an erased call fills nothing personal in again and links no one", async () => {
    const w = await world();
    await eraseCustomer(w.a.id, w.customerId);
    const erased = await voiceRows(w.a.id);
    // Her linked call, and her unlinked one (whose number is also Bernd's: it must stay unlinked).
    for (const callId of [w.linked.retellCallId, `call_${w.unlinked.replace(/-/g, "")}`]) {
      const replay = await processRetellEvent(callAnalyzedFixture({ callId, from: w.phone, to: w.a.number }), { receivedAt: new Date() });
      expect(replay).toMatchObject({ status: "processed" });
    }
    const after = await voiceRows(w.a.id);
    for (const id of [w.linked.id, w.unlinked]) {
      const before = erased.calls.find((c) => c.id === id)!;
      expect(after.calls.find((c) => c.id === id)).toMatchObject({
        fromNumber: null,
        summary: null,
        analysis: null,
        recordingUrl: null,
        publicLogUrl: null,
        customerId: before.customerId,
        metadata: before.metadata,
      });
    }
    // The unlinked call now ended by Retell's account (status and times still apply).
    expect(after.calls.find((c) => c.id === w.unlinked)).toMatchObject({ status: "ended", analyzedAt: expect.any(Date) });
    expect(after.transcripts).toEqual(erased.transcripts);
    // No customer was made up from the name in the replayed payload.
    const annas = await withCompany(w.a.id, (tx) =>
      tx.select().from(customers).where(and(eq(customers.companyId, w.a.id), inArray(customers.firstName, ["Anna"]))),
    );
    expect(annas).toEqual([]);
  });

  it("strips the webhook inbox's raw payloads of her calls (unprocessed ones end as ignored); others' rows stay", async () => {
    const w = await world();
    const strangerCallId = `call_${w.strangersCall.replace(/-/g, "")}`;
    const callBId = (await voiceRows(w.b.id)).calls[0]!.retellCallId;
    const inbox = async (companyId: string, retellCallId: string, outcome: "processed" | "failed") => {
      const body = callEndedFixture({ callId: retellCallId, from: w.phone, to: w.a.number });
      const stored = await insertWebhookEvent({
        id: newId(),
        provider: "retell",
        eventType: "call_ended",
        providerEventId: `test:${newId()}`,
        payloadText: JSON.stringify(body),
      });
      expect(await claimWebhookEvent(stored.id)).toBeTruthy();
      await finishWebhookEvent(stored.id, { status: outcome, error: outcome === "failed" ? "boom" : null, companyId });
      return stored.id;
    };
    const hers = [await inbox(w.a.id, w.linked.retellCallId, "processed"), await inbox(w.a.id, `call_${w.unlinked.replace(/-/g, "")}`, "failed")];
    const others = [await inbox(w.a.id, strangerCallId, "processed"), await inbox(w.b.id, callBId, "failed")];
    const owner = await ownerHandle();
    const read = async (ids: string[]) =>
      (await owner.db.select().from(webhookEvents).where(inArray(webhookEvents.id, ids))).sort((x, y) => x.id.localeCompare(y.id));
    const othersBefore = await read(others);

    await eraseCustomer(w.a.id, w.customerId);
    const [processed, failed] = [(await read([hers[0]!]))[0]!, (await read([hers[1]!]))[0]!];
    for (const row of [processed, failed]) {
      expect(JSON.stringify(row.payload)).not.toContain(w.phone);
      expect(row.payload).toMatchObject({ event: "call_ended", erased: true, call: { call_id: expect.stringMatching(/^call_/) } });
    }
    expect(processed).toMatchObject({ status: "processed" });
    expect(failed).toMatchObject({ status: "ignored", nextAttemptAt: null, lastError: expect.stringContaining("erased") });
    expect(await read(others)).toEqual(othersBefore);

    // Erasing again changes nothing more.
    const again = await read(hers);
    await eraseCustomer(w.a.id, w.customerId);
    expect(await read(hers)).toEqual(again);
  });

  it("A cannot erase B's customer; B's voice data stays", async () => {
    const w = await world();
    const beforeB = await voiceRows(w.b.id);
    expect(await eraseCustomer(w.a.id, w.customerB)).toEqual({ ok: false, reason: "not_found" });
    expect(await voiceRows(w.b.id)).toEqual(beforeB);
  });
});
