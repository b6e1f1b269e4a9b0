import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { appointments, auditLog, type Branch, branchClosures, branches } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createApiWorld } from "@/lib/api/testing";
import { findSlots } from "@/lib/scheduling/availability";
import { readAvailability } from "@/lib/scheduling/load";
import { addClosure, addClosures } from "./add-closure";
import { createBranch } from "./create-branch";
import { deleteBranch, restoreBranch } from "./delete-branch";
import { type BranchListState, listBranches } from "./list";
import { getBranch, listClosures } from "./queries";
import { removeClosure } from "./remove-closure";
import { setOpeningHours } from "./set-opening-hours";
import { updateBranch } from "./update-branch";

// The branch use cases on the real database: good and bad input, closing days, delete/restore,
// the list, tenancy (another company's ids are not found and nothing changes) and the
// availability engine honouring a closing day.

const valid = {
  name: "Filiale Mitte",
  street: "Torstraße 1",
  postalCode: "10119",
  city: "Berlin",
  country: "de",
  timeZone: "Europe/Berlin",
  locale: "de",
  phone: "030 1234567",
  email: "Mitte@Example.test",
  openingHours: { "1": [{ open: "09:00", close: "18:00" }] },
};

async function created(companyId: string, input: Record<string, unknown> = {}): Promise<Branch> {
  const result = await createBranch(companyId, { ...valid, ...input });
  if (!result.ok) throw new Error(`createBranch refused: ${JSON.stringify(result.fieldErrors)}`);
  return result.branch;
}

const branchRows = (companyId: string) => withCompany(companyId, (tx) => tx.select().from(branches).where(eq(branches.companyId, companyId)));
const closureRows = (companyId: string) => withCompany(companyId, (tx) => tx.select().from(branchClosures).where(eq(branchClosures.companyId, companyId)));
const listState: BranchListState = { q: "", sort: "name.asc", status: [], size: 50, after: null, before: null };

