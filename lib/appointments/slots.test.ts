import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { staffServices, workingHours } from "@/db/schema";
import { insertBranch, insertStaff } from "@/db/testing/rows";
import { createApiWorld } from "@/lib/api/testing";
import { availableSlots } from "@/lib/scheduling/load";
import { createAppointment } from "./create";
import { findFreeSlots, getBookingOptions, groupSlotsByDay } from "./slots";

// The booking form's slot listing on the real database: the engine's slots, the union across
// eligible staff for "any", the actor's branch scope, and bad input answered, never thrown.

const NOW = new Date("2030-03-04T06:00:00Z"); // a Monday, 07:00 in Berlin
const key = (s: { staffId: string; startsAt: Date }) => `${s.staffId}|${s.startsAt.toISOString()}`;

/** A world whose staff member works Mon–Fri 09–12 and a colleague Mon–Fri 10–13 (Berlin). */
async function world(name = "Slots") {
  const w = await createApiWorld(name);
  const colleagueId = await withCompany(w.companyId, async (tx) => {
    await tx.delete(workingHours).where(eqStaff(w.staffId));
    await tx.insert(workingHours).values([1, 2, 3, 4, 5].map((weekday) => ({ companyId: w.companyId, staffId: w.staffId, branchId: w.branchId, weekday, startTime: "09:00", endTime: "12:00" })));
    const id = await insertStaff(tx, w.companyId, w.branchId);
    await tx.insert(staffServices).values({ companyId: w.companyId, staffId: id, serviceId: w.serviceId });
    await tx.insert(workingHours).values([1, 2, 3, 4, 5].map((weekday) => ({ companyId: w.companyId, staffId: id, branchId: w.branchId, weekday, startTime: "10:00", endTime: "13:00" })));
    return id;
  });
  return { ...w, colleagueId };
}

const eqStaff = (staffId: string) => eq(workingHours.staffId, staffId);

