import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import * as schema from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertBranch, insertCustomer, insertStaff } from "@/db/testing/rows";
import { availableSlots, SlotQueryError } from "./load";

// The loader over the real database: eligibility (service, branch), working hours of that branch,
// absences, appointments of the staff member anywhere (widened by their services' buffers),
// closing days, and tenancy (another company's ids find nothing).

/** A Berlin wall-clock time in late November (CET, +01:00). */
const berlin = (iso: string) => new Date(`${iso}+01:00`);
const local = (d: Date) => {
  const t = new TZDate(d.getTime(), "Europe/Berlin");
  return `${String(t.getHours()).padStart(2, "0")}:${String(t.getMinutes()).padStart(2, "0")}`;
};

async function salon() {
  const company = await createTestCompany("Slots");
  const ids = await withCompany(company.id, async (tx) => {
    const branchId = await insertBranch(tx, company.id);
    const otherBranchId = await insertBranch(tx, company.id);
    const mia = await insertStaff(tx, company.id, branchId);
    const tom = await insertStaff(tx, company.id, branchId);
    const notEligible = await insertStaff(tx, company.id, branchId);
    const serviceId = newId();
    await tx.insert(schema.services).values({
      id: serviceId,
      companyId: company.id,
      name: "Färben",
      durationMinutes: 60,
      bufferAfterMinutes: 15,
      priceCents: 6000,
    });
    const otherServiceId = newId();
    await tx.insert(schema.services).values({ id: otherServiceId, companyId: company.id, name: "Kurz", durationMinutes: 30, bufferBeforeMinutes: 30, priceCents: 1000 });
    await tx.insert(schema.staffServices).values([
      { companyId: company.id, staffId: mia, serviceId },
      { companyId: company.id, staffId: tom, serviceId, durationMinutes: 90 },
      { companyId: company.id, staffId: mia, serviceId: otherServiceId },
    ]);
    for (const staffId of [mia, tom, notEligible]) {
      await tx.insert(schema.workingHours).values({ companyId: company.id, staffId, branchId, weekday: 1, startTime: "09:00", endTime: "12:00" });
    }
    // Mia also works Mondays afternoons at the other branch: not slots of this branch.
    await tx.insert(schema.workingHours).values({ companyId: company.id, staffId: mia, branchId: otherBranchId, weekday: 1, startTime: "13:00", endTime: "18:00" });
    const customerId = await insertCustomer(tx, company.id);
    return { branchId, otherBranchId, mia, tom, serviceId, otherServiceId, customerId };
  });
  return { company, ...ids };
}

const monday = { from: berlin("2026-11-30T00:00:00"), to: berlin("2026-12-01T00:00:00"), now: new Date("2026-11-01T00:00:00Z"), stepMinutes: 30 as const };

describe("availableSlots (database)", () => {
  it("gives each eligible staff member's slots at that branch, with their own duration", async () => {
    const s = await salon();
    const slots = await availableSlots(s.company.id, { branchId: s.branchId, serviceId: s.serviceId, ...monday });
    const of = (id: string) => slots.filter((x) => x.staffId === id).map((x) => local(x.startsAt));
    // 60 min + 15 buffer after within 09:00–12:00: 09:00 … 10:30. Tom's 90 min: 09:00 … 10:00.
    expect(of(s.mia)).toEqual(["09:00", "09:30", "10:00", "10:30"]);
    expect(of(s.tom)).toEqual(["09:00", "09:30", "10:00"]);
    expect(new Set(slots.map((x) => x.staffId))).toEqual(new Set([s.mia, s.tom]));
  });

  it("an appointment of the staff member (at any branch), widened by its service's buffer, takes its time", async () => {
    const s = await salon();
    await withCompany(s.company.id, (tx) =>
      tx.insert(schema.appointments).values({
        companyId: s.company.id,
        branchId: s.otherBranchId,
        staffId: s.mia,
        serviceId: s.otherServiceId,
        customerId: s.customerId,
        startsAt: berlin("2026-11-30T11:00:00"),
        endsAt: berlin("2026-11-30T11:30:00"),
        source: "admin",
        priceCents: 1000,
      }),
    );
    // Busy 10:30–11:30 (its 30-minute buffer before): Mia's blocks (60 + 15 min) must end by 10:30.
    const slots = await availableSlots(s.company.id, { branchId: s.branchId, serviceId: s.serviceId, staffId: s.mia, ...monday });
    expect(slots.map((x) => local(x.startsAt))).toEqual(["09:00"]);
  });

  it("a cancelled appointment does not block; an absence and a closing day do", async () => {
    const s = await salon();
    await withCompany(s.company.id, async (tx) => {
      await tx.insert(schema.appointments).values({
        companyId: s.company.id,
        branchId: s.branchId,
        staffId: s.mia,
        serviceId: s.serviceId,
        customerId: s.customerId,
        startsAt: berlin("2026-11-30T09:00:00"),
        endsAt: berlin("2026-11-30T10:00:00"),
        status: "cancelled",
        source: "admin",
        priceCents: 6000,
      });
      await tx.insert(schema.staffAbsences).values({
        companyId: s.company.id,
        staffId: s.tom,
        kind: "sick",
        startsAt: berlin("2026-11-30T00:00:00"),
        endsAt: berlin("2026-12-01T00:00:00"),
      });
    });
    const slots = await availableSlots(s.company.id, { branchId: s.branchId, serviceId: s.serviceId, ...monday });
    expect(slots.filter((x) => x.staffId === s.mia)).toHaveLength(4);
    expect(slots.filter((x) => x.staffId === s.tom)).toHaveLength(0);

    await withCompany(s.company.id, (tx) =>
      tx.insert(schema.branchClosures).values({ companyId: s.company.id, branchId: s.branchId, date: "2026-11-30", reason: "Betriebsausflug" }),
    );
    expect(await availableSlots(s.company.id, { branchId: s.branchId, serviceId: s.serviceId, ...monday })).toEqual([]);
  });

  it("refuses what does not fit: unknown branch or service, a staff member who does not perform it, a huge window", async () => {
    const s = await salon();
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof SlotQueryError ? e.code : String(e)));
    expect(await code(availableSlots(s.company.id, { branchId: newId(), serviceId: s.serviceId, ...monday }))).toBe("branch_not_found");
    expect(await code(availableSlots(s.company.id, { branchId: s.branchId, serviceId: newId(), ...monday }))).toBe("service_not_found");
    const stranger = await withCompany(s.company.id, (tx) => insertStaff(tx, s.company.id, s.branchId));
    expect(await code(availableSlots(s.company.id, { branchId: s.branchId, serviceId: s.serviceId, staffId: stranger, ...monday }))).toBe(
      "staff_not_eligible",
    );
    expect(
      await code(availableSlots(s.company.id, { branchId: s.branchId, serviceId: s.serviceId, ...monday, to: new Date(monday.from.getTime() + 90 * 86_400_000) })),
    ).toBe("invalid_window");
  });

  it("company B asking with company A's branch and service ids finds nothing", async () => {
    const a = await salon();
    const b = await createTestCompany("Slots B");
    const code = await availableSlots(b.id, { branchId: a.branchId, serviceId: a.serviceId, ...monday }).then(
      () => "ok",
      (e: unknown) => (e instanceof SlotQueryError ? e.code : String(e)),
    );
    expect(code).toBe("branch_not_found");
  });
});
