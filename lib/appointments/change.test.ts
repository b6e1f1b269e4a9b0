import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import * as schema from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertBranch, insertCustomer, insertStaff } from "@/db/testing/rows";
import { cancelAppointment, rescheduleAppointment, transitionAppointment } from "./change";

// Moving, cancelling and confirming appointments over the real database, checked against the
// availability engine and the state machine; another company's ids change nothing.

const cet = (wall: string) => new Date(`${wall}+01:00`); // late 2031 dates below are CET
const NOW = new Date("2031-11-01T00:00:00Z");

async function salon() {
  const company = await createTestCompany("Umbuchen");
  const ids = await withCompany(company.id, async (tx) => {
    const branchId = await insertBranch(tx, company.id);
    const mia = await insertStaff(tx, company.id, branchId);
    const tom = await insertStaff(tx, company.id, branchId);
    const serviceId = newId();
    await tx.insert(schema.services).values({ id: serviceId, companyId: company.id, name: "Schnitt", durationMinutes: 60, bufferAfterMinutes: 15, minNoticeMinutes: 120, priceCents: 4000 });
    await tx.insert(schema.staffServices).values([
      { companyId: company.id, staffId: mia, serviceId },
      { companyId: company.id, staffId: tom, serviceId, durationMinutes: 90 },
    ]);
    for (const staffId of [mia, tom]) {
      for (const weekday of [1, 2, 3, 4, 5]) {
        await tx.insert(schema.workingHours).values({ companyId: company.id, staffId, branchId, weekday, startTime: "09:00", endTime: "17:00", breaks: [{ start: "12:00", end: "13:00" }] });
      }
    }
    const customerId = await insertCustomer(tx, company.id);
    return { branchId, mia, tom, serviceId, customerId };
  });
  const book = (staffId: string, wall: string, minutes = 60, status: schema.AppointmentStatus = "booked") =>
    withCompany(company.id, async (tx) => {
      const id = newId();
      await tx.insert(schema.appointments).values({
        id,
        companyId: company.id,
        branchId: ids.branchId,
        staffId,
        serviceId: ids.serviceId,
        customerId: ids.customerId,
        startsAt: cet(wall),
        endsAt: new Date(cet(wall).getTime() + minutes * 60_000),
        status,
        source: "admin",
        priceCents: 4000,
      });
      return id;
    });
  return { company, ...ids, book };
}

describe("rescheduleAppointment", () => {
  it("moves within working hours; the end follows the duration; its own old time does not block", async () => {
    const s = await salon();
    const id = await s.book(s.mia, "2031-12-01T09:00:00");
    const moved = await rescheduleAppointment(s.company.id, id, { startsAt: "2031-12-01T09:30:00+01:00" }, { now: NOW });
    expect(moved).toMatchObject({ ok: true });
    if (moved.ok) expect(moved.appointment.endsAt.toISOString()).toBe(cet("2031-12-01T10:30:00").toISOString());
    // To another staff member with their own 90-minute duration.
    const toTom = await rescheduleAppointment(s.company.id, id, { startsAt: "2031-12-02T14:00:00+01:00", staffId: s.tom }, { now: NOW });
    expect(toTom.ok && toTom.appointment.staffId === s.tom && toTom.appointment.endsAt.getTime() - toTom.appointment.startsAt.getTime()).toBe(90 * 60_000);
  });

  it("names what is wrong: another appointment (with the clash), a break, outside hours, the notice", async () => {
    const s = await salon();
    await s.book(s.mia, "2031-12-01T14:00:00");
    const id = await s.book(s.mia, "2031-12-01T09:00:00");
    const move = (startsAt: string, now = NOW, enforceNotice = true) => rescheduleAppointment(s.company.id, id, { startsAt }, { now, enforceNotice });
    const clash = await move("2031-12-01T13:30:00+01:00");
    expect(clash).toMatchObject({ ok: false, reason: "slot_taken" });
    if (!clash.ok && clash.reason === "slot_taken") expect(clash.clash.startsAt.toISOString()).toBe(cet("2031-12-01T14:00:00").toISOString());
    // 11:30 + 60 + 15 buffer runs into the lunch break.
    expect(await move("2031-12-01T11:30:00+01:00")).toMatchObject({ ok: false, reason: "outside_working_hours" });
    expect(await move("2031-12-01T16:30:00+01:00")).toMatchObject({ ok: false, reason: "outside_working_hours" });
    expect(await move("2031-12-06T10:00:00+01:00")).toMatchObject({ ok: false, reason: "outside_working_hours" }); // Saturday
    const soon = new Date(cet("2031-12-01T09:30:00").getTime() - 60 * 60_000);
    expect(await move("2031-12-01T09:30:00+01:00", soon)).toMatchObject({ ok: false, reason: "too_short_notice" });
    expect(await move("2031-12-01T09:30:00+01:00", soon, false)).toMatchObject({ ok: true });
  });

  it("absences and closing days block; bad input, unknown ids and cancelled appointments are refused", async () => {
    const s = await salon();
    const id = await s.book(s.mia, "2031-12-01T09:00:00");
    await withCompany(s.company.id, async (tx) => {
      await tx.insert(schema.staffAbsences).values({ companyId: s.company.id, staffId: s.mia, kind: "vacation", startsAt: cet("2031-12-03T00:00:00"), endsAt: cet("2031-12-04T00:00:00") });
      await tx.insert(schema.branchClosures).values({ companyId: s.company.id, branchId: s.branchId, date: "2031-12-05" });
    });
    expect(await rescheduleAppointment(s.company.id, id, { startsAt: "2031-12-03T10:00:00+01:00" }, { now: NOW })).toMatchObject({ ok: false, reason: "staff_absent" });
    expect(await rescheduleAppointment(s.company.id, id, { startsAt: "2031-12-05T10:00:00+01:00" }, { now: NOW })).toMatchObject({ ok: false, reason: "branch_closed" });
    expect(await rescheduleAppointment(s.company.id, id, { startsAt: "2031-12-01 10:00" }, { now: NOW })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await rescheduleAppointment(s.company.id, newId(), { startsAt: "2031-12-01T10:00:00+01:00" }, { now: NOW })).toMatchObject({ ok: false, reason: "not_found" });
    expect(await rescheduleAppointment(s.company.id, "x'; drop", { startsAt: "2031-12-01T10:00:00+01:00" }, { now: NOW })).toMatchObject({ ok: false, reason: "not_found" });
    const stranger = await withCompany(s.company.id, (tx) => insertStaff(tx, s.company.id, s.branchId));
    expect(await rescheduleAppointment(s.company.id, id, { startsAt: "2031-12-01T10:00:00+01:00", staffId: stranger }, { now: NOW })).toMatchObject({ ok: false, reason: "staff_not_eligible" });
    await cancelAppointment(s.company.id, id, { reason: "Kundin krank" });
    expect(await rescheduleAppointment(s.company.id, id, { startsAt: "2031-12-01T10:00:00+01:00" }, { now: NOW })).toMatchObject({ ok: false, reason: "not_changeable", status: "cancelled" });
  });

  it("company B cannot move, cancel or confirm company A's appointment", async () => {
    const a = await salon();
    const b = await createTestCompany("Fremd");
    const id = await a.book(a.mia, "2031-12-01T09:00:00");
    expect(await rescheduleAppointment(b.id, id, { startsAt: "2031-12-01T10:00:00+01:00" }, { now: NOW })).toEqual({ ok: false, reason: "not_found" });
    expect(await cancelAppointment(b.id, id, {})).toEqual({ ok: false, reason: "not_found" });
    expect(await transitionAppointment(b.id, id, "confirmed")).toEqual({ ok: false, reason: "not_found" });
    const [row] = await withCompany(a.company.id, (tx) => tx.select().from(schema.appointments));
    expect(row).toMatchObject({ status: "booked", startsAt: cet("2031-12-01T09:00:00") });
  });
});

