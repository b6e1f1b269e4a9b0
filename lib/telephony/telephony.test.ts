import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { resolvePhoneNumber } from "@/db/platform";
import { branches, calls, phoneNumbers, retellAgents } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { testPhoneNumber } from "@/db/testing/rows";
import { createPhoneNumber } from "./create-phone-number";
import { deletePhoneNumber } from "./delete-phone-number";
import { getAgent, getPhoneNumber, getTelephonyOptions, listAgents, listPhoneNumbers } from "./queries";
import { createAgent, setAgentActive, updateAgent } from "./save-agent";
import { updatePhoneNumber } from "./update-phone-number";

// Phone numbers and Retell agents on the real database: bad input is a field error and stores
// nothing, a number or agent id is unique across companies (and the error says nothing about
// who holds it), and company A reaches none of company B's numbers or agents.

const agentTag = () => newId().replace(/-/g, "").slice(-16);
const all = { branches: null };

async function numbersOf(companyId: string) {
  return withCompany(companyId, (tx) => tx.select().from(phoneNumbers));
}

async function world(name = "Telefonie") {
  const company = await createTestCompany(name);
  const agent = await createAgent(company.id, { retellAgentId: `agent_${agentTag()}`, name: "Empfang", language: "de", voiceId: "11labs-Anna", isActive: "on" });
  if (!agent.ok) throw new Error(JSON.stringify(agent));
  return { ...company, agentId: agent.id };
}

