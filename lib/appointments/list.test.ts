import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, withCompany } from "@/db";
import { appointments, type AppointmentSource, type AppointmentStatus, customers } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertBranch, insertService, insertStaff } from "@/db/testing/rows";
import { type AppointmentListInput, type AppointmentListPage, appointmentFacets, exportAppointments, listAppointments, type ListAppointmentsOptions } from "./list";

// The appointments list on the real database: keyset pages without loss at equal starts_at (and
// microsecond-close ones), every filter, the viewer's branch scope, tenancy (also through another
// company's filter ids and the export) and malformed state falling back to defaults.

const ALL: ListAppointmentsOptions = { branchIds: null, timeZone: "Europe/Berlin" };

type World = {
  companyId: string;
  branchOne: string;
  branchTwo: string;
  staffOne: string;
  staffTwo: string;
  serviceOne: string;
  serviceTwo: string;
  anna: string;
  otto: string;
};

async function makeWorld(name: string): Promise<World> {
  const company = await createTestCompany(name);
  return withCompany(company.id, async (tx) => {
    const branchOne = company.branchId;
    const branchTwo = await insertBranch(tx, company.id);
    const staffOne = await insertStaff(tx, company.id, branchOne);
    const staffTwo = await insertStaff(tx, company.id, branchTwo);
    const serviceOne = await insertService(tx, company.id);
    const serviceTwo = await insertService(tx, company.id);
    const anna = newId();
    const otto = newId();
    await tx.insert(customers).values([
      { id: anna, companyId: company.id, firstName: "Anna", lastName: "Müller" },
      { id: otto, companyId: company.id, firstName: "Otto", lastName: "Schulz" },
    ]);
    return { companyId: company.id, branchOne, branchTwo, staffOne, staffTwo, serviceOne, serviceTwo, anna, otto };
  });
}

type Seed = {
  at: string;
  branch?: "one" | "two";
  service?: "one" | "two";
  customer?: "anna" | "otto";
  status?: AppointmentStatus;
  source?: AppointmentSource;
  noStaff?: boolean;
};

/** Inserts appointments with exact starts_at texts (microseconds). */
async function seed(w: World, rows: Seed[]): Promise<string[]> {
  const values = rows.map((r) => {
    const two = r.branch === "two";
    return {
      id: newId(),
      companyId: w.companyId,
      branchId: two ? w.branchTwo : w.branchOne,
      staffId: r.noStaff ? null : two ? w.staffTwo : w.staffOne,
      serviceId: r.service === "two" ? w.serviceTwo : w.serviceOne,
      customerId: r.customer === "otto" ? w.otto : w.anna,
      startsAt: sql`${r.at}::timestamptz` as unknown as Date,
      endsAt: sql`${r.at}::timestamptz + interval '30 minutes'` as unknown as Date,
      status: r.status ?? ("booked" as const),
      source: r.source ?? ("admin" as const),
      priceCents: 3500,
    };
  });
  await withCompany(w.companyId, (tx) => tx.insert(appointments).values(values));
  return values.map((v) => v.id);
}

