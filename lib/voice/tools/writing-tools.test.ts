import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { appointments, callbackRequests, calls, customers, slotHolds } from "@/db/schema";
import { insertCustomer, testPhoneNumber } from "@/db/testing/rows";
import { phoneBlindIndex } from "@/lib/customers/protect";
import { runTool } from "./run-tool";
import { bookDirectly, contextOf, createVoiceWorld, type VoiceWorld } from "./testing";
import type { ToolContext } from "./types";

// The writing tools on the real database: book once under triple delivery (source phone, the
// call's id), slot holds between calls, cancel/reschedule of the caller's own appointments only,
// callbacks once — and tenancy: a context of company A never touches company B's rows.

/** Thursday 11 March 2027 (the day after NOW), Berlin time. */
const THU = (clock: string) => `2027-03-11T${clock}:00+01:00`;

const callRow = (w: VoiceWorld, ctx: ToolContext) =>
  withCompany(w.companyId, async (tx) => (await tx.select().from(calls).where(eq(calls.retellCallId, ctx.callId)))[0]);

const appointmentsOfCall = (w: VoiceWorld, callRowId: string) =>
  withCompany(w.companyId, (tx) => tx.select().from(appointments).where(eq(appointments.bookedByCallId, callRowId)));

const appointment = (w: VoiceWorld, id: string) =>
  withCompany(w.companyId, async (tx) => (await tx.select().from(appointments).where(eq(appointments.id, id)))[0]!);

