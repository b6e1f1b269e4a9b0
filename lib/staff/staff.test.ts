import { TZDate } from "@date-fns/tz";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import * as schema from "@/db/schema";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertBranch, insertCustomer, insertService } from "@/db/testing/rows";
import { findSlots } from "@/lib/scheduling/availability";
import { loadAvailabilityRequest } from "@/lib/scheduling/load";
import { createStaff } from "./create-staff";
import { deleteAbsence } from "./delete-absence";
import { deleteStaff, restoreStaff } from "./delete-staff";
import { type StaffListState, listStaff } from "./list";
import { getStaff, listAbsences } from "./queries";
import { saveAbsence } from "./save-absence";
import { setStaffServices } from "./set-staff-services";
import { deleteSchedule, setWorkingHours } from "./set-working-hours";
import { updateStaff } from "./update-staff";
import { listSchedules } from "./working-hours";

// The staff use cases on the real database: profile and branches, services with own duration and
// price, weekly schedules (a new one ends the open-ended one before it; overlaps are refused),
// absences with the appointment warning, bad input (field codes, nothing stored), branch scope,
// tenancy (another company's ids are not found, nothing changes) and the availability engine
// offering slots exactly inside the saved hours.

async function world(name = "Staff") {
  const company = await createTestCompany(name);
  const ids = await withCompany(company.id, async (tx) => ({
    otherBranchId: await insertBranch(tx, company.id),
    serviceId: await insertService(tx, company.id),
    customerId: await insertCustomer(tx, company.id),
  }));
  return { companyId: company.id, branchId: company.branchId, ...ids };
}

const profile = (branchId: string, extra: Record<string, unknown> = {}) => ({
  firstName: " Mia ",
  lastName: "Muster",
  email: "Mia@Example.test",
  phone: "030 1234567",
  color: "#AA00cc",
  branchId,
  ...extra,
});

async function created(w: { companyId: string; branchId: string }, extra: Record<string, unknown> = {}) {
  const result = await createStaff(w.companyId, profile(w.branchId, extra));
  if (!result.ok) throw new Error(`createStaff refused: ${JSON.stringify(result.fieldErrors)}`);
  return result.staff;
}

const staffRows = (companyId: string) => withCompany(companyId, (tx) => tx.select().from(schema.staff).where(eq(schema.staff.companyId, companyId)));
const hourRows = (companyId: string) => withCompany(companyId, (tx) => tx.select().from(schema.workingHours).where(eq(schema.workingHours.companyId, companyId)));
const absenceRows = (companyId: string) => withCompany(companyId, (tx) => tx.select().from(schema.staffAbsences).where(eq(schema.staffAbsences.companyId, companyId)));
const serviceRows = (companyId: string) => withCompany(companyId, (tx) => tx.select().from(schema.staffServices).where(eq(schema.staffServices.companyId, companyId)));

const shift = (start: string, end: string, breaks: { start: string; end: string }[] = []) => ({ start, end, breaks });
const weekdays = (s: ReturnType<typeof shift>) => Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, [s]]));

