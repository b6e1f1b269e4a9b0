import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { slotHolds } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertStaff } from "@/db/testing/rows";
import { holdSlot, otherCallsHolds, otherCallsHoldsOfStaff } from "./slot-holds";

const at = (minute: number) => new Date(Date.UTC(2031, 2, 4, 9, minute));

async function world() {
  const company = await createTestCompany("Halten");
  const staffId = await withCompany(company.id, (tx) => insertStaff(tx, company.id, company.branchId));
  const hold = (retellCallId: string, from: number, to: number, now = new Date(), ttlSeconds = 120) =>
    withCompany(company.id, (tx) =>
      holdSlot(tx, { companyId: company.id, retellCallId, branchId: company.branchId, staffId, startsAt: at(from), endsAt: at(to), ttlSeconds }, now),
    );
  return { company, staffId, hold };
}

describe("holdSlot", () => {
  it("two calls cannot hold overlapping time of one staff member; back to back is fine", async () => {
    const { hold } = await world();
    expect(await hold("call_a", 0, 30)).toMatchObject({ ok: true });
    expect(await hold("call_b", 15, 45)).toEqual({ ok: false, reason: "held_by_other_call" });
    expect(await hold("call_b", 30, 60)).toMatchObject({ ok: true });
  });

  it("a call holds one slot at a time: a new hold releases its earlier one", async () => {
    const { company, hold } = await world();
    await hold("call_a", 0, 30);
    await hold("call_a", 60, 90);
    const rows = await withCompany(company.id, (tx) => tx.select().from(slotHolds));
    expect(rows.map((r) => [r.retellCallId, r.startsAt])).toEqual([["call_a", at(60)]]);
    expect(await hold("call_b", 0, 30)).toMatchObject({ ok: true });
  });

  it("an expired hold no longer blocks: it is deleted when another call holds the time", async () => {
    const { company, staffId, hold } = await world();
    const past = new Date(Date.now() - 10 * 60_000);
    await hold("call_a", 0, 30, past, 60);
    expect(await hold("call_b", 0, 30)).toMatchObject({ ok: true });
    const rows = await withCompany(company.id, (tx) => tx.select().from(slotHolds));
    expect(rows.map((r) => r.retellCallId)).toEqual(["call_b"]);
    // Availability sees call_b's live hold as busy for others, not for call_b itself.
    const seen = (call: string | null) =>
      withCompany(company.id, (tx) => otherCallsHolds(tx, { companyId: company.id, staffId, retellCallId: call, startsAt: at(10), endsAt: at(20) }));
    expect(await seen("call_c")).toHaveLength(1);
    expect(await seen("call_b")).toEqual([]);
    expect(await seen(null)).toHaveLength(1);
  });

  it("otherCallsHoldsOfStaff: the same holds as otherCallsHolds, for several staff members in one query", async () => {
    const { company, staffId, hold } = await world();
    const second = await withCompany(company.id, (tx) => insertStaff(tx, company.id, company.branchId));
    await hold("call_a", 0, 30);
    await withCompany(company.id, (tx) =>
      holdSlot(tx, { companyId: company.id, retellCallId: "call_b", branchId: company.branchId, staffId: second, startsAt: at(60), endsAt: at(90) }),
    );
    await hold("call_old", 120, 150, new Date(Date.now() - 10 * 60_000), 60);
    const seen = (call: string | null, staffIds: string[], from = 0, to = 200) =>
      withCompany(company.id, (tx) => otherCallsHoldsOfStaff(tx, { companyId: company.id, staffIds, retellCallId: call, startsAt: at(from), endsAt: at(to) }));
    const both = await seen("call_c", [staffId, second]);
    expect(both.map((h) => [h.staffId, h.startsAt]).sort()).toEqual([[staffId, at(0)], [second, at(60)]].sort());
    // Not the asking call's own hold, not an expired one, not outside the window, not other staff.
    expect((await seen("call_a", [staffId, second])).map((h) => h.staffId)).toEqual([second]);
    expect(await seen("call_c", [staffId, second], 30, 60)).toEqual([]);
    expect((await seen("call_c", [second])).map((h) => h.staffId)).toEqual([second]);
    expect(await seen("call_c", [])).toEqual([]);
    // Company-scoped: another company asking about these staff members sees nothing.
    const other = await world();
    expect(
      await withCompany(other.company.id, (tx) =>
        otherCallsHoldsOfStaff(tx, { companyId: other.company.id, staffIds: [staffId, second], retellCallId: null, startsAt: at(0), endsAt: at(200) }),
      ),
    ).toEqual([]);
  });

  it("concurrent holds of the same time by different calls: one wins", async () => {
    const { hold } = await world();
    const results = await Promise.all(["call_x", "call_y", "call_z"].map((call) => hold(call, 0, 30)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("another company's staff time is not affected", async () => {
    const { hold } = await world();
    const other = await world();
    await hold("call_a", 0, 30);
    expect(await other.hold(`call_${newId()}`, 0, 30)).toMatchObject({ ok: true });
  });
});