describe("book_appointment", () => {
  it("three concurrent identical deliveries book once, with source phone and the call, and answer the same", async () => {
    const w = await createVoiceWorld("Buchung dreifach");
    const ctx = contextOf(w);
    const args = { service: "Damenhaarschnitt", starts_at: THU("14:30") };
    const runs = await Promise.all([1, 2, 3].map(() => runTool("book_appointment_v17", args, ctx)));
    expect(runs.map((r) => r.outcome)).toEqual(["ok", "ok", "ok"]);
    expect(runs[1]!.result).toEqual(runs[0]!.result);
    expect(runs[2]!.result).toEqual(runs[0]!.result);
    expect(runs[0]!.result).toMatchObject({ ok: true, message: "Ihr Termin ist gebucht: Damenhaarschnitt am Donnerstag, 11. März um 14:30 Uhr bei Lena." });

    const call = await callRow(w, ctx);
    expect(call).toMatchObject({ status: "ongoing", customerId: w.customerId, branchId: w.branchId });
    const booked = await appointmentsOfCall(w, call!.id);
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ source: "phone", bookedByCallId: call!.id, customerId: w.customerId, staffId: w.staffId, serviceId: w.ladies });
    expect(booked[0]!.startsAt.toISOString()).toBe("2027-03-11T13:30:00.000Z");
    // A later, identical delivery still answers the same without booking.
    expect((await runTool("book_appointment", args, ctx)).result).toEqual(runs[0]!.result);
    expect(await appointmentsOfCall(w, call!.id)).toHaveLength(1);
  });

  it("an unknown caller is asked for a name; with one a customer is created and linked by the phone index", async () => {
    const w = await createVoiceWorld("Buchung neu");
    const ctx = contextOf(w, { fromNumber: testPhoneNumber() });
    const nameless = await runTool("book_appointment", { service: "Herrenhaarschnitt", date_phrase: "morgen", time: "11:00" }, ctx);
    expect(nameless).toMatchObject({ outcome: "invalid_args", result: { ok: false, error: { code: "invalid_args", missing: ["first_name", "last_name"] } } });

    const run = await runTool("book_appointment", { service: "Herrenhaarschnitt", date_phrase: "morgen", time: "11:00", customer_name: "Max Mustermann" }, ctx);
    expect(run.result).toMatchObject({ ok: true, data: { customer_created: true, starts_at: THU("11:00") } });
    const created = await withCompany(w.companyId, (tx) =>
      tx.select().from(customers).where(and(eq(customers.companyId, w.companyId), eq(customers.phoneBlindIndex, phoneBlindIndex(ctx.fromNumber!)))),
    );
    expect(created).toMatchObject([{ firstName: "Max", lastName: "Mustermann" }]);
    expect(await callRow(w, ctx)).toMatchObject({ customerId: created[0]!.id });
  });

  it("missing arguments are named; a past, unparseable or timeless start gets a speakable answer; nothing is booked", async () => {
    const w = await createVoiceWorld("Buchung Fehler");
    const ctx = contextOf(w);
    expect((await runTool("book_appointment", {}, ctx)).result).toMatchObject({ ok: false, error: { code: "invalid_args", missing: ["service", "date_phrase"] } });
    expect((await runTool("book_appointment", { service: "Damenhaarschnitt", starts_at: "2027-03-09T10:00:00+01:00" }, ctx)).result).toMatchObject({
      ok: false,
      error: { code: "in_the_past", message: expect.stringContaining("Vergangenheit") },
    });
    expect((await runTool("book_appointment", { service: "Damenhaarschnitt", date_phrase: "gestern um 10" }, ctx)).result).toMatchObject({ ok: false, error: { code: "in_the_past" } });
    expect((await runTool("book_appointment", { service: "Damenhaarschnitt", date_phrase: "irgendwann mal" }, ctx)).result).toMatchObject({ ok: false, error: { code: "unparseable_date" } });
    expect((await runTool("book_appointment", { service: "Damenhaarschnitt", date_phrase: "morgen" }, ctx)).result).toMatchObject({ ok: false, error: { code: "invalid_args", missing: ["time"] } });
    const call = await callRow(w, ctx);
    expect(call ? await appointmentsOfCall(w, call.id) : []).toHaveLength(0);
  });

  it("a taken time is refused with alternatives; a closed time as not bookable", async () => {
    const w = await createVoiceWorld("Buchung belegt");
    await bookDirectly(w, new Date(THU("14:30")), { customerId: await withCompany(w.companyId, (tx) => insertCustomer(tx, w.companyId)) });
    const run = await runTool("book_appointment", { service: "Damenhaarschnitt", starts_at: THU("14:30") }, contextOf(w));
    expect(run).toMatchObject({ outcome: "domain_error", result: { ok: false, error: { code: "slot_taken", message: expect.stringMatching(/^Donnerstag, 11\. März um 14:30 Uhr wurde leider gerade vergeben\. Frei wäre /) } } });
    if (run.result.ok) return;
    expect(run.result.error.slots!.length).toBeGreaterThan(0);
    const stranger = contextOf(w, { fromNumber: testPhoneNumber() });
    const sunday = await runTool("book_appointment", { service: "Damenhaarschnitt", starts_at: "2027-03-14T11:00:00+01:00", customer_name: "Nina Neu" }, stranger);
    expect(sunday.result).toMatchObject({ ok: false, error: { code: "slot_unavailable", message: expect.stringContaining("kann ich leider nicht buchen") } });
    // Nothing booked: the new caller is not kept as a customer either.
    const kept = await withCompany(w.companyId, (tx) => tx.select().from(customers).where(eq(customers.phoneBlindIndex, phoneBlindIndex(stranger.fromNumber!))));
    expect(kept).toHaveLength(0);
  });

  it("tenancy: company B's context cannot book A's service by id, and books only into B", async () => {
    const a = await createVoiceWorld("Mandant A");
    const b = await createVoiceWorld("Mandant B");
    const foreign = await runTool("book_appointment", { service: a.ladies, starts_at: THU("15:00") }, contextOf(b));
    expect(foreign.result).toMatchObject({ ok: false, error: { code: "service_not_found" } });
    const ctx = contextOf(b);
    const own = await runTool("book_appointment", { service: "Damenhaarschnitt", starts_at: THU("15:00") }, ctx);
    expect(own.result).toMatchObject({ ok: true });
    const booked = await withCompany(a.companyId, (tx) => tx.select().from(appointments).where(eq(appointments.companyId, a.companyId)));
    expect(booked).toHaveLength(0);
  });
});