describe("createStaff / updateStaff", () => {
  it("creates a staff member with normalized fields, a default display name and extra branches; update replaces them", async () => {
    const w = await world();
    const result = await createStaff(w.companyId, profile(w.branchId, { branchIds: [w.otherBranchId, w.branchId] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.staff).toMatchObject({ firstName: "Mia", displayName: "Mia Muster", email: "mia@example.test", phone: "+49301234567", color: "#aa00cc", isActive: true });
    expect((await getStaff(w.companyId, result.staff.id))?.branchIds).toEqual([w.otherBranchId]);

    const updated = await updateStaff(w.companyId, result.staff.id, profile(w.otherBranchId, { displayName: "Mia M.", email: "", isActive: "false", branchIds: [] }));
    expect(updated).toMatchObject({ ok: true, staff: { displayName: "Mia M.", email: null, isActive: false, branchId: w.otherBranchId } });
    expect((await getStaff(w.companyId, result.staff.id))?.branchIds).toEqual([]);
  });

  it("refuses bad input and another company's branch with field codes, storing nothing", async () => {
    const w = await world();
    const other = await world("Other");
    expect(await createStaff(w.companyId, profile(w.branchId, { firstName: " ", color: "red", email: "nope" }))).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { firstName: "required", color: "color", email: "email" },
    });
    expect(await createStaff(w.companyId, profile(other.branchId))).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "branch" } });
    expect(await createStaff(w.companyId, profile(w.branchId, { branchIds: [other.otherBranchId] }))).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchIds: "branch" } });
    expect(await createStaff(w.companyId, profile("not-a-uuid"))).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "required" } });
    expect(await staffRows(w.companyId)).toHaveLength(0);
  });

  it("a branch manager sees and assigns only its branches; what it cannot see stays", async () => {
    const w = await world();
    const third = await withCompany(w.companyId, (tx) => insertBranch(tx, w.companyId));
    const mine = await created(w, { branchIds: [third] });
    const theirs = await created({ companyId: w.companyId, branchId: w.otherBranchId });
    const scope = [w.branchId];
    expect(await getStaff(w.companyId, theirs.id, scope)).toBeNull();
    expect(await updateStaff(w.companyId, theirs.id, profile(w.branchId), { scope })).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteStaff(w.companyId, theirs.id, { scope })).toEqual({ ok: false, reason: "not_found" });
    expect(await createStaff(w.companyId, profile(w.otherBranchId), { scope })).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "branch" } });
    expect(await updateStaff(w.companyId, mine.id, profile(w.branchId, { branchIds: [w.otherBranchId] }), { scope })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { branchIds: "branch" },
    });
    // Saved without the third branch it cannot see: it stays.
    expect((await updateStaff(w.companyId, mine.id, profile(w.branchId, { branchIds: [] }), { scope })).ok).toBe(true);
    expect((await getStaff(w.companyId, mine.id))?.branchIds).toEqual([third]);
    const list = await listStaff(w.companyId, listState, scope);
    expect(list.rows.map((r) => r.id)).toEqual([mine.id]);
  });
});

const listState: StaffListState = { q: "", sort: "name.asc", status: [], branch: [], size: 50, after: null, before: null };

describe("listStaff / deleteStaff / restoreStaff", () => {
  it("searches, filters by branch and status, counts services and hides deleted staff unless asked", async () => {
    const w = await world();
    const anna = await created(w, { firstName: "Anna", lastName: "Adler", displayName: "" });
    const ben = await created({ companyId: w.companyId, branchId: w.otherBranchId }, { firstName: "Ben", lastName: "Berg", displayName: "" });
    await setStaffServices(w.companyId, anna.id, { services: { [w.serviceId]: {} } });
    expect((await listStaff(w.companyId, listState)).rows.map((r) => [r.displayName, r.servicesCount, r.branches.length])).toEqual([
      ["Anna Adler", 1, 1],
      ["Ben Berg", 0, 1],
    ]);
    expect((await listStaff(w.companyId, { ...listState, q: "berg" })).rows.map((r) => r.id)).toEqual([ben.id]);
    expect((await listStaff(w.companyId, { ...listState, branch: [w.otherBranchId] })).rows.map((r) => r.id)).toEqual([ben.id]);
    expect((await listStaff(w.companyId, { ...listState, sort: "name.desc" })).rows.map((r) => r.id)).toEqual([ben.id, anna.id]);

    expect(await deleteStaff(w.companyId, ben.id)).toEqual({ ok: true, changed: true });
    const afterDelete = await listStaff(w.companyId, listState);
    expect(afterDelete.rows.map((r) => r.id)).toEqual([anna.id]);
    expect(afterDelete.statusCounts).toEqual({ active: 1, inactive: 0, deleted: 1 });
    expect((await listStaff(w.companyId, { ...listState, status: ["deleted"] })).rows.map((r) => r.id)).toEqual([ben.id]);
    expect(await updateStaff(w.companyId, ben.id, profile(w.branchId))).toEqual({ ok: false, reason: "not_found" });
    expect(await restoreStaff(w.companyId, ben.id)).toEqual({ ok: true, changed: true });
    expect((await listStaff(w.companyId, listState)).rows).toHaveLength(2);
  });

  it("refuses to delete a staff member with upcoming appointments and says how many", async () => {
    const w = await world();
    const mia = await created(w);
    await withCompany(w.companyId, (tx) =>
      tx.insert(schema.appointments).values({
        companyId: w.companyId,
        branchId: w.branchId,
        staffId: mia.id,
        serviceId: w.serviceId,
        customerId: w.customerId,
        startsAt: new Date("2030-01-07T09:00:00Z"),
        endsAt: new Date("2030-01-07T09:30:00Z"),
        source: "admin",
        priceCents: 3500,
      }),
    );
    expect(await deleteStaff(w.companyId, mia.id, { now: new Date("2029-12-01T00:00:00Z") })).toEqual({ ok: false, reason: "has_appointments", count: 1 });
    expect((await getStaff(w.companyId, mia.id))?.deletedAt).toBeNull();
  });
});