async function expectedOrder(companyId: string, direction: "asc" | "desc"): Promise<string[]> {
  const by = direction === "asc" ? sql`starts_at asc, id asc` : sql`starts_at desc, id desc`;
  const result = await withCompany(companyId, (tx) => tx.execute(sql`select id from appointments where deleted_at is null order by ${by}`));
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** 23 on one exact instant, 22 within one millisecond, 15 spread over days (no staff: they overlap). */
function awkwardRows(): Seed[] {
  const rows: Seed[] = [];
  for (let i = 0; i < 23; i++) rows.push({ at: "2031-03-01T10:00:00.000000Z", noStaff: true });
  for (let i = 0; i < 22; i++) rows.push({ at: `2031-03-01T09:00:00.123${String(i).padStart(3, "0")}Z`, noStaff: true });
  for (let i = 0; i < 15; i++) rows.push({ at: `2031-02-${String(i + 1).padStart(2, "0")}T08:00:00.5Z`, noStaff: true });
  return rows;
}

async function walkForward(companyId: string, state: AppointmentListInput, options = ALL) {
  const pages: AppointmentListPage[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await listAppointments(companyId, { ...state, after }, options);
    pages.push(page);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  return pages;
}

const idsOf = (page: AppointmentListPage) => page.rows.map((r) => r.id);

async function exported(companyId: string, state: AppointmentListInput, options: ListAppointmentsOptions & { batch?: number } = ALL) {
  const ids: string[] = [];
  for await (const batch of exportAppointments(companyId, state, options)) ids.push(...batch.map((r) => r.id));
  return ids;
}

describe("listAppointments paging", () => {
  it("walks both directions over several pages without losing or repeating rows with equal or microsecond-close starts", async () => {
    const w = await makeWorld("Termine Paging");
    await seed(w, awkwardRows());
    const desc = await expectedOrder(w.companyId, "desc");
    expect(desc).toHaveLength(60);

    const pages = await walkForward(w.companyId, { size: 25 });
    expect(pages.map((p) => p.rows.length)).toEqual([25, 25, 10]);
    expect(pages.flatMap(idsOf)).toEqual(desc);
    expect(pages[0]!.total).toEqual({ value: 60, capped: false });
    expect(pages[0]!.prevCursor).toBeNull();

    const asc = await walkForward(w.companyId, { size: 25, sort: "starts.asc" });
    expect(asc.flatMap(idsOf)).toEqual([...desc].reverse());

    // Backwards from the last page gives the same pages again.
    const back = await listAppointments(w.companyId, { size: 25, before: pages[2]!.prevCursor }, ALL);
    expect(idsOf(back)).toEqual(idsOf(pages[1]!));
    const first = await listAppointments(w.companyId, { size: 25, before: back.prevCursor }, ALL);
    expect(idsOf(first)).toEqual(idsOf(pages[0]!));
    expect(first.prevCursor).toBeNull();
  });

  it("shows the row's names, branch zone and price", async () => {
    const w = await makeWorld("Termine Zeile");
    const [id] = await seed(w, [{ at: "2031-01-06T09:00:00Z", source: "phone", status: "confirmed" }]);
    const [row] = (await listAppointments(w.companyId, {}, ALL)).rows;
    expect(row).toMatchObject({
      id,
      startsAt: "2031-01-06T09:00:00.000Z",
      endsAt: "2031-01-06T09:30:00.000Z",
      status: "confirmed",
      source: "phone",
      customerName: "Anna Müller",
      staffName: "Mia M.",
      branchName: "Hauptfiliale",
      branchTimeZone: "Europe/Berlin",
      priceCents: 3500,
      currency: "EUR",
    });
    expect(row!.serviceName).toMatch(/^Haarschnitt /);
  });
});

describe("listAppointments filters", () => {
  it("filters by each of day range (company zone), branch, staff, service, status, source and customer name", async () => {
    const w = await makeWorld("Termine Filter");
    const [lateFeb1, earlyJan31, cancelledTwo, phoneOtto, onlineNoStaff] = await seed(w, [
      // 23:30 UTC on 31 Jan is 1 Feb in Berlin.
      { at: "2031-01-31T23:30:00Z" },
      { at: "2031-01-31T12:00:00Z" },
      { at: "2031-02-03T10:00:00Z", branch: "two", status: "cancelled", service: "two" },
      { at: "2031-02-04T10:00:00Z", customer: "otto", source: "phone", status: "completed" },
      { at: "2031-02-05T10:00:00Z", source: "online", noStaff: true },
    ]);
    const ids = async (state: AppointmentListInput) => (await listAppointments(w.companyId, { ...state, sort: "starts.asc" }, ALL)).rows.map((r) => r.id);

    expect(await ids({ from: "2031-02-01", to: "2031-02-01" })).toEqual([lateFeb1]);
    expect(await ids({ to: "2031-01-31" })).toEqual([earlyJan31]);
    expect(await ids({ from: "2031-02-04" })).toEqual([phoneOtto, onlineNoStaff]);
    expect(await ids({ branch: [w.branchTwo] })).toEqual([cancelledTwo]);
    expect(await ids({ branch: `${w.branchOne},${w.branchTwo}` })).toHaveLength(5);
    expect(await ids({ staff: [w.staffTwo] })).toEqual([cancelledTwo]);
    expect(await ids({ service: [w.serviceTwo] })).toEqual([cancelledTwo]);
    expect(await ids({ status: ["cancelled"] })).toEqual([cancelledTwo]);
    expect(await ids({ status: "cancelled,completed" })).toEqual([cancelledTwo, phoneOtto]);
    expect(await ids({ source: ["online", "phone"] })).toEqual([phoneOtto, onlineNoStaff]);
    expect(await ids({ q: "schul" })).toEqual([phoneOtto]);
    expect(await ids({ q: "anna MÜL" })).toHaveLength(4);
    expect(await ids({ q: "%" })).toEqual([]);
    // Filters combine.
    expect(await ids({ source: ["admin"], status: ["booked"], from: "2031-02-01" })).toEqual([lateFeb1]);
    const page = await listAppointments(w.companyId, { status: ["cancelled"] }, ALL);
    expect(page.total).toEqual({ value: 1, capped: false });
    expect(page.rows[0]!.staffName).not.toBeNull();
    expect((await listAppointments(w.companyId, { source: ["online"] }, ALL)).rows[0]!.staffName).toBeNull();
    // The export follows the same filters.
    expect(await exported(w.companyId, { status: ["cancelled", "completed"], sort: "starts.asc" })).toEqual([cancelledTwo, phoneOtto]);
  });

  it("limits a branch-scoped viewer to their branches, also against a branch filter, the export and the facets", async () => {
    const w = await makeWorld("Termine Scope");
    const [one, two] = await seed(w, [{ at: "2031-01-06T09:00:00Z" }, { at: "2031-01-07T09:00:00Z", branch: "two" }]);
    const scoped: ListAppointmentsOptions = { branchIds: [w.branchTwo], timeZone: "Europe/Berlin" };
    expect(idsOf(await listAppointments(w.companyId, {}, scoped))).toEqual([two]);
    expect((await listAppointments(w.companyId, {}, scoped)).total).toEqual({ value: 1, capped: false });
    expect(idsOf(await listAppointments(w.companyId, { branch: [w.branchOne] }, scoped))).toEqual([]);
    expect(await exported(w.companyId, {}, scoped)).toEqual([two]);
    expect(idsOf(await listAppointments(w.companyId, {}, { branchIds: [] }))).toEqual([]);
    expect(await exported(w.companyId, {}, { branchIds: [] })).toEqual([]);
    expect(idsOf(await listAppointments(w.companyId, {}, ALL)).sort()).toEqual([one, two].sort());

    const facets = await appointmentFacets(w.companyId, scoped);
    expect(facets.branches.map((b) => b.id)).toEqual([w.branchTwo]);
    expect(facets.staff.map((s) => s.id)).toEqual([w.staffTwo]);
    expect(facets.services).toHaveLength(2);
    const all = await appointmentFacets(w.companyId, ALL);
    expect(all.branches).toHaveLength(2);
    expect(all.staff).toHaveLength(2);
  });
});

describe("listAppointments input and tenancy", () => {
  it("ignores malformed state: bad sort, size, cursors, ids, enums and days fall back to the default first page", async () => {
    const w = await makeWorld("Termine Kaputt");
    await seed(w, awkwardRows());
    const reference = await listAppointments(w.companyId, {}, ALL);
    expect(reference.rows).toHaveLength(50);
    const broken = await listAppointments(
      w.companyId,
      {
        q: 42,
        sort: "starts_at; drop table appointments",
        size: "7",
        after: "not-a-cursor!!",
        before: Buffer.from('["x","y"]').toString("base64url"),
        from: "2031-13-45",
        to: "yesterday",
        branch: ["1", "2"],
        staff: "nope",
        service: [{}],
        status: ["deleted"],
        source: "fax",
      },
      ALL,
    );
    expect(idsOf(broken)).toEqual(idsOf(reference));
    expect(await listAppointments(w.companyId, null, ALL)).toMatchObject({ total: { value: 60, capped: false } });
  });

  it("never shows company A's appointments to company B, also not through A's ids as filters or the export", async () => {
    const a = await makeWorld("Termine A");
    const b = await makeWorld("Termine B");
    await seed(a, [{ at: "2031-01-06T09:00:00Z", customer: "otto" }]);
    const [own] = await seed(b, [{ at: "2031-01-06T10:00:00Z" }]);

    expect(idsOf(await listAppointments(b.companyId, {}, ALL))).toEqual([own]);
    for (const state of [{ branch: [a.branchOne] }, { staff: [a.staffOne] }, { service: [a.serviceOne] }, { q: "Otto" }]) {
      expect(idsOf(await listAppointments(b.companyId, state, ALL)), JSON.stringify(state)).toEqual([]);
    }
    // A's branch ids as B's "scope" reveal nothing either.
    expect(idsOf(await listAppointments(b.companyId, {}, { branchIds: [a.branchOne] }))).toEqual([]);
    expect(await exported(b.companyId, {})).toEqual([own]);
    expect(await exported(b.companyId, { branch: [a.branchOne] })).toEqual([]);
    const facets = await appointmentFacets(b.companyId, ALL);
    expect(facets.branches.map((x) => x.id)).not.toContain(a.branchOne);
    expect(facets.staff.map((x) => x.id)).not.toContain(a.staffOne);
  });
});

describe("exportAppointments", () => {
  it("streams the whole filtered set in sort order batch by batch, ignoring the page cursor", async () => {
    const w = await makeWorld("Termine Export");
    await seed(w, awkwardRows());
    const expected = await expectedOrder(w.companyId, "desc");
    const firstPage = await listAppointments(w.companyId, { size: 25 }, ALL);
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const batch of exportAppointments(w.companyId, { after: firstPage.nextCursor }, { ...ALL, batch: 7 })) {
      sizes.push(batch.length);
      ids.push(...batch.map((r) => r.id));
    }
    expect(ids).toEqual(expected);
    expect(sizes.every((n) => n <= 7)).toBe(true);
    expect(await exported(w.companyId, { sort: "starts.asc" }, { ...ALL, batch: 60 })).toEqual([...expected].reverse());
  });
});