describe("slot holds between calls", () => {
  it("call X holds the slot it checked: Y is not offered it, Y's booking is refused with alternatives, X books it", async () => {
    const w = await createVoiceWorld("Halten");
    const x = contextOf(w);
    const y = contextOf(w, { fromNumber: testPhoneNumber() });
    const args = { service: "Damenhaarschnitt", starts_at: THU("14:30") };

    const checkX = await runTool("check_availability", args, x);
    expect(checkX.result).toMatchObject({ ok: true, data: { available: true } });
    const holds = await withCompany(w.companyId, (tx) => tx.select().from(slotHolds).where(eq(slotHolds.retellCallId, x.callId)));
    expect(holds).toHaveLength(1);
    expect(holds[0]!.startsAt.toISOString()).toBe("2027-03-11T13:30:00.000Z");

    const checkY = await runTool("check_availability", args, y);
    expect(checkY.result).toMatchObject({ ok: true, data: { available: false, reason: "taken" } });
    if (!checkY.result.ok) return;
    const offeredToY = (checkY.result.data as { slots: { starts_at: string }[] }).slots.map((s) => s.starts_at);
    expect(offeredToY).not.toContain(THU("14:30"));
    expect(offeredToY.length).toBeGreaterThan(0);

    const bookY = await runTool("book_appointment", { ...args, customer_name: "Yvonne Zweit" }, y);
    expect(bookY.result).toMatchObject({ ok: false, error: { code: "slot_taken", message: expect.stringContaining("wurde leider gerade vergeben") } });
    if (bookY.result.ok) return;
    expect(bookY.result.error.slots!.map((s) => s.starts_at)).not.toContain(THU("14:30"));

    const bookX = await runTool("book_appointment", args, x);
    expect(bookX.result).toMatchObject({ ok: true, data: { starts_at: THU("14:30") } });
    // Booked: X's hold is released.
    expect(await withCompany(w.companyId, (tx) => tx.select().from(slotHolds).where(eq(slotHolds.retellCallId, x.callId)))).toHaveLength(0);
  });

  it("a hold of another call that has expired is no longer in the way", async () => {
    const w = await createVoiceWorld("Halten abgelaufen");
    const x = contextOf(w);
    await runTool("check_availability", { service: "Damenhaarschnitt", starts_at: THU("16:00") }, x);
    const later = contextOf(w, { fromNumber: testPhoneNumber(), now: new Date(x.now.getTime() + 5 * 60_000) });
    const check = await runTool("check_availability", { service: "Damenhaarschnitt", starts_at: THU("16:00") }, later);
    expect(check.result).toMatchObject({ ok: true, data: { available: true } });
  });
});

describe("cancel_appointment and reschedule_appointment", () => {
  it("cancel: only the caller's own appointment; someone else's id or another company's reads as not found", async () => {
    const w = await createVoiceWorld("Storno");
    const other = await createVoiceWorld("Storno Fremd");
    const own = await bookDirectly(w, new Date(THU("10:00")));
    const stranger = await withCompany(w.companyId, (tx) => insertCustomer(tx, w.companyId));
    const theirs = await bookDirectly(w, new Date(THU("12:00")), { customerId: stranger });
    const foreign = await bookDirectly(other, new Date(THU("12:00")));
    const ctx = contextOf(w);

    for (const id of [theirs, foreign, "not-a-uuid"]) {
      const run = await runTool("cancel_appointment", { appointment_id: id }, ctx);
      expect(run.result, id).toMatchObject({ ok: false, error: { code: "appointment_not_found", message: "Diesen Termin finde ich unter Ihrer Rufnummer leider nicht." } });
    }
    expect(await appointment(w, theirs)).toMatchObject({ status: "booked" });
    expect(await appointment(other, foreign)).toMatchObject({ status: "booked" });

    const first = await runTool("cancel_appointment", { appointment_id: own, reason: "krank" }, ctx);
    expect(first.result).toMatchObject({ ok: true, message: "Ihr Termin Damenhaarschnitt am Donnerstag, 11. März um 10 Uhr ist storniert." });
    expect(await appointment(w, own)).toMatchObject({ status: "cancelled", cancellationReason: "krank" });
    // A retried delivery answers the same, not "not found".
    expect((await runTool("cancel_appointment", { appointment_id: own, reason: "krank" }, ctx)).result).toEqual(first.result);
  });

  it("cancel by the time said; several fitting → the agent asks which; withheld number → speakable", async () => {
    const w = await createVoiceWorld("Storno Zeit");
    const ten = await bookDirectly(w, new Date(THU("10:00")));
    await bookDirectly(w, new Date(THU("15:00")));
    const ask = await runTool("cancel_appointment", { appointment_date_phrase: "morgen" }, contextOf(w));
    expect(ask).toMatchObject({ outcome: "invalid_args", result: { ok: false, error: { code: "invalid_args", message: expect.stringMatching(/^Welchen Termin meinen Sie/) } } });
    const run = await runTool("cancel_appointment", { appointment_date_phrase: "morgen um 10" }, contextOf(w));
    expect(run.result).toMatchObject({ ok: true, data: { appointment_id: ten } });
    const withheld = await runTool("cancel_appointment", { appointment_id: ten }, contextOf(w, { fromNumber: null }));
    expect(withheld.result).toMatchObject({ ok: false, error: { code: "withheld_number" } });
  });

  it("reschedule: moves the caller's own appointment, refuses someone else's, a past or taken time", async () => {
    const w = await createVoiceWorld("Verschieben");
    const own = await bookDirectly(w, new Date(THU("10:00")));
    const stranger = await withCompany(w.companyId, (tx) => insertCustomer(tx, w.companyId));
    const theirs = await bookDirectly(w, new Date(THU("12:00")), { customerId: stranger });
    const ctx = contextOf(w);

    expect((await runTool("reschedule_appointment", { appointment_id: theirs, new_starts_at: THU("16:00") }, ctx)).result).toMatchObject({ ok: false, error: { code: "appointment_not_found" } });
    expect((await runTool("reschedule_appointment", { appointment_id: own }, ctx)).result).toMatchObject({ ok: false, error: { code: "invalid_args", missing: ["new_date_phrase"] } });
    expect((await runTool("reschedule_appointment", { appointment_id: own, new_starts_at: "2027-03-01T10:00:00+01:00" }, ctx)).result).toMatchObject({ ok: false, error: { code: "in_the_past" } });
    const taken = await runTool("reschedule_appointment", { appointment_id: own, new_starts_at: THU("12:00") }, ctx);
    expect(taken.result).toMatchObject({ ok: false, error: { code: "slot_taken" } });
    expect(await appointment(w, own)).toMatchObject({ startsAt: new Date(THU("10:00")) });

    const moved = await runTool("reschedule_appointment", { appointment_id: own, new_date_phrase: "Freitag um 11" }, ctx);
    expect(moved.result).toMatchObject({ ok: true, message: "Ihr Termin Damenhaarschnitt ist verschoben auf Freitag, 12. März um 11 Uhr bei Lena." });
    expect(await appointment(w, own)).toMatchObject({ startsAt: new Date("2027-03-12T10:00:00Z"), status: "booked" });
    expect(await appointment(w, theirs)).toMatchObject({ startsAt: new Date(THU("12:00")) });
  });
});