describe("findFreeSlots", () => {
  it("returns the engine's slots for one staff member and the union for any, sorted, once per staff and start", async () => {
    const w = await world();
    const input = { branchId: w.branchId, serviceId: w.serviceId, from: "2030-03-04", days: 2 };
    const any = await findFreeSlots(w.companyId, input, { branchIds: null, now: NOW });
    expect(any.ok).toBe(true);
    if (!any.ok) return;
    expect(any).toMatchObject({ timeZone: "Europe/Berlin", from: "2030-03-04", until: "2030-03-06" });

    const engine = await availableSlots(w.companyId, {
      branchId: w.branchId,
      serviceId: w.serviceId,
      from: new Date("2030-03-03T23:00:00Z"),
      to: new Date("2030-03-05T23:00:00Z"),
      now: NOW,
    });
    expect(any.slots.map(key)).toEqual(engine.map(key));
    expect(new Set(any.slots.map(key)).size).toBe(any.slots.length);
    const starts = any.slots.map((s) => s.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // Both staff members: 09:00–11:30 for one (30 min), 10:00–12:30 for the other, per day.
    expect(new Set(any.slots.map((s) => s.staffId))).toEqual(new Set([w.staffId, w.colleagueId]));
    expect(any.slots).toHaveLength(2 * (11 + 11));
    expect(any.slots[0]).toMatchObject({ staffId: w.staffId, staffName: "Mia M.", startsAt: new Date("2030-03-04T08:00:00Z") });

    const one = await findFreeSlots(w.companyId, { ...input, staffId: w.colleagueId }, { branchIds: null, now: NOW });
    expect(one.ok && one.slots.every((s) => s.staffId === w.colleagueId)).toBe(true);
    expect(one.ok && one.slots.map(key)).toEqual(any.slots.filter((s) => s.staffId === w.colleagueId).map(key));
  });

  it("leaves out booked time and starts no earlier than now", async () => {
    const w = await world();
    const booked = await createAppointment(
      w.companyId,
      { branchId: w.branchId, serviceId: w.serviceId, staffId: w.staffId, customerId: w.customerId, startsAt: "2030-03-04T09:00:00+01:00" },
      { source: "admin", now: NOW },
    );
    expect(booked.ok).toBe(true);
    const later = new Date("2030-03-04T09:40:00Z"); // 10:40 Berlin
    const result = await findFreeSlots(w.companyId, { branchId: w.branchId, serviceId: w.serviceId, staffId: w.staffId, days: 1 }, { branchIds: null, now: later });
    expect(result.ok && result.from).toBe("2030-03-04");
    expect(result.ok && result.slots.map((s) => s.startsAt.toISOString())).toEqual(["2030-03-04T09:45:00.000Z", "2030-03-04T10:00:00.000Z", "2030-03-04T10:15:00.000Z", "2030-03-04T10:30:00.000Z"]);
  });

  it("respects the actor's branch scope", async () => {
    const w = await world();
    const otherBranch = await withCompany(w.companyId, (tx) => insertBranch(tx, w.companyId));
    const input = { branchId: w.branchId, serviceId: w.serviceId, from: "2030-03-04", days: 1 };
    expect(await findFreeSlots(w.companyId, input, { branchIds: [otherBranch], now: NOW })).toEqual({ ok: false, reason: "not_found", field: "branchId" });
    expect(await findFreeSlots(w.companyId, input, { branchIds: [], now: NOW })).toEqual({ ok: false, reason: "not_found", field: "branchId" });
    expect((await findFreeSlots(w.companyId, input, { branchIds: [w.branchId], now: NOW })).ok).toBe(true);

    const options = await getBookingOptions(w.companyId, [otherBranch]);
    expect(options.branches.map((b) => b.id)).toEqual([otherBranch]);
    expect(options.staff).toEqual([]);
    const all = await getBookingOptions(w.companyId, null);
    expect(all.staff.find((s) => s.id === w.staffId)).toMatchObject({ branchIds: [w.branchId], serviceIds: [w.serviceId] });
  });

  it("answers bad input and other companies' ids with errors, not throws", async () => {
    const w = await world("A");
    const other = await createApiWorld("B");
    const base = { branchId: w.branchId, serviceId: w.serviceId };
    const find = (input: unknown) => findFreeSlots(w.companyId, input, { branchIds: null, now: NOW });

    expect(await find({ branchId: "x", serviceId: 3, staffId: "y", from: "2030-02-31", days: 500 })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { branchId: "uuid", serviceId: "uuid", staffId: "uuid", from: "date", days: "days" },
    });
    expect(await find(null)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await find({ ...base, branchId: other.branchId })).toEqual({ ok: false, reason: "not_found", field: "branchId" });
    expect(await find({ ...base, serviceId: other.serviceId })).toEqual({ ok: false, reason: "not_found", field: "serviceId" });
    expect(await find({ ...base, staffId: other.staffId })).toEqual({ ok: false, reason: "staff_not_eligible" });
    expect(await find({ ...base, staffId: "" })).toMatchObject({ ok: true });
  });
});

describe("groupSlotsByDay", () => {
  it("keeps the first days with slots, caps each day, one slot per time for any", () => {
    const at = (iso: string, staffId = "a") => ({ staffId, startsAt: new Date(iso) });
    const slots = [
      at("2030-03-04T08:00:00Z"),
      at("2030-03-04T08:00:00Z", "b"),
      at("2030-03-04T08:15:00Z"),
      at("2030-03-04T22:30:00Z"), // 23:30 Berlin, still the 4th
      at("2030-03-05T23:15:00Z"), // 00:15 Berlin on the 6th
      at("2030-03-07T08:00:00Z"),
    ];
    const days = groupSlotsByDay(slots, "Europe/Berlin", { maxDays: 2, perDay: 3, distinctTimes: true });
    expect(days.map((d) => [d.date, d.slots.map((s) => `${s.time}/${s.staffId}`)])).toEqual([
      ["2030-03-04", ["09:00/a", "09:15/a", "23:30/a"]],
      ["2030-03-06", ["00:15/a"]],
    ]);
    expect(groupSlotsByDay(slots, "Europe/Berlin", { perDay: 2 })[0]!.slots.map((s) => s.staffId)).toEqual(["a", "b"]);
  });
});