describe("branch scope", () => {
  it("a branch-limited actor finds only appointments of their branches", async () => {
    const s = await salon();
    const id = await s.book(s.mia, "2031-12-01T09:00:00");
    const other = await withCompany(s.company.id, (tx) => insertBranch(tx, s.company.id));
    expect(await transitionAppointment(s.company.id, id, "confirmed", { branchIds: [other] })).toEqual({ ok: false, reason: "not_found" });
    expect(await cancelAppointment(s.company.id, id, {}, { branchIds: [] })).toEqual({ ok: false, reason: "not_found" });
    expect(
      await rescheduleAppointment(s.company.id, id, { startsAt: "2031-12-01T10:00:00+01:00" }, { now: NOW, branchIds: [other] }),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(await transitionAppointment(s.company.id, id, "confirmed", { branchIds: [s.branchId] })).toMatchObject({ ok: true });
  });
});

describe("cancel and transitions", () => {
  it("follow the state machine: booked → confirmed → completed; cancelled is final; the reason is kept", async () => {
    const s = await salon();
    const id = await s.book(s.mia, "2031-12-01T09:00:00");
    expect(await transitionAppointment(s.company.id, id, "confirmed")).toMatchObject({ ok: true, appointment: { status: "confirmed" } });
    expect(await transitionAppointment(s.company.id, id, "completed")).toMatchObject({ ok: true, appointment: { status: "completed" } });
    expect(await cancelAppointment(s.company.id, id, {})).toMatchObject({ ok: false, reason: "invalid_transition", from: "completed", to: "cancelled" });
    const other = await s.book(s.mia, "2031-12-01T14:00:00");
    const cancelled = await cancelAppointment(s.company.id, other, { reason: "Termin passt nicht" });
    expect(cancelled).toMatchObject({ ok: true, appointment: { status: "cancelled", cancellationReason: "Termin passt nicht" } });
    expect(await transitionAppointment(s.company.id, other, "confirmed")).toMatchObject({ ok: false, reason: "invalid_transition" });
    expect(await cancelAppointment(s.company.id, other, { reason: "x".repeat(501) })).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("cancelling frees the time for a new booking at once", async () => {
    const s = await salon();
    const first = await s.book(s.mia, "2031-12-01T09:00:00");
    await expect(s.book(s.mia, "2031-12-01T09:00:00")).rejects.toThrow();
    await cancelAppointment(s.company.id, first, {});
    await expect(s.book(s.mia, "2031-12-01T09:00:00")).resolves.toBeTypeOf("string");
  });
});
