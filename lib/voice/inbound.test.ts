import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { branchClosures, branches, companies, phoneNumbers, retellAgents } from "@/db/schema";
import { testPhoneNumber } from "@/db/testing/rows";
import { eraseCustomer } from "@/lib/customers/erase-customer";
import { retellInboundResponseSchema } from "@/lib/retell/payloads";
import { answerInboundCall } from "./inbound";
import { createVoiceWorld, NOW } from "./tools/testing";

// call_inbound on the real database: the number resolves to branch → company → agent; the answer
// carries the caller's known name (phone blind index, in that company only) and today in the
// branch's zone and language; everything unknown or inactive is rejected politely.

const variablesOf = (answer: Awaited<ReturnType<typeof answerInboundCall>>) => {
  expect(retellInboundResponseSchema.safeParse(answer.response).success).toBe(true);
  const inbound = answer.response.call_inbound;
  return "dynamic_variables" in inbound ? inbound.dynamic_variables : undefined;
};

describe("answerInboundCall", () => {
  it("lets a known number through with the agent and the caller's name, in German", async () => {
    const w = await createVoiceWorld("Inbound");
    const answer = await answerInboundCall({ toNumber: w.e164, fromNumber: w.callerNumber, now: NOW });
    expect(answer).toMatchObject({
      accepted: true,
      companyId: w.companyId,
      branchId: w.branchId,
      agentId: w.agentId,
      retellAgentId: w.retellAgentId,
      customerId: w.customerId,
      locale: "de",
      timeZone: "Europe/Berlin",
    });
    expect(answer.response.call_inbound).toMatchObject({ override_agent_id: w.retellAgentId, metadata: { company_id: w.companyId, branch_id: w.branchId } });
    expect(variablesOf(answer)).toMatchObject({
      customer_name: "Anna Becker",
      customer_known: "true",
      today: "Mittwoch, 10. März",
      today_iso: "2027-03-10",
      weekday: "Mittwoch",
      current_time: "10:15 Uhr",
      current_time_24h: "10:15",
      branch_name: "Schnittkunst Mitte",
      opening_hours_today: "von 9 bis 18 Uhr",
      open_today: "true",
      language: "de",
    });
    expect(variablesOf(answer)?.company_name).toMatch(/^Inbound /);
    // Any usual spelling of the numbers works.
    const national = await answerInboundCall({ toNumber: `0${w.e164.slice(3)}`, fromNumber: `0049 ${w.callerNumber.slice(3)}`, now: NOW });
    expect(variablesOf(national)?.customer_name).toBe("Anna Becker");
  });

  it("speaks English for an English branch, and says when it is closed today", async () => {
    const w = await createVoiceWorld("Inbound EN", { locale: "en" });
    const answer = await answerInboundCall({ toNumber: w.e164, fromNumber: w.callerNumber, now: NOW });
    expect(answer.accepted && answer.locale).toBe("en");
    expect(variablesOf(answer)).toMatchObject({
      today: "Wednesday, March 10",
      weekday: "Wednesday",
      current_time: "10:15 am",
      opening_hours_today: "from 9 am to 6 pm",
      language: "en",
    });
    const sunday = await answerInboundCall({ toNumber: w.e164, fromNumber: null, now: new Date("2027-03-14T12:00:00Z") });
    expect(variablesOf(sunday)).toMatchObject({ opening_hours_today: "closed today", open_today: "false", weekday: "Sunday" });
    await withCompany(w.companyId, (tx) => tx.insert(branchClosures).values({ companyId: w.companyId, branchId: w.branchId, date: "2027-03-10", reason: "Inventur" }));
    expect(variablesOf(await answerInboundCall({ toNumber: w.e164, now: NOW }))).toMatchObject({ opening_hours_today: "closed today" });
  });

  it("knows no name for an unknown, withheld or erased caller, nor one of another company", async () => {
    const w = await createVoiceWorld("Inbound A");
    const other = await createVoiceWorld("Inbound B");
    for (const fromNumber of [testPhoneNumber(), "anonymous", undefined, 4930, other.callerNumber]) {
      const answer = await answerInboundCall({ toNumber: w.e164, fromNumber, now: NOW });
      expect(answer).toMatchObject({ accepted: true, customerId: null });
      expect(variablesOf(answer)).toMatchObject({ customer_name: "", customer_known: "false" });
    }
    expect(await eraseCustomer(w.companyId, w.customerId)).toMatchObject({ ok: true });
    expect(variablesOf(await answerInboundCall({ toNumber: w.e164, fromNumber: w.callerNumber, now: NOW }))).toMatchObject({ customer_known: "false" });
  });

  it("rejects malformed and unknown numbers", async () => {
    for (const toNumber of ["", "abc", "+49", 4930123456, null, undefined, { e164: "+4930" }, "+".padEnd(80, "1")]) {
      expect(await answerInboundCall({ toNumber, now: NOW })).toMatchObject({ accepted: false, reason: "malformed_number", response: { call_inbound: { reject: true } } });
    }
    expect(await answerInboundCall({ toNumber: testPhoneNumber(), now: NOW })).toMatchObject({
      accepted: false,
      reason: "unknown_number",
      companyId: null,
      response: { call_inbound: { reject: true } },
    });
  });

  it("rejects an inactive number, company, branch or agent", async () => {
    const inactiveNumber = await createVoiceWorld("Inactive number");
    await withCompany(inactiveNumber.companyId, (tx) => tx.update(phoneNumbers).set({ isActive: false }).where(eq(phoneNumbers.e164, inactiveNumber.e164)));
    expect(await answerInboundCall({ toNumber: inactiveNumber.e164, now: NOW })).toMatchObject({ accepted: false, reason: "unknown_number" });

    const suspended = await createVoiceWorld("Suspended");
    await withCompany(suspended.companyId, (tx) => tx.update(companies).set({ status: "suspended" }).where(eq(companies.id, suspended.companyId)));
    expect(await answerInboundCall({ toNumber: suspended.e164, now: NOW })).toMatchObject({
      accepted: false,
      reason: "inactive_company",
      companyId: suspended.companyId,
      branchId: suspended.branchId,
    });

    const closedBranch = await createVoiceWorld("Inactive branch");
    await withCompany(closedBranch.companyId, (tx) => tx.update(branches).set({ isActive: false }).where(eq(branches.id, closedBranch.branchId)));
    expect(await answerInboundCall({ toNumber: closedBranch.e164, now: NOW })).toMatchObject({ accepted: false, reason: "inactive_branch" });

    const noAgent = await createVoiceWorld("No agent");
    await withCompany(noAgent.companyId, (tx) => tx.update(retellAgents).set({ isActive: false }).where(eq(retellAgents.id, noAgent.agentId)));
    expect(await answerInboundCall({ toNumber: noAgent.e164, now: NOW })).toMatchObject({ accepted: false, reason: "no_agent" });
  });
});