describe("setStaffServices", () => {
  it("saves the ticked services with own duration and price, replacing the previous set", async () => {
    const w = await world();
    const mia = await created(w);
    const second = await withCompany(w.companyId, (tx) => insertService(tx, w.companyId));
    expect(await setStaffServices(w.companyId, mia.id, { services: { [w.serviceId]: { durationMinutes: "45", priceCents: "39,50" }, [second]: { durationMinutes: "", priceCents: "" } } })).toEqual({
      ok: true,
      count: 2,
    });
    const rows = await serviceRows(w.companyId);
    expect(rows.find((r) => r.serviceId === w.serviceId)).toMatchObject({ durationMinutes: 45, priceCents: 3950 });
    expect(rows.find((r) => r.serviceId === second)).toMatchObject({ durationMinutes: null, priceCents: null });
    expect(await setStaffServices(w.companyId, mia.id, { services: { [second]: {} } })).toEqual({ ok: true, count: 1 });
    expect((await serviceRows(w.companyId)).map((r) => r.serviceId)).toEqual([second]);
  });

  it("refuses a bad price or duration and another company's service, storing nothing", async () => {
    const w = await world();
    const other = await world("Other");
    const mia = await created(w);
    expect(await setStaffServices(w.companyId, mia.id, { services: { [w.serviceId]: { priceCents: "1,234" } } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { [`services.${w.serviceId}.priceCents`]: "price" },
    });
    expect(await setStaffServices(w.companyId, mia.id, { services: { [w.serviceId]: { durationMinutes: "3" } } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { [`services.${w.serviceId}.durationMinutes`]: "minutes" },
    });
    expect(await setStaffServices(w.companyId, mia.id, { services: { [w.serviceId]: {}, [other.serviceId]: {} } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { [`services.${other.serviceId}`]: "service" },
    });
    expect(await serviceRows(w.companyId)).toHaveLength(0);
  });
});

describe("setWorkingHours", () => {
  it("saves a week, and a new schedule from a later date ends the open-ended one the day before", async () => {
    const w = await world();
    const mia = await created(w);
    const first = await setWorkingHours(w.companyId, mia.id, { branchId: w.branchId, validFrom: "2026-01-05", days: weekdays(shift("09:00", "17:00", [{ start: "12:00", end: "12:30" }])) });
    expect(first).toMatchObject({ ok: true, shifts: 5, ended: null });
    const second = await setWorkingHours(w.companyId, mia.id, { branchId: w.branchId, validFrom: "2026-03-02", days: { "2": [shift("13:00", "20:00")], "4": [shift("08:00", "12:00"), shift("14:00", "18:00")] } });
    expect(second).toMatchObject({ ok: true, shifts: 3, ended: { validFrom: "2026-01-05", validTo: "2026-03-01" } });

    const [branch] = await listSchedules(w.companyId, mia.id, undefined, { now: new Date("2026-02-01T12:00:00Z") });
    expect(branch?.schedules.map((s) => [s.validFrom, s.validTo, s.status])).toEqual([
      ["2026-01-05", "2026-03-01", "current"],
      ["2026-03-02", null, "future"],
    ]);
    expect(branch?.schedules[0]?.days["1"]).toEqual([shift("09:00", "17:00", [{ start: "12:00", end: "12:30" }])]);
    expect(branch?.schedules[1]?.days["4"].map((s) => s.start)).toEqual(["08:00", "14:00"]);

    // Editing the future schedule replaces its rows; the first one is untouched.
    expect(await setWorkingHours(w.companyId, mia.id, { branchId: w.branchId, validFrom: "2026-03-02", originalFrom: "2026-03-02", days: { "3": [shift("10:00", "16:00")] } })).toMatchObject({
      ok: true,
      shifts: 1,
      ended: null,
    });
    expect((await hourRows(w.companyId)).length).toBe(6);

    // A closed range inside the first schedule is a conflict, named with its range.
    expect(await setWorkingHours(w.companyId, mia.id, { branchId: w.branchId, validFrom: "2026-02-01", validTo: "2026-02-10", days: { "1": [shift("09:00", "10:00")] } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { validFrom: "scheduleOverlap" },
      conflict: { validFrom: "2026-01-05", validTo: "2026-03-01" },
    });
    expect((await hourRows(w.companyId)).length).toBe(6);

    expect(await deleteSchedule(w.companyId, mia.id, { branchId: w.branchId, validFrom: "2026-03-02" })).toEqual({ ok: true, removed: 1 });
    expect((await hourRows(w.companyId)).length).toBe(5);
  });

  it("refuses end before start, breaks outside the shift, overlapping shifts and breaks, and a branch not theirs — storing nothing", async () => {
    const w = await world();
    const other = await world("Other");
    const mia = await created(w);
    const save = (input: Record<string, unknown>) => setWorkingHours(w.companyId, mia.id, { branchId: w.branchId, validFrom: "2026-01-05", ...input });
    expect(await save({ days: { "1": [shift("17:00", "09:00")] } })).toEqual({ ok: false, reason: "invalid", fieldErrors: { "days.1.0.end": "endBeforeStart" } });
    expect(await save({ days: { "1": [shift("09:00", "17:00", [{ start: "08:30", end: "09:30" }])] } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { "days.1.0.breaks.0.start": "breakOutside" },
    });
    expect(await save({ days: { "1": [shift("09:00", "17:00", [{ start: "12:00", end: "13:00" }, { start: "12:30", end: "13:30" }])] } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { "days.1.0.breaks.1.start": "overlap" },
    });
    expect(await save({ days: { "2": [shift("09:00", "13:00"), shift("12:00", "18:00")] } })).toEqual({ ok: false, reason: "invalid", fieldErrors: { "days.2.1.start": "overlap" } });
    expect(await save({ days: { "3": [shift("9:00", "17:00")] } })).toEqual({ ok: false, reason: "invalid", fieldErrors: { "days.3.0.start": "time" } });
    expect(await save({ validTo: "2026-01-01", days: weekdays(shift("09:00", "17:00")) })).toEqual({ ok: false, reason: "invalid", fieldErrors: { validTo: "endBeforeStart" } });
    expect(await save({ days: {} })).toEqual({ ok: false, reason: "invalid", fieldErrors: { days: "noShifts" } });
    expect(await save({ branchId: other.branchId, days: weekdays(shift("09:00", "17:00")) })).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "branchNotAssigned" } });
    expect(await save({ branchId: w.otherBranchId, days: weekdays(shift("09:00", "17:00")) })).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "branchNotAssigned" } });
    expect(await hourRows(w.companyId)).toHaveLength(0);
  });

  it("the saved hours make the availability engine offer slots exactly inside them, breaks cut out", async () => {
    const w = await world();
    const mia = await created(w);
    await setStaffServices(w.companyId, mia.id, { services: { [w.serviceId]: {} } });
    // Monday 30 November 2026 (Berlin, +01:00): 09:00–12:00 with a break 10:00–10:30; the service takes 30 minutes.
    const saved = await setWorkingHours(w.companyId, mia.id, { branchId: w.branchId, validFrom: "2026-11-30", days: { "1": [shift("09:00", "12:00", [{ start: "10:00", end: "10:30" }])] } });
    expect(saved.ok).toBe(true);
    const berlin = (iso: string) => new Date(`${iso}+01:00`);
    const local = (d: Date) => {
      const t = new TZDate(d.getTime(), "Europe/Berlin");
      return `${String(t.getHours()).padStart(2, "0")}:${String(t.getMinutes()).padStart(2, "0")}`;
    };
    const slotsOn = async (day: string) => {
      const request = await loadAvailabilityRequest(w.companyId, {
        branchId: w.branchId,
        serviceId: w.serviceId,
        from: berlin(`${day}T00:00:00`),
        to: new Date(berlin(`${day}T00:00:00`).getTime() + 86_400_000),
        now: new Date("2026-11-01T00:00:00Z"),
        stepMinutes: 30,
      });
      return findSlots(request).map((s) => local(s.startsAt));
    };
    expect(await slotsOn("2026-11-30")).toEqual(["09:00", "09:30", "10:30", "11:00", "11:30"]);
    // The Monday before the schedule is valid, and the Tuesday after it, have nothing.
    expect(await slotsOn("2026-11-23")).toEqual([]);
    expect(await slotsOn("2026-12-01")).toEqual([]);
    // An absence that morning takes its slots away.
    await saveAbsence(w.companyId, mia.id, null, { kind: "other", allDay: false, startsAt: "2026-11-30T09:00", endsAt: "2026-11-30T10:00" });
    expect(await slotsOn("2026-11-30")).toEqual(["10:30", "11:00", "11:30"]);
  });
});