describe("request_callback", () => {
  it("creates one callback request for the branch with the caller's number, once", async () => {
    const w = await createVoiceWorld("Rückruf");
    const ctx = contextOf(w);
    const args = { reason: "Frage zu Strähnchen", preferred_time: "morgen Vormittag" };
    const runs = await Promise.all([1, 2].map(() => runTool("request_callback", args, ctx)));
    expect(runs[0]!.result).toMatchObject({ ok: true, message: expect.stringMatching(/^Ich habe Ihren Rückrufwunsch notiert\. Wir melden uns ab Donnerstag, 11\. März/) });
    expect(runs[1]!.result).toEqual(runs[0]!.result);
    const rows = await withCompany(w.companyId, (tx) => tx.select().from(callbackRequests).where(eq(callbackRequests.companyId, w.companyId)));
    expect(rows).toHaveLength(1);
    const call = await callRow(w, ctx);
    expect(rows[0]).toMatchObject({
      branchId: w.branchId,
      callId: call!.id,
      customerId: w.customerId,
      phoneBlindIndex: phoneBlindIndex(w.callerNumber),
      reason: "Frage zu Strähnchen",
      status: "open",
    });
    expect(rows[0]!.phoneCiphertext).not.toContain(w.callerNumber.slice(1));
  });

  it("an unknown caller must give a name; a withheld number cannot be called back", async () => {
    const w = await createVoiceWorld("Rückruf Fehler");
    const unknown = await runTool("request_callback", { reason: "Preise" }, contextOf(w, { fromNumber: testPhoneNumber() }));
    expect(unknown.result).toMatchObject({ ok: false, error: { code: "invalid_args", missing: ["customer_name"] } });
    const withheld = await runTool("request_callback", { reason: "Preise" }, contextOf(w, { fromNumber: null }));
    expect(withheld.result).toMatchObject({ ok: false, error: { code: "withheld_number" } });
    const rows = await withCompany(w.companyId, (tx) => tx.select().from(callbackRequests).where(eq(callbackRequests.companyId, w.companyId)));
    expect(rows).toHaveLength(0);
  });
});
