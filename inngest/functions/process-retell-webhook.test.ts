import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, withCompany } from "@/db";
import { calls, callTranscripts, customers, serviceUsageLogs } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { ownerHandle } from "@/db/testing/fixtures";
import { testPhoneNumber } from "@/db/testing/rows";
import { openTranscript } from "@/lib/calls/transcripts";
import { createCustomer } from "@/lib/customers";
import {
  callAnalyzedFixture,
  callEndedFixture,
  callStartedFixture,
  type CallIdentity,
  notConnectedFixture,
  transcriptUpdatedFixture,
  transferFixture,
} from "@/lib/retell/fixtures";
import { createCompanyWithNumber, newCallId, storeRetellEvent } from "@/lib/voice/webhooks/test-support";
import { processRetellWebhook } from "./process-retell-webhook";

async function run(webhookEventId: string) {
  const t = new InngestTestEngine({
    function: processRetellWebhook,
    events: [{ name: "retell/webhook.received", data: { webhookEventId } }],
  });
  const { result, error } = await t.execute();
  expect(error).toBeUndefined();
  return result as { status: string; companyId?: string | null; detail?: string };
}

async function deliver(body: unknown, salt = "") {
  return run(await storeRetellEvent(body, salt));
}

async function inboxRow(id: string) {
  const owner = await ownerHandle();
  const [row] = rowsOf<{ status: string; last_error: string | null; company_id: string | null; attempts: number }>(
    await owner.db.execute(sql`select status, last_error, company_id, attempts from webhook_events where id = ${id}`),
  );
  return row;
}

async function callState(companyId: string, retellCallId: string) {
  return withCompany(companyId, async (tx) => {
    const rows = await tx.select().from(calls).where(eq(calls.retellCallId, retellCallId));
    const call = rows[0];
    const transcripts = call ? await tx.select().from(callTranscripts).where(eq(callTranscripts.callId, call.id)) : [];
    const usage = call ? await tx.select().from(serviceUsageLogs).where(eq(serviceUsageLogs.callId, call.id)) : [];
    return { rows, call, transcripts, usage };
  });
}

async function expectFinishedCall(companyId: string, ident: Required<Pick<CallIdentity, "callId" | "from">>) {
  const state = await callState(companyId, ident.callId);
  expect(state.rows).toHaveLength(1);
  expect(state.call).toMatchObject({
    status: "ended",
    direction: "inbound",
    fromNumber: ident.from,
    durationMs: 94_500,
    disconnectionReason: "user_hangup",
    summary: expect.stringContaining("Anna Becker"),
    sentiment: "Positive",
    successful: true,
    analysis: { appointment_booked: true },
  });
  expect(state.call!.startedAt).toEqual(new Date(Date.UTC(2026, 2, 10, 9, 15, 0)));
  expect(state.call!.analyzedAt).not.toBeNull();
  expect(state.usage).toHaveLength(1);
  expect(state.usage[0]).toMatchObject({ durationMs: 94_500, billableSeconds: 95, unit: "second" });
  expect(state.transcripts).toHaveLength(1);
  const transcript = state.transcripts[0]!;
  expect(transcript).toMatchObject({ isFinal: true, turnCount: 9 });
  // Encrypted at rest: the column holds ciphertext, no word of the conversation.
  expect(transcript.turnsCiphertext).toMatch(/^v1\./);
  expect(transcript.turnsCiphertext).not.toContain("Termin");
  expect(openTranscript(transcript).at(-1)?.content).toContain("gebucht");
  return state.call!;
}