describe("createBranch / updateBranch", () => {
  it("creates a branch with normalized fields and the actor in the audit trail", async () => {
    const w = await createApiWorld();
    const result = await createBranch(w.companyId, valid, { userId: w.adminId, requestId: "req-b1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.branch).toMatchObject({
      name: "Filiale Mitte",
      country: "DE",
      phone: "+49301234567",
      email: "mitte@example.test",
      isActive: true,
      openingHours: { "1": [{ open: "09:00", close: "18:00" }] },
      deletedAt: null,
    });
    const [audit] = await withCompany(w.companyId, (tx) => tx.select().from(auditLog).where(eq(auditLog.rowId, result.branch.id)));
    expect(audit).toMatchObject({ action: "insert", actorUserId: w.adminId, requestId: "req-b1" });
  });

  it("refuses bad input with field codes and stores nothing", async () => {
    const w = await createApiWorld();
    const before = (await branchRows(w.companyId)).length;
    expect(await createBranch(w.companyId, { ...valid, timeZone: "Europe/Atlantis" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { timeZone: "timeZone" } });
    expect(await createBranch(w.companyId, { ...valid, phone: "12ab" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { phone: "phone" } });
    expect(await createBranch(w.companyId, { ...valid, openingHours: { "2": [{ open: "18:00", close: "09:00" }] } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { "openingHours.2.0.close": "endBeforeStart" },
    });
    expect(
      await createBranch(w.companyId, {
        ...valid,
        openingHours: { "1": [{ open: "09:00", close: "13:00" }, { open: "12:30", close: "18:00" }] },
      }),
    ).toEqual({ ok: false, reason: "invalid", fieldErrors: { "openingHours.1.1.open": "overlap" } });
    expect(await createBranch(w.companyId, { ...valid, name: " ", country: "Deutschland", locale: "fr", email: "nope" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: "required", country: "country", locale: "locale", email: "email" },
    });
    expect(await createBranch(w.companyId, null)).toMatchObject({ ok: false, reason: "invalid" });
    expect((await branchRows(w.companyId)).length).toBe(before);
  });

  it("updates every detail field, clears blanks and keeps opening hours unless given", async () => {
    const w = await createApiWorld();
    const branch = await created(w.companyId);
    const result = await updateBranch(w.companyId, branch.id, {
      ...valid,
      name: "Filiale Nord",
      street: "",
      phone: "",
      timeZone: "Europe/Vienna",
      locale: "en",
      isActive: "false",
      openingHours: undefined,
    });
    expect(result).toMatchObject({
      ok: true,
      branch: { name: "Filiale Nord", street: null, phone: null, timeZone: "Europe/Vienna", locale: "en", isActive: false, openingHours: { "1": [{ open: "09:00", close: "18:00" }] } },
    });
    const bad = await updateBranch(w.companyId, branch.id, { ...valid, timeZone: "Europe/Atlantis", phone: "0" });
    expect(bad).toEqual({ ok: false, reason: "invalid", fieldErrors: { timeZone: "timeZone", phone: "phone" } });
    expect(await getBranch(w.companyId, branch.id)).toMatchObject({ name: "Filiale Nord", timeZone: "Europe/Vienna" });
  });

  it("saves the opening-hours editor's week and refuses bad intervals with their paths", async () => {
    const w = await createApiWorld();
    const branch = await created(w.companyId);
    const week = { "1": [{ open: "13:00", close: "18:00" }, { open: "08:00", close: "12:00" }], "6": [{ open: "10:00", close: "14:00" }] };
    expect(await setOpeningHours(w.companyId, branch.id, { openingHours: week })).toEqual({
      ok: true,
      openingHours: { "1": [{ open: "08:00", close: "12:00" }, { open: "13:00", close: "18:00" }], "6": [{ open: "10:00", close: "14:00" }] },
    });
    expect(await setOpeningHours(w.companyId, branch.id, { openingHours: { "1": [{ open: "10:00", close: "09:00" }] } })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { "openingHours.1.0.close": "endBeforeStart" },
    });
    expect((await getBranch(w.companyId, branch.id))?.openingHours).toEqual({
      "1": [{ open: "08:00", close: "12:00" }, { open: "13:00", close: "18:00" }],
      "6": [{ open: "10:00", close: "14:00" }],
    });
    expect(await setOpeningHours(w.companyId, newId(), { openingHours: {} })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("closing days", () => {
  it("adds one, refuses the same date again as 'taken', removes it", async () => {
    const w = await createApiWorld();
    const added = await addClosure(w.companyId, w.branchId, { date: "2031-12-24", reason: " Heiligabend " });
    expect(added).toMatchObject({ ok: true, closure: { date: "2031-12-24", reason: "Heiligabend" }, appointmentsOnDate: 0 });
    expect(await addClosure(w.companyId, w.branchId, { date: "2031-12-24" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { date: "taken" } });
    expect(await addClosure(w.companyId, w.branchId, { date: "2031-02-30", reason: "x".repeat(201) })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { date: "date", reason: "tooLong" },
    });
    expect((await closureRows(w.companyId)).length).toBe(1);
    if (!added.ok) return;
    expect(await removeClosure(w.companyId, w.branchId, added.closure.id)).toEqual({ ok: true });
    expect(await removeClosure(w.companyId, w.branchId, added.closure.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await closureRows(w.companyId)).toEqual([]);
  });

  it("counts the appointments already booked on the new closing day", async () => {
    const w = await createApiWorld();
    await withCompany(w.companyId, (tx) =>
      tx.insert(appointments).values({
        companyId: w.companyId,
        branchId: w.branchId,
        staffId: w.staffId,
        serviceId: w.serviceId,
        customerId: w.customerId,
        // 00:30 in Berlin on the 15th is still the 14th in UTC.
        startsAt: new Date("2031-05-14T22:30:00Z"),
        endsAt: new Date("2031-05-14T23:00:00Z"),
        source: "admin",
        priceCents: 3500,
      }),
    );
    expect(await addClosure(w.companyId, w.branchId, { date: "2031-05-15" })).toMatchObject({ ok: true, appointmentsOnDate: 1 });
    expect(await addClosure(w.companyId, w.branchId, { date: "2031-05-14" })).toMatchObject({ ok: true, appointmentsOnDate: 0 });
  });

  it("lists upcoming closing days soonest first, then past ones; adds several at once skipping known and past dates", async () => {
    const w = await createApiWorld();
    const now = new Date("2031-06-01T10:00:00Z");
    await addClosure(w.companyId, w.branchId, { date: "2031-12-25" });
    const many = await addClosures(
      w.companyId,
      w.branchId,
      [
        { date: "2031-05-01", reason: "Tag der Arbeit" },
        { date: "2031-10-03", reason: "Tag der Deutschen Einheit" },
        { date: "2031-12-25", reason: "1. Weihnachtstag" },
        { date: "2031-12-26", reason: "2. Weihnachtstag" },
      ],
      { notBefore: "2031-06-01" },
    );
    expect(many).toEqual({ ok: true, added: ["2031-10-03", "2031-12-26"] });
    await addClosure(w.companyId, w.branchId, { date: "2031-01-01" });
    await addClosure(w.companyId, w.branchId, { date: "2031-06-01", reason: "Heute" });
    const list = await listClosures(w.companyId, w.branchId, null, { now });
    expect(list.upcoming.map((c) => c.date)).toEqual(["2031-06-01", "2031-10-03", "2031-12-25", "2031-12-26"]);
    expect(list.past.map((c) => c.date)).toEqual(["2031-01-01"]);
  });

  it("makes the availability engine offer nothing on that date", async () => {
    const w = await createApiWorld();
    const slotsOn = (date: string) =>
      withCompany(w.companyId, async (tx) =>
        findSlots(
          await readAvailability(tx, {
            branchId: w.branchId,
            serviceId: w.serviceId,
            from: new Date(`${date}T00:00:00+01:00`),
            to: new Date(`${date}T23:59:00+01:00`),
            now: new Date("2031-01-01T00:00:00Z"),
          }),
        ),
      );
    expect((await slotsOn("2031-03-07")).length).toBeGreaterThan(0);
    expect(await addClosure(w.companyId, w.branchId, { date: "2031-03-07", reason: "Fortbildung" })).toMatchObject({ ok: true });
    expect(await slotsOn("2031-03-07")).toEqual([]);
    expect((await slotsOn("2031-03-06")).length).toBeGreaterThan(0);
  });
});

describe("deleteBranch / restoreBranch", () => {
  it("refuses while upcoming active appointments exist, naming how many; then deletes and restores", async () => {
    const w = await createApiWorld();
    const now = new Date("2031-01-01T00:00:00Z");
    const book = (startsAt: string, status: "booked" | "cancelled" | "completed") =>
      withCompany(w.companyId, (tx) =>
        tx.insert(appointments).values({
          companyId: w.companyId,
          branchId: w.branchId,
          staffId: w.staffId,
          serviceId: w.serviceId,
          customerId: w.customerId,
          startsAt: new Date(startsAt),
          endsAt: new Date(new Date(startsAt).getTime() + 30 * 60_000),
          status,
          source: "admin",
          priceCents: 3500,
        }),
      );
    await book("2031-02-01T10:00:00Z", "booked");
    await book("2031-02-02T10:00:00Z", "booked");
    await book("2031-02-03T10:00:00Z", "cancelled");
    await book("2030-12-01T10:00:00Z", "completed");
    expect(await deleteBranch(w.companyId, w.branchId, { now })).toEqual({ ok: false, reason: "has_appointments", count: 2 });
    expect((await getBranch(w.companyId, w.branchId))?.deletedAt).toBeNull();

    // After those dates, only the past remains: the branch may go.
    const later = new Date("2031-03-01T00:00:00Z");
    expect(await deleteBranch(w.companyId, w.branchId, { now: later })).toEqual({ ok: true, changed: true });
    expect(await deleteBranch(w.companyId, w.branchId, { now: later })).toEqual({ ok: true, changed: false });
    expect((await getBranch(w.companyId, w.branchId))?.deletedAt).toBeInstanceOf(Date);
    // Deleted: not editable, no closing days, hidden from the list unless asked for.
    expect(await updateBranch(w.companyId, w.branchId, valid)).toEqual({ ok: false, reason: "not_found" });
    expect(await addClosure(w.companyId, w.branchId, { date: "2031-04-01" })).toEqual({ ok: false, reason: "not_found" });
    expect((await listBranches(w.companyId, listState)).rows.map((r) => r.id)).not.toContain(w.branchId);
    expect((await listBranches(w.companyId, { ...listState, status: ["deleted"] })).rows.map((r) => r.id)).toEqual([w.branchId]);

    expect(await restoreBranch(w.companyId, w.branchId)).toEqual({ ok: true, changed: true });
    expect(await restoreBranch(w.companyId, w.branchId)).toEqual({ ok: true, changed: false });
    expect((await getBranch(w.companyId, w.branchId))?.deletedAt).toBeNull();
  });
});

describe("listBranches", () => {
  it("searches name and city, filters by status, sorts and pages", async () => {
    const w = await createApiWorld();
    await created(w.companyId, { name: "Zentrale", city: "Hamburg" });
    await created(w.companyId, { name: "Altona", city: "Hamburg", isActive: false });
    await created(w.companyId, { name: "Schwabing", city: "München" });
    const names = async (patch: Partial<BranchListState>) => (await listBranches(w.companyId, { ...listState, ...patch })).rows.map((r) => r.name);

    expect(await names({})).toEqual(["Altona", "Hauptfiliale", "Schwabing", "Zentrale"]);
    expect(await names({ q: "hamb" })).toEqual(["Altona", "Zentrale"]);
    expect(await names({ q: "SCHWA" })).toEqual(["Schwabing"]);
    expect(await names({ q: "100%_" })).toEqual([]);
    expect(await names({ status: ["inactive"] })).toEqual(["Altona"]);
    expect(await names({ sort: "city.desc" })).toEqual(["Schwabing", "Altona", "Zentrale", "Hauptfiliale"]);
    expect(await names({ sort: "city.asc" })).toEqual(["Altona", "Zentrale", "Schwabing", "Hauptfiliale"]);
    expect(await names({ sort: "name.desc" })).toEqual(["Zentrale", "Schwabing", "Hauptfiliale", "Altona"]);

    const first = await listBranches(w.companyId, { ...listState, size: 3 });
    expect(first).toMatchObject({ total: { value: 4, capped: false }, nextCursor: "3", prevCursor: null, statusCounts: { active: 3, inactive: 1, deleted: 0 } });
    const second = await listBranches(w.companyId, { ...listState, size: 3, after: first.nextCursor });
    expect(second.rows.map((r) => r.name)).toEqual(["Zentrale"]);
    expect(second).toMatchObject({ nextCursor: null, prevCursor: "3" });
    const back = await listBranches(w.companyId, { ...listState, size: 3, before: second.prevCursor });
    expect(back.rows.map((r) => r.name)).toEqual(["Altona", "Hauptfiliale", "Schwabing"]);
  });

  it("limits branch roles to their branches", async () => {
    const w = await createApiWorld();
    const other = await created(w.companyId, { name: "Andere" });
    expect((await listBranches(w.companyId, listState, [w.branchId])).rows.map((r) => r.id)).toEqual([w.branchId]);
    expect((await listBranches(w.companyId, listState, [])).rows).toEqual([]);
    expect(await getBranch(w.companyId, other.id, [w.branchId])).toBeNull();
    expect(await listClosures(w.companyId, other.id, [w.branchId])).toEqual({ upcoming: [], past: [] });
    expect(await updateBranch(w.companyId, other.id, valid, { branchIds: [w.branchId] })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("tenancy", () => {
  it("company A cannot read, change, delete, restore or add closing days to B's branch", async () => {
    const a = await createApiWorld("A");
    const b = await createApiWorld("B");
    const bClosure = await addClosure(b.companyId, b.branchId, { date: "2031-08-08", reason: "B" });
    if (!bClosure.ok) throw new Error("setup");
    const bBefore = await getBranch(b.companyId, b.branchId);

    expect(await getBranch(a.companyId, b.branchId)).toBeNull();
    expect((await listBranches(a.companyId, { ...listState, status: ["active", "inactive", "deleted"] })).rows.map((r) => r.id)).toEqual([a.branchId]);
    expect(await listClosures(a.companyId, b.branchId)).toEqual({ upcoming: [], past: [] });
    expect(await updateBranch(a.companyId, b.branchId, valid)).toEqual({ ok: false, reason: "not_found" });
    expect(await setOpeningHours(a.companyId, b.branchId, { openingHours: {} })).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteBranch(a.companyId, b.branchId)).toEqual({ ok: false, reason: "not_found" });
    expect(await restoreBranch(a.companyId, b.branchId)).toEqual({ ok: false, reason: "not_found" });
    expect(await addClosure(a.companyId, b.branchId, { date: "2031-08-09" })).toEqual({ ok: false, reason: "not_found" });
    expect(await addClosures(a.companyId, b.branchId, [{ date: "2031-08-10", reason: "x" }])).toEqual({ ok: false, reason: "not_found" });
    expect(await removeClosure(a.companyId, b.branchId, bClosure.closure.id)).toEqual({ ok: false, reason: "not_found" });
    // B's closing day through A's own branch id: still not found.
    expect(await removeClosure(a.companyId, a.branchId, bClosure.closure.id)).toEqual({ ok: false, reason: "not_found" });
    // Malformed ids are simply not found.
    expect(await getBranch(a.companyId, "not-a-uuid")).toBeNull();
    expect(await updateBranch(a.companyId, "not-a-uuid", valid)).toEqual({ ok: false, reason: "not_found" });
    expect(await removeClosure(a.companyId, a.branchId, "x")).toEqual({ ok: false, reason: "not_found" });

    expect(await getBranch(b.companyId, b.branchId)).toEqual(bBefore);
    expect((await closureRows(b.companyId)).map((c) => c.date)).toEqual(["2031-08-08"]);
    expect(await closureRows(a.companyId)).toEqual([]);
  });
});