describe("phone numbers", () => {
  it("creates a number from a usual spelling, with branch and agent; the resolver finds it", async () => {
    const w = await world();
    const e164 = testPhoneNumber();
    const typed = `0${e164.slice(3, 5)} ${e164.slice(5)}`;
    const result = await createPhoneNumber(w.id, { e164: typed, label: "Empfang", branchId: w.branchId, agentId: w.agentId, isActive: "on" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await getPhoneNumber(w.id, result.id, all)).toMatchObject({ e164, label: "Empfang", branchName: "Hauptfiliale", agentName: "Empfang", isActive: true });
    expect(await resolvePhoneNumber(e164)).toMatchObject({ companyId: w.id, branchId: w.branchId, agentId: w.agentId });
  });

  it("refuses a malformed number, a missing branch, a bad agent id as field errors, storing nothing", async () => {
    const w = await world();
    expect(await createPhoneNumber(w.id, { e164: "12ab", branchId: w.branchId })).toEqual({ ok: false, reason: "invalid", fieldErrors: { e164: "phone" } });
    expect(await createPhoneNumber(w.id, { e164: "", branchId: "", agentId: "x" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { e164: "required", branchId: "required", agentId: "uuid" },
    });
    expect(await createPhoneNumber(w.id, { e164: testPhoneNumber(), branchId: newId() })).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "uuid" } });
    expect(await numbersOf(w.id)).toEqual([]);
  });

  it("a number another company has is \"taken\" (nothing saved, nothing said about who has it)", async () => {
    const a = await world("A");
    const b = await world("B");
    const e164 = testPhoneNumber();
    expect((await createPhoneNumber(a.id, { e164, branchId: a.branchId })).ok).toBe(true);
    expect(await createPhoneNumber(b.id, { e164, branchId: b.branchId, agentId: b.agentId })).toEqual({ ok: false, reason: "invalid", fieldErrors: { e164: "taken" } });
    expect(await numbersOf(b.id)).toEqual([]);
    // Changing one's own number to a taken one: the same.
    const own = await createPhoneNumber(b.id, { e164: testPhoneNumber(), branchId: b.branchId });
    if (!own.ok) throw new Error("setup");
    expect(await updatePhoneNumber(b.id, own.id, { e164, branchId: b.branchId })).toEqual({ ok: false, reason: "invalid", fieldErrors: { e164: "taken" } });
  });

  it("another company's branch or agent is a field error", async () => {
    const a = await world("A");
    const b = await world("B");
    expect(await createPhoneNumber(a.id, { e164: testPhoneNumber(), branchId: b.branchId, agentId: b.agentId })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { branchId: "uuid", agentId: "uuid" },
    });
    const own = await createPhoneNumber(a.id, { e164: testPhoneNumber(), branchId: a.branchId, agentId: a.agentId });
    if (!own.ok) throw new Error("setup");
    expect(await updatePhoneNumber(a.id, own.id, { e164: testPhoneNumber(), branchId: a.branchId, agentId: b.agentId })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { agentId: "uuid" },
    });
    expect(await numbersOf(a.id)).toMatchObject([{ retellAgentId: a.agentId }]);
  });

  it("a deleted branch is not offered and refused", async () => {
    const w = await world();
    const branchId = newId();
    await withCompany(w.id, (tx) => tx.insert(branches).values({ id: branchId, companyId: w.id, name: "Alt", timeZone: "Europe/Berlin", deletedAt: new Date() }));
    expect((await getTelephonyOptions(w.id)).branches.map((b) => b.id)).toEqual([w.branchId]);
    expect(await createPhoneNumber(w.id, { e164: testPhoneNumber(), branchId })).toMatchObject({ fieldErrors: { branchId: "uuid" } });
  });

  it("updates and deletes; a number with calls is kept (in_use)", async () => {
    const w = await world();
    const created = await createPhoneNumber(w.id, { e164: testPhoneNumber(), branchId: w.branchId, agentId: w.agentId, isActive: "on" });
    if (!created.ok) throw new Error("setup");
    const e164 = testPhoneNumber();
    expect(await updatePhoneNumber(w.id, created.id, { e164, label: "Neu", branchId: w.branchId, agentId: "" })).toEqual({ ok: true, id: created.id });
    expect(await getPhoneNumber(w.id, created.id, all)).toMatchObject({ e164, label: "Neu", agentId: null, isActive: false });
    await withCompany(w.id, (tx) => tx.insert(calls).values({ id: newId(), companyId: w.id, phoneNumberId: created.id, retellCallId: `call_${agentTag()}` }));
    expect(await deletePhoneNumber(w.id, created.id)).toEqual({ ok: false, reason: "in_use" });
    const other = await createPhoneNumber(w.id, { e164: testPhoneNumber(), branchId: w.branchId });
    if (!other.ok) throw new Error("setup");
    expect(await deletePhoneNumber(w.id, other.id)).toEqual({ ok: true });
    expect(await getPhoneNumber(w.id, other.id, all)).toBeNull();
    expect(await deletePhoneNumber(w.id, "nope")).toEqual({ ok: false, reason: "not_found" });
  });

  it("tenancy: company A cannot read, update or delete B's numbers", async () => {
    const a = await world("A");
    const b = await world("B");
    const e164 = testPhoneNumber();
    const theirs = await createPhoneNumber(b.id, { e164, branchId: b.branchId, agentId: b.agentId, isActive: "on" });
    if (!theirs.ok) throw new Error("setup");
    expect(await getPhoneNumber(a.id, theirs.id, all)).toBeNull();
    expect((await listPhoneNumbers(a.id, {}, all)).rows).toEqual([]);
    expect(await updatePhoneNumber(a.id, theirs.id, { e164: testPhoneNumber(), branchId: a.branchId })).toEqual({ ok: false, reason: "not_found" });
    expect(await deletePhoneNumber(a.id, theirs.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await numbersOf(b.id)).toMatchObject([{ id: theirs.id, e164, branchId: b.branchId, isActive: true }]);
  });

  it("lists with search, branch filter, sort, and a branch manager's scope", async () => {
    const w = await world();
    const second = newId();
    await withCompany(w.id, (tx) => tx.insert(branches).values({ id: second, companyId: w.id, name: "Nord", timeZone: "Europe/Berlin" }));
    const n1 = await createPhoneNumber(w.id, { e164: testPhoneNumber(), label: "Empfang Mitte", branchId: w.branchId });
    const n2 = await createPhoneNumber(w.id, { e164: testPhoneNumber(), label: "Nord Hotline", branchId: second, agentId: w.agentId });
    if (!n1.ok || !n2.ok) throw new Error("setup");
    const page = await listPhoneNumbers(w.id, { sort: "created.asc" }, all);
    expect(page.rows.map((r) => r.id)).toEqual([n1.id, n2.id]);
    expect((await listPhoneNumbers(w.id, { sort: "created.desc" }, all)).rows.map((r) => r.id)).toEqual([n2.id, n1.id]);
    expect((await listPhoneNumbers(w.id, { q: "hotline" }, all)).rows.map((r) => r.id)).toEqual([n2.id]);
    expect((await listPhoneNumbers(w.id, { branch: second }, all)).rows.map((r) => r.id)).toEqual([n2.id]);
    expect((await listPhoneNumbers(w.id, {}, { branches: [second] })).rows.map((r) => r.id)).toEqual([n2.id]);
    expect((await listPhoneNumbers(w.id, {}, { branches: [] })).rows).toEqual([]);
    expect(await getPhoneNumber(w.id, n2.id, { branches: [w.branchId] })).toBeNull();
    expect((await listAgents(w.id, { branches: [second] })).map((a) => a.id)).toEqual([w.agentId]);
    expect(await listAgents(w.id, { branches: [w.branchId] })).toEqual([]);
  });
});