describe("process-retell-webhook", () => {
  it("the lifecycle in order: one call, final status and fields, one usage log, final transcript, a new customer linked by phone", async () => {
    const company = await createCompanyWithNumber("Lebenszyklus");
    const ident = { callId: newCallId(), from: testPhoneNumber(), to: company.number };

    expect(await deliver(callStartedFixture(ident))).toMatchObject({ status: "processed", companyId: company.id });
    const started = await callState(company.id, ident.callId);
    expect(started.call).toMatchObject({ status: "ongoing", branchId: company.branchId, phoneNumberId: company.phoneNumberId, toNumber: company.number });
    expect(started.call!.retellAgentId).not.toBeNull();
    expect(started.usage).toHaveLength(0);

    await deliver(transcriptUpdatedFixture(3, ident));
    expect((await callState(company.id, ident.callId)).transcripts[0]).toMatchObject({ turnCount: 3, isFinal: false });
    await deliver(transcriptUpdatedFixture(4, ident));
    await deliver(callEndedFixture(ident));
    // A late transcript turn does not replace the final transcript.
    await deliver(transcriptUpdatedFixture(5, ident));
    const analyzedEventId = await storeRetellEvent(callAnalyzedFixture(ident));
    expect(await run(analyzedEventId)).toMatchObject({ status: "processed" });
    expect(await inboxRow(analyzedEventId)).toMatchObject({ status: "processed", company_id: company.id, attempts: 1, last_error: null });

    const call = await expectFinishedCall(company.id, ident);
    expect(call.customerId).not.toBeNull();
    const [customer] = await withCompany(company.id, (tx) => tx.select().from(customers).where(eq(customers.id, call.customerId!)));
    expect(customer).toMatchObject({ firstName: "Anna", lastName: "Becker" });
    expect(customer!.phoneCiphertext).not.toContain(ident.from);

    // Running the same inbox event again changes nothing: it is claimed once.
    const before = await callState(company.id, ident.callId);
    expect(await run(analyzedEventId)).toEqual({ status: "skipped" });
    expect(await callState(company.id, ident.callId)).toEqual(before);
  });

  it("out of order (ended before started, analyzed before ended) and triple deliveries give the same call", async () => {
    const company = await createCompanyWithNumber("Unordnung");
    const ident = { callId: newCallId(), from: testPhoneNumber(), to: company.number };
    await deliver(callAnalyzedFixture(ident));
    expect((await callState(company.id, ident.callId)).call?.status).toBe("ended");
    for (const salt of ["", ":2", ":3"]) await deliver(callEndedFixture(ident), salt);
    await deliver(transcriptUpdatedFixture(2, ident));
    // A late call_started after the end: the status stays ended.
    await deliver(callStartedFixture(ident));
    await deliver(callAnalyzedFixture(ident), ":again");
    await expectFinishedCall(company.id, ident);

    // call_ended alone, without call_started or call_analyzed.
    const lone = { callId: newCallId(), from: testPhoneNumber(), to: company.number };
    await deliver(callEndedFixture(lone));
    const state = await callState(company.id, lone.callId);
    expect(state.call).toMatchObject({ status: "ended", durationMs: 94_500, analyzedAt: null });
    expect(state.usage).toHaveLength(1);
  });

  it("a call that never connected ends not_connected, with zero billable seconds", async () => {
    const company = await createCompanyWithNumber("Nicht verbunden");
    const ident = { callId: newCallId(), from: company.number, to: testPhoneNumber() };
    // Outbound: our number is the caller; the company comes from from_number.
    await deliver(notConnectedFixture(ident));
    const state = await callState(company.id, ident.callId);
    expect(state.call).toMatchObject({ status: "not_connected", direction: "outbound", disconnectionReason: "dial_no_answer" });
    expect(state.usage[0]).toMatchObject({ billableSeconds: 0 });
  });

  it("links the caller to an existing customer by phone, whatever the spelling; a single word is no name to create one", async () => {
    const company = await createCompanyWithNumber("Bekannt");
    const from = testPhoneNumber();
    const created = await createCustomer(company.id, { firstName: "Jonas", lastName: "Vorhanden", phone: `0${from.slice(3, 5)} ${from.slice(5)}` });
    expect(created.ok).toBe(true);
    const ident = { callId: newCallId(), from, to: company.number };
    await deliver(callStartedFixture(ident));
    expect((await callState(company.id, ident.callId)).call?.customerId).toBe(created.ok ? created.customer.id : null);

    const stranger = { callId: newCallId(), from: testPhoneNumber(), to: company.number };
    const ended = callEndedFixture(stranger) as { call: Record<string, unknown> };
    ended.call.collected_dynamic_variables = { customer_name: "Anna" };
    await deliver(ended);
    expect((await callState(company.id, stranger.callId)).call?.customerId).toBeNull();
  });

  it("transfer events fill the transfer columns", async () => {
    const company = await createCompanyWithNumber("Weiterleitung");
    const ident = { callId: newCallId(), from: testPhoneNumber(), to: company.number };
    await deliver(callStartedFixture(ident));
    await deliver(transferFixture("transfer_started", ident));
    await deliver(transferFixture("transfer_bridged", ident));
    const { call } = await callState(company.id, ident.callId);
    expect(call).toMatchObject({ transferStatus: "bridged", transferDestination: "+4930123456700", status: "ongoing" });
    expect(call!.transferredAt).not.toBeNull();
  });

  it("an unknown number is ignored with a reason; nothing is written anywhere", async () => {
    const company = await createCompanyWithNumber("Unbekannt");
    const ident = { callId: newCallId(), from: testPhoneNumber(), to: testPhoneNumber() };
    const id = await storeRetellEvent(callEndedFixture(ident));
    expect(await run(id)).toMatchObject({ status: "ignored", detail: "unknown phone number" });
    expect(await inboxRow(id)).toMatchObject({ status: "ignored", last_error: "unknown phone number", company_id: null });
    expect((await callState(company.id, ident.callId)).rows).toEqual([]);
  });

  it("tenancy: an event for company A's number writes only into A; a call id of company B is never touched", async () => {
    const a = await createCompanyWithNumber("Mandant A");
    const b = await createCompanyWithNumber("Mandant B");
    const ident = { callId: newCallId(), from: testPhoneNumber(), to: a.number };
    await deliver(callEndedFixture(ident));
    expect((await callState(a.id, ident.callId)).rows).toHaveLength(1);
    expect((await callState(b.id, ident.callId)).rows).toEqual([]);
    expect(await withCompany(b.id, (tx) => tx.select().from(calls))).toEqual([]);
    expect(await withCompany(b.id, (tx) => tx.select().from(customers))).toEqual([]);

    // B already has a call with this Retell id; an event naming A's number must not write into it.
    const taken = newCallId();
    await withCompany(b.id, (tx) => tx.insert(calls).values({ id: newId(), companyId: b.id, retellCallId: taken, status: "ongoing" }));
    const id = await storeRetellEvent(callEndedFixture({ callId: taken, from: testPhoneNumber(), to: a.number }));
    expect(await run(id)).toMatchObject({ status: "ignored", companyId: a.id, detail: "call id belongs to another company" });
    expect((await callState(b.id, taken)).call).toMatchObject({ status: "ongoing", durationMs: null, endedAt: null });
    expect((await callState(b.id, taken)).usage).toEqual([]);
    expect((await callState(a.id, taken)).rows).toEqual([]);
  });
});
