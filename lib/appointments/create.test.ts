import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { appointments, auditLog, branchClosures, services, staff, staffAbsences, staffBranches, staffServices, workingHours } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { insertAlwaysWorking, insertBranch, insertService, insertStaff } from "@/db/testing/rows";
import { createApiWorld } from "@/lib/api/testing";
import { createAppointment } from "./create";

// The appointment-creation use case on the real database: rules, tenancy, overlap and the
// concurrency of two creates for the same slot.

const HOUR = 3_600_000;
const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 24 * HOUR);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

async function countAppointments(companyId: string) {
  return (await withCompany(companyId, (tx) => tx.select({ id: appointments.id }).from(appointments))).length;
}

describe("createAppointment", () => {
  it("books with the service's duration and price, source and actor recorded", async () => {
    const w = await createApiWorld();
    const startsAt = inDays(3);
    const result = await createAppointment(
      w.companyId,
      { branchId: w.branchId, serviceId: w.serviceId, staffId: w.staffId, customerId: w.customerId, startsAt: startsAt.toISOString(), notes: " Bitte Fenster " },
      { source: "online", context: { userId: w.adminId, requestId: "req-1" } },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.appointment).toMatchObject({ status: "booked", source: "online", priceCents: 3500, currency: "EUR", notes: "Bitte Fenster" });
    expect(result.appointment.endsAt.getTime() - result.appointment.startsAt.getTime()).toBe(30 * 60_000);
    const [audit] = await withCompany(w.companyId, (tx) => tx.select().from(auditLog).where(eq(auditLog.rowId, result.appointment.id)));
    expect(audit).toMatchObject({ action: "insert", actorUserId: w.adminId, requestId: "req-1" });
  });

  it("takes the staff member's own duration and price and accepts an offset", async () => {
    const w = await createApiWorld();
    await withCompany(w.companyId, (tx) =>
      tx.update(staffServices).set({ durationMinutes: 45, priceCents: 4200 }).where(and(eq(staffServices.staffId, w.staffId), eq(staffServices.serviceId, w.serviceId))),
    );
    const day = inDays(4).toISOString().slice(0, 10);
    const result = await createAppointment(
      w.companyId,
      { branchId: w.branchId, serviceId: w.serviceId, staffId: w.staffId, customerId: w.customerId, startsAt: `${day}T10:00:00+01:00` },
      { source: "online" },
    );
    expect(result.ok && result.appointment.startsAt.toISOString()).toBe(`${day}T09:00:00.000Z`);
    expect(result.ok && result.appointment.endsAt.toISOString()).toBe(`${day}T09:45:00.000Z`);
    expect(result.ok && result.appointment.priceCents).toBe(4200);
  });

  it("refuses malformed input with field codes", async () => {
    const w = await createApiWorld();
    const result = await createAppointment(w.companyId, { branchId: "x", startsAt: "2030-01-01T10:00:00", notes: "n".repeat(2001) }, { source: "online" });
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { branchId: "uuid", serviceId: "uuid", staffId: "uuid", customerId: "uuid", startsAt: "datetime", notes: "tooLong" },
    });
    expect(await createAppointment(w.companyId, null, { source: "online" })).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses the past, other companies' references and what the staff member does not do", async () => {
    const w = await createApiWorld("A");
    const other = await createApiWorld("B");
    const base = { branchId: w.branchId, serviceId: w.serviceId, staffId: w.staffId, customerId: w.customerId, startsAt: inDays(2).toISOString() };
    const create = (input: Record<string, unknown>) => createAppointment(w.companyId, { ...base, ...input }, { source: "online" });

    expect(await create({ startsAt: inDays(-1).toISOString() })).toEqual({ ok: false, reason: "starts_in_past" });
    expect(await create({ customerId: other.customerId })).toEqual({ ok: false, reason: "not_found", field: "customerId" });
    expect(await create({ staffId: other.staffId })).toEqual({ ok: false, reason: "not_found", field: "staffId" });
    expect(await create({ serviceId: other.serviceId })).toEqual({ ok: false, reason: "not_found", field: "serviceId" });
    expect(await create({ branchId: other.branchId })).toEqual({ ok: false, reason: "not_found", field: "branchId" });
    expect(await create({ customerId: newId() })).toEqual({ ok: false, reason: "not_found", field: "customerId" });

    const { secondBranch, otherService } = await withCompany(w.companyId, async (tx) => ({
      secondBranch: await insertBranch(tx, w.companyId),
      otherService: await insertService(tx, w.companyId),
    }));
    expect(await create({ branchId: secondBranch })).toEqual({ ok: false, reason: "staff_not_at_branch" });
    expect(await create({ serviceId: otherService })).toEqual({ ok: false, reason: "service_not_performed" });
    // Working at a second branch (staff_branches) is enough, once there are working hours there.
    await withCompany(w.companyId, (tx) => tx.insert(staffBranches).values({ companyId: w.companyId, staffId: w.staffId, branchId: secondBranch }));
    expect(await create({ branchId: secondBranch })).toEqual({ ok: false, reason: "outside_working_hours" });
    await withCompany(w.companyId, (tx) => insertAlwaysWorking(tx, w.companyId, w.staffId, secondBranch));
    expect((await create({ branchId: secondBranch })).ok).toBe(true);
    // A service of one branch only is not offered at another.
    await withCompany(w.companyId, (tx) => tx.update(services).set({ branchId: secondBranch }).where(eq(services.id, w.serviceId)));
    expect(await create({ startsAt: inDays(5).toISOString() })).toEqual({ ok: false, reason: "service_not_at_branch" });
    await withCompany(w.companyId, (tx) => tx.update(services).set({ branchId: null }).where(eq(services.id, w.serviceId)));
    await withCompany(w.companyId, (tx) => tx.update(staff).set({ isActive: false }).where(eq(staff.id, w.staffId)));
    expect(await create({ startsAt: inDays(6).toISOString() })).toEqual({ ok: false, reason: "inactive", field: "staffId" });

    expect(await countAppointments(w.companyId)).toBe(1);
    expect(await countAppointments(other.companyId)).toBe(0);
  });

  it("refuses an overlapping active appointment of the staff member and names it; back to back is fine", async () => {
    const w = await createApiWorld();
    const start = inDays(3, 9);
    const input = (at: Date, staffId = w.staffId) => ({
      branchId: w.branchId, serviceId: w.serviceId, staffId, customerId: w.customerId, startsAt: at.toISOString(),
    });
    const first = await createAppointment(w.companyId, input(start), { source: "online" });
    expect(first.ok).toBe(true);
    const clash = await createAppointment(w.companyId, input(new Date(start.getTime() + 15 * 60_000)), { source: "online" });
    expect(clash).toEqual({ ok: false, reason: "slot_taken", clash: { startsAt: start, endsAt: new Date(start.getTime() + 30 * 60_000) } });
    expect((await createAppointment(w.companyId, input(new Date(start.getTime() + 30 * 60_000)), { source: "online" })).ok).toBe(true);
    expect((await createAppointment(w.companyId, input(new Date(start.getTime() - 30 * 60_000)), { source: "online" })).ok).toBe(true);

    // A cancelled appointment frees its slot.
    if (first.ok) await withCompany(w.companyId, (tx) => tx.update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, first.appointment.id)));
    expect((await createAppointment(w.companyId, input(start), { source: "online" })).ok).toBe(true);

    // Another staff member is free at the same time.
    const colleague = await withCompany(w.companyId, async (tx) => {
      const id = await insertStaff(tx, w.companyId, w.branchId);
      await tx.insert(staffServices).values({ companyId: w.companyId, staffId: id, serviceId: w.serviceId });
      await insertAlwaysWorking(tx, w.companyId, id, w.branchId);
      return id;
    });
    expect((await createAppointment(w.companyId, input(start, colleague), { source: "online" })).ok).toBe(true);
  });

  it("lets exactly one of several concurrent creates of the same slot succeed (staff row locked)", async () => {
    const w = await createApiWorld();
    const startsAt = inDays(8, 14).toISOString();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        createAppointment(
          w.companyId,
          { branchId: w.branchId, serviceId: w.serviceId, staffId: w.staffId, customerId: w.customerId, startsAt },
          { source: "online" },
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(4).fill("slot_taken"));
    expect(await countAppointments(w.companyId)).toBe(1);
  });

  it("books only what the availability engine allows: working hours, absences, closing days, notice", async () => {
    const w = await createApiWorld("Regeln");
    await withCompany(w.companyId, async (tx) => {
      await tx.delete(workingHours).where(eq(workingHours.staffId, w.staffId));
      for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
        await tx.insert(workingHours).values({ companyId: w.companyId, staffId: w.staffId, branchId: w.branchId, weekday, startTime: "09:00", endTime: "17:00" });
      }
      await tx.update(services).set({ minNoticeMinutes: 24 * 60 }).where(eq(services.id, w.serviceId));
    });
    const now = new Date("2031-03-03T08:00:00Z"); // a Monday, 09:00 in Berlin
    const create = (startsAt: string, source: "online" | "admin" = "online") =>
      createAppointment(w.companyId, { branchId: w.branchId, serviceId: w.serviceId, staffId: w.staffId, customerId: w.customerId, startsAt }, { source, now });
    expect(await create("2031-03-05T18:00:00+01:00")).toEqual({ ok: false, reason: "outside_working_hours" });
    expect(await create("2031-03-03T14:00:00+01:00")).toMatchObject({ ok: false, reason: "too_short_notice" });
    // An operator may book at short notice; the rest of the rules still hold.
    expect((await create("2031-03-03T14:00:00+01:00", "admin")).ok).toBe(true);
    await withCompany(w.companyId, async (tx) => {
      await tx.insert(staffAbsences).values({ companyId: w.companyId, staffId: w.staffId, kind: "sick", startsAt: new Date("2031-03-06T00:00:00+01:00"), endsAt: new Date("2031-03-07T00:00:00+01:00") });
      await tx.insert(branchClosures).values({ companyId: w.companyId, branchId: w.branchId, date: "2031-03-07" });
    });
    expect(await create("2031-03-06T10:00:00+01:00")).toEqual({ ok: false, reason: "staff_absent" });
    expect(await create("2031-03-07T10:00:00+01:00")).toEqual({ ok: false, reason: "branch_closed" });
    expect((await create("2031-03-05T10:00:00+01:00")).ok).toBe(true);
  });
});