describe("Retell agents", () => {
  it("refuses a malformed agent id, a blank name, an unknown language; stores nothing", async () => {
    const company = await createTestCompany("Agent");
    expect(await createAgent(company.id, { retellAgentId: "bot-1", name: " ", language: "fr" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { retellAgentId: "agentId", name: "required", language: "locale" },
    });
    expect(await listAgents(company.id, all)).toEqual([]);
  });

  it("an agent id another company has is \"taken\"", async () => {
    const a = await world("A");
    const b = await createTestCompany("B");
    const [theirs] = await withCompany(a.id, (tx) => tx.select().from(retellAgents));
    expect(await createAgent(b.id, { retellAgentId: theirs!.retellAgentId, name: "Kopie", language: "de" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { retellAgentId: "taken" },
    });
    expect(await listAgents(b.id, all)).toEqual([]);
  });

  it("updates, deactivates (the resolver stops naming it) and reactivates", async () => {
    const w = await world();
    const e164 = testPhoneNumber();
    await createPhoneNumber(w.id, { e164, branchId: w.branchId, agentId: w.agentId, isActive: "on" });
    const retellAgentId = `agent_${agentTag()}`;
    expect(await updateAgent(w.id, w.agentId, { retellAgentId, name: "Anna", language: "en", voiceId: "", isActive: "on" })).toEqual({ ok: true, id: w.agentId });
    expect(await getAgent(w.id, w.agentId)).toMatchObject({ retellAgentId, name: "Anna", language: "en", voiceId: null, isActive: true, numberCount: 1 });
    expect(await setAgentActive(w.id, w.agentId, false)).toEqual({ ok: true });
    expect(await resolvePhoneNumber(e164)).toMatchObject({ agentId: null });
    expect(await setAgentActive(w.id, w.agentId, true)).toEqual({ ok: true });
    expect(await resolvePhoneNumber(e164)).toMatchObject({ agentId: w.agentId, retellAgentId });
  });

  it("tenancy: company A cannot read, update or deactivate B's agents", async () => {
    const a = await world("A");
    const b = await world("B");
    const [before] = await withCompany(b.id, (tx) => tx.select().from(retellAgents).where(eq(retellAgents.id, b.agentId)));
    expect(await getAgent(a.id, b.agentId)).toBeNull();
    expect((await listAgents(a.id, all)).map((x) => x.id)).toEqual([a.agentId]);
    expect(await updateAgent(a.id, b.agentId, { retellAgentId: `agent_${agentTag()}`, name: "Übernommen", language: "de" })).toEqual({ ok: false, reason: "not_found" });
    expect(await setAgentActive(a.id, b.agentId, false)).toEqual({ ok: false, reason: "not_found" });
    const [after] = await withCompany(b.id, (tx) => tx.select().from(retellAgents).where(eq(retellAgents.id, b.agentId)));
    expect(after).toEqual(before);
  });
});