describe("absences", () => {
  it("stores whole days as the branch's local midnights and counts the active appointments inside", async () => {
    const w = await world();
    const mia = await created(w);
    const appointment = (startsAt: string, status: "booked" | "cancelled") =>
      withCompany(w.companyId, (tx) =>
        tx.insert(schema.appointments).values({
          companyId: w.companyId,
          branchId: w.branchId,
          staffId: mia.id,
          serviceId: w.serviceId,
          customerId: w.customerId,
          startsAt: new Date(startsAt),
          endsAt: new Date(new Date(startsAt).getTime() + 30 * 60_000),
          status,
          source: "admin",
          priceCents: 3500,
        }),
      );
    await appointment("2026-08-04T08:00:00Z", "booked");
    await appointment("2026-08-05T08:00:00Z", "cancelled");
    await appointment("2026-08-10T08:00:00Z", "booked");

    const result = await saveAbsence(w.companyId, mia.id, null, { kind: "vacation", allDay: true, startDate: "2026-08-03", endDate: "2026-08-07", note: "Ostsee" });
    expect(result).toMatchObject({ ok: true, appointmentsInside: 1 });
    if (!result.ok) return;
    // Summer time in Berlin (+02:00).
    expect(result.startsAt.toISOString()).toBe("2026-08-02T22:00:00.000Z");
    expect(result.endsAt.toISOString()).toBe("2026-08-07T22:00:00.000Z");

    const edited = await saveAbsence(w.companyId, mia.id, result.id, { kind: "sick", allDay: false, startsAt: "2026-08-10T09:00", endsAt: "2026-08-10T18:00" });
    expect(edited).toMatchObject({ ok: true, id: result.id, appointmentsInside: 1 });
    expect((await listAbsences(w.companyId, mia.id)).map((a) => [a.kind, a.startsAt.toISOString(), a.note])).toEqual([["sick", "2026-08-10T07:00:00.000Z", null]]);

    expect(await deleteAbsence(w.companyId, mia.id, result.id)).toEqual({ ok: true });
    expect(await absenceRows(w.companyId)).toHaveLength(0);
  });

  it("refuses an end before the start and an unknown kind, storing nothing", async () => {
    const w = await world();
    const mia = await created(w);
    expect(await saveAbsence(w.companyId, mia.id, null, { kind: "vacation", allDay: true, startDate: "2026-08-07", endDate: "2026-08-03" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { endDate: "endBeforeStart" },
    });
    expect(await saveAbsence(w.companyId, mia.id, null, { kind: "sick", allDay: false, startsAt: "2026-08-10T12:00", endsAt: "2026-08-10T09:00" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { endsAt: "endBeforeStart" },
    });
    expect(await saveAbsence(w.companyId, mia.id, null, { kind: "party", allDay: true, startDate: "2026-08-03", endDate: "2026-08-03" })).toMatchObject({
      ok: false,
      fieldErrors: { kind: "kind" },
    });
    expect(await absenceRows(w.companyId)).toHaveLength(0);
  });
});

describe("tenancy", () => {
  it("company B cannot read, change or delete company A's staff, hours, services or absences", async () => {
    const a = await world("A");
    const b = await world("B");
    const mia = await created(a);
    const hours = { branchId: a.branchId, validFrom: "2026-01-05", days: weekdays(shift("09:00", "17:00")) };
    expect((await setWorkingHours(a.companyId, mia.id, hours)).ok).toBe(true);
    const absence = await saveAbsence(a.companyId, mia.id, null, { kind: "vacation", allDay: true, startDate: "2026-08-03", endDate: "2026-08-07" });
    if (!absence.ok) throw new Error("absence refused");
    const before = { staff: await staffRows(a.companyId), hours: await hourRows(a.companyId), absences: await absenceRows(a.companyId) };

    expect(await getStaff(b.companyId, mia.id)).toBeNull();
    expect(await listSchedules(b.companyId, mia.id)).toEqual([]);
    expect(await listAbsences(b.companyId, mia.id)).toEqual([]);
    expect((await listStaff(b.companyId, listState)).rows).toEqual([]);
    expect(await updateStaff(b.companyId, mia.id, profile(b.branchId))).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteStaff(b.companyId, mia.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await restoreStaff(b.companyId, mia.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await setStaffServices(b.companyId, mia.id, { services: { [b.serviceId]: {} } })).toEqual({ ok: false, reason: "not_found" });
    expect(await setWorkingHours(b.companyId, mia.id, { ...hours, branchId: b.branchId })).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteSchedule(b.companyId, mia.id, { branchId: a.branchId, validFrom: "2026-01-05" })).toEqual({ ok: false, reason: "not_found" });
    expect(await saveAbsence(b.companyId, mia.id, null, { kind: "sick", allDay: true, startDate: "2026-09-01", endDate: "2026-09-01" })).toEqual({ ok: false, reason: "not_found" });
    expect(await saveAbsence(b.companyId, mia.id, absence.id, { kind: "sick", allDay: true, startDate: "2026-09-01", endDate: "2026-09-01" })).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteAbsence(b.companyId, mia.id, absence.id)).toEqual({ ok: false, reason: "not_found" });
    // B's own staff member cannot reach A's absence through its id either.
    const bob = await created(b);
    expect(await deleteAbsence(b.companyId, bob.id, absence.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await saveAbsence(b.companyId, bob.id, absence.id, { kind: "sick", allDay: true, startDate: "2026-09-01", endDate: "2026-09-01" })).toEqual({ ok: false, reason: "not_found" });

    expect(await staffRows(a.companyId)).toEqual(before.staff);
    expect(await hourRows(a.companyId)).toEqual(before.hours);
    expect(await absenceRows(a.companyId)).toEqual(before.absences);
  });
});
