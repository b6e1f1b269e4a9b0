import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rowsOf, withCompany } from "@/db";
import { appointments, customers } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertBranch, insertService, insertStaff } from "@/db/testing/rows";
import { COUNT_CAP } from "@/lib/data-table/count";
import { decodeCursor } from "@/lib/data-table/cursor";
import { createCustomer } from "./customers";
import { type CustomerListInput, type CustomerListPage, exportCustomers, listCustomers } from "./list";
import { sealCustomerFields } from "./protect";

// The customers list on the real database: keyset pages without loss or duplicates (also across
// equal sort keys and rows within one millisecond), search by name prefix and by exact phone or
// email through the blind index, capped counts, malformed state ignored, and one company only.

const uniquePhone = () => `+4930${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

type Seed = { first: string; last: string; at: string; phone?: string; email?: string; locale?: "de" | "en" };

/** Inserts customers with exact created_at texts (microseconds), sealed the way the app seals them. */
async function seedCustomers(companyId: string, rows: Seed[]): Promise<string[]> {
  const values = rows.map((r) => ({
    id: newId(),
    companyId,
    firstName: r.first,
    lastName: r.last,
    locale: r.locale ?? ("de" as const),
    createdAt: sql`${r.at}::timestamptz` as unknown as Date,
    ...sealCustomerFields(companyId, { phone: r.phone ?? null, email: r.email ?? null }),
  }));
  await withCompany(companyId, (tx) => tx.insert(customers).values(values));
  return values.map((v) => v.id);
}

/** The order the database gives, as the reference for paging. */
async function expectedOrder(companyId: string, order: "created.desc" | "name.asc"): Promise<string[]> {
  const by = order === "created.desc" ? sql`created_at desc, id desc` : sql`last_name asc, first_name asc, id asc`;
  const result = await withCompany(companyId, (tx) => tx.execute(sql`select id from customers where deleted_at is null order by ${by}`));
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** 23 rows on one exact instant, 22 in one millisecond (different microseconds), 15 spread out. */
function awkwardRows(): Seed[] {
  const rows: Seed[] = [];
  for (let i = 0; i < 23; i++) rows.push({ first: `Gleich${i}`, last: "Zeit", at: "2026-03-01T10:00:00.000000Z" });
  for (let i = 0; i < 22; i++) rows.push({ first: `Milli${i}`, last: "Zeit", at: `2026-03-01T09:00:00.123${String(i).padStart(3, "0")}Z` });
  for (let i = 0; i < 15; i++) rows.push({ first: `Einzeln${i}`, last: `Nachname${i % 4}`, at: `2026-02-${String(i + 1).padStart(2, "0")}T08:00:00.5Z` });
  return rows;
}

async function walkForward(companyId: string, state: CustomerListInput) {
  const pages: CustomerListPage[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await listCustomers(companyId, { ...state, after });
    pages.push(page);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  return pages;
}

describe("listCustomers paging", () => {
  it("walks newest first over several pages without losing or repeating rows with equal or microsecond-close timestamps", async () => {
    const a = await createTestCompany("Paging");
    await seedCustomers(a.id, awkwardRows());
    const expected = await expectedOrder(a.id, "created.desc");
    expect(expected).toHaveLength(60);

    const pages = await walkForward(a.id, { size: 25 });
    expect(pages.map((p) => p.rows.length)).toEqual([25, 25, 10]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);
    expect(pages[0]!.prevCursor).toBeNull();
    expect(pages[0]!.total).toEqual({ value: 60, capped: false });

    // The cursor carries the exact microsecond text, not a millisecond Date.
    const cursor = decodeCursor(pages[0]!.nextCursor, z.tuple([z.string(), z.string()]));
    expect(cursor?.[0]).toMatch(/^2026-03-01T\d{2}:00:00\.\d{6}Z$/);

    // Backwards from the last page gives the same pages again.
    const back = await listCustomers(a.id, { size: 25, before: pages[2]!.prevCursor });
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.rows.map((r) => r.id));
    const first = await listCustomers(a.id, { size: 25, before: back.prevCursor });
    expect(first.rows.map((r) => r.id)).toEqual(pages[0]!.rows.map((r) => r.id));
    expect(first.prevCursor).toBeNull();
    expect(first.nextCursor).not.toBeNull();
  });

  it("walks by name (last, first, id) with duplicate names, both directions", async () => {
    const a = await createTestCompany("Namen");
    await seedCustomers(a.id, [
      ...awkwardRows(),
      ...Array.from({ length: 12 }, (_, i) => ({ first: "Anna", last: "Schmidt", at: `2026-01-0${(i % 9) + 1}T12:00:00Z` })),
    ]);
    const expected = await expectedOrder(a.id, "name.asc");
    const pages = await walkForward(a.id, { size: 25, sort: "name.asc" });
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);

    const desc = await walkForward(a.id, { size: 50, sort: "name.desc" });
    expect(desc.flatMap((p) => p.rows.map((r) => r.id))).toEqual([...expected].reverse());
  });
});

describe("listCustomers search", () => {
  it("finds names by case-insensitive prefix of first or last name, all words must match, LIKE wildcards are literal", async () => {
    const a = await createTestCompany("Suche");
    const [mueller, anna, mira] = await seedCustomers(a.id, [
      { first: "Jonas", last: "Müller", at: "2026-01-01T00:00:00Z" },
      { first: "Anna", last: "Müllerschön", at: "2026-01-02T00:00:00Z" },
      { first: "Mira", last: "Schulz", at: "2026-01-03T00:00:00Z" },
      { first: "Paul", last: "100%_Kunde", at: "2026-01-04T00:00:00Z" },
    ]);
    const ids = async (q: string) => (await listCustomers(a.id, { q, sort: "name.asc" })).rows.map((r) => r.id);
    expect(await ids("mül")).toEqual([mueller, anna]);
    expect(await ids("MÜLLERS")).toEqual([anna]);
    expect(await ids("anna mül")).toEqual([anna]);
    expect(await ids("mi")).toEqual([mira]);
    expect(await ids("ller")).toEqual([]);
    expect(await ids("%")).toEqual([]);
    expect(await ids("_")).toEqual([]);
    expect((await listCustomers(a.id, { q: "mül" })).searchKind).toBe("name");
  });

  it("finds a phone number exactly through the blind index, whatever the spelling", async () => {
    const a = await createTestCompany("Telefon");
    const phone = uniquePhone(); // +4930xxxxxxxx
    const other = uniquePhone();
    const created = await createCustomer(a.id, { firstName: "Erika", lastName: "Ruf", phone });
    await createCustomer(a.id, { firstName: "Otto", lastName: "Anders", phone: other });
    if (!created.ok) throw new Error("setup");
    const national = `0${phone.slice(3)}`;
    const spellings = [
      phone,
      `+49 30 ${phone.slice(5, 9)} ${phone.slice(9)}`,
      `030 ${phone.slice(5)}`,
      `${national.slice(0, 3)}/${national.slice(3, 7)}-${national.slice(7)}`,
      `0049 (0) 30 ${phone.slice(5)}`,
      ` ${national} `,
    ];
    for (const q of spellings) {
      const page = await listCustomers(a.id, { q });
      expect(page.rows.map((r) => r.id), q).toEqual([created.customer.id]);
      expect(page.searchKind).toBe("phone");
      expect(page.rows[0]!.phone).toBe(phone);
      expect(page.total).toEqual({ value: 1, capped: false });
    }
    // A phone-like text that is not a number matches nothing (and is not read as a name).
    expect((await listCustomers(a.id, { q: "0" + "1".repeat(20) })).rows).toEqual([]);
    // Part of a number is no lookup key: exact only.
    expect((await listCustomers(a.id, { q: phone.slice(0, 9) })).rows).toEqual([]);
  });

  it("finds an email case-insensitively through the blind index and shows it decrypted", async () => {
    const a = await createTestCompany("Mail");
    const created = await createCustomer(a.id, { firstName: "Lea", lastName: "Post", email: "Lea.Post@Example.TEST" });
    await createCustomer(a.id, { firstName: "Leo", lastName: "Post", email: "leo.post@example.test" });
    if (!created.ok) throw new Error("setup");
    for (const q of ["lea.post@example.test", "  LEA.POST@EXAMPLE.TEST "]) {
      const page = await listCustomers(a.id, { q });
      expect(page.rows.map((r) => r.id)).toEqual([created.customer.id]);
      expect(page.rows[0]).toMatchObject({ email: "lea.post@example.test", firstName: "Lea" });
      expect(page.searchKind).toBe("email");
    }
    expect((await listCustomers(a.id, { q: "lea.post@example" })).rows).toEqual([]);
  });
});

describe("listCustomers filters and counts", () => {
  it("filters by language and by creation day in the company's zone, and counts per language", async () => {
    const a = await createTestCompany("Filter");
    const [lateDe, , en] = await seedCustomers(a.id, [
      // 23:30 UTC on 31 Jan is 1 Feb in Berlin.
      { first: "Spät", last: "Kunde", at: "2026-01-31T23:30:00Z", locale: "de" },
      { first: "Früh", last: "Kunde", at: "2026-01-31T12:00:00Z", locale: "de" },
      { first: "Early", last: "Customer", at: "2026-02-01T10:00:00Z", locale: "en" },
    ]);
    const feb1 = await listCustomers(a.id, { from: "2026-02-01", to: "2026-02-01" }, { timeZone: "Europe/Berlin" });
    expect(feb1.rows.map((r) => r.id).sort()).toEqual([lateDe, en].sort());
    const english = await listCustomers(a.id, { lang: ["en"] });
    expect(english.rows.map((r) => r.id)).toEqual([en]);
    expect(english.total).toEqual({ value: 1, capped: false });
    // The facet counts ignore the language filter itself.
    expect(english.localeCounts).toEqual({ de: 2, en: 1 });
  });

  it("caps the count at 10,000 instead of counting everything", async () => {
    const a = await createTestCompany("Viele");
    await withCompany(a.id, (tx) =>
      tx.execute(sql`insert into customers (id, company_id, first_name, last_name)
        select gen_random_uuid(), ${a.id}::uuid, 'Massen', 'Kunde ' || g from generate_series(1, ${COUNT_CAP + 5}) g`),
    );
    const page = await listCustomers(a.id, { size: 100 });
    expect(page.total).toEqual({ value: COUNT_CAP, capped: true });
    expect(page.localeCounts).toBeNull();
    expect(page.rows).toHaveLength(100);
  });

  it("counts appointments only in the branches the viewer may see", async () => {
    const a = await createTestCompany("Termine");
    const created = await createCustomer(a.id, { firstName: "Tim", lastName: "Termin" });
    if (!created.ok) throw new Error("setup");
    const customerId = created.customer.id;
    const { branchOne, branchTwo } = await withCompany(a.id, async (tx) => {
      const branchOne = await insertBranch(tx, a.id);
      const branchTwo = await insertBranch(tx, a.id);
      const serviceId = await insertService(tx, a.id);
      const staffOne = await insertStaff(tx, a.id, branchOne);
      const staffTwo = await insertStaff(tx, a.id, branchTwo);
      const slot = (day: number, branchId: string, staffId: string) => {
        const startsAt = new Date(Date.UTC(2031, 0, day, 9));
        return { id: newId(), companyId: a.id, branchId, staffId, serviceId, customerId, startsAt, endsAt: new Date(startsAt.getTime() + 1_800_000), source: "admin" as const, priceCents: 0 };
      };
      await tx.insert(appointments).values([slot(6, branchOne, staffOne), slot(7, branchOne, staffOne), slot(8, branchTwo, staffTwo)]);
      return { branchOne, branchTwo };
    });
    const count = async (mode: "company" | { branches: string[] } | false) =>
      (await listCustomers(a.id, {}, { countAppointments: mode })).rows.find((r) => r.id === customerId)?.appointmentCount;
    expect(await count("company")).toBe(3);
    expect(await count({ branches: [branchOne] })).toBe(2);
    expect(await count({ branches: [branchTwo] })).toBe(1);
    expect(await count({ branches: [] })).toBe(0);
    expect(await count(false)).toBeNull();
  });
});

describe("listCustomers input and tenancy", () => {
  it("ignores malformed state: bad sort, size, cursors, filters fall back to the first default page", async () => {
    const a = await createTestCompany("Kaputt");
    await seedCustomers(a.id, awkwardRows());
    const reference = await listCustomers(a.id, {});
    const broken = await listCustomers(a.id, {
      q: 42,
      sort: "created_at; drop table customers",
      size: "7",
      after: "not-a-cursor!!",
      before: Buffer.from('["x","y"]').toString("base64url"),
      lang: ["xx"],
      from: "2026-13-45",
      to: "yesterday",
      ids: ["1", "2"],
    });
    expect(broken.rows.map((r) => r.id)).toEqual(reference.rows.map((r) => r.id));
    expect(reference.rows).toHaveLength(50);
    expect(await listCustomers(a.id, null)).toMatchObject({ total: { value: 60, capped: false } });

    // A cursor of another sort does not fit and is ignored too.
    const created = await listCustomers(a.id, { size: 25 });
    const byName = await listCustomers(a.id, { size: 25, sort: "name.asc", after: created.nextCursor });
    expect(byName.rows.map((r) => r.id)).toEqual((await listCustomers(a.id, { size: 25, sort: "name.asc" })).rows.map((r) => r.id));
  });

  it("never shows company A's customers to company B, also not by phone, email, id or export", async () => {
    const a = await createTestCompany("Mandant A");
    const b = await createTestCompany("Mandant B");
    const phone = uniquePhone();
    const createdA = await createCustomer(a.id, { firstName: "Geheim", lastName: "Kundin", phone, email: "geheim@example.test" });
    const createdB = await createCustomer(b.id, { firstName: "Eigene", lastName: "Kundin" });
    if (!createdA.ok || !createdB.ok) throw new Error("setup");

    expect((await listCustomers(b.id, {})).rows.map((r) => r.id)).toEqual([createdB.customer.id]);
    expect((await listCustomers(b.id, { q: phone })).rows).toEqual([]);
    expect((await listCustomers(b.id, { q: `0${phone.slice(3)}` })).rows).toEqual([]);
    expect((await listCustomers(b.id, { q: "geheim@example.test" })).rows).toEqual([]);
    expect((await listCustomers(b.id, { q: "Geheim" })).rows).toEqual([]);
    expect((await listCustomers(b.id, { ids: [createdA.customer.id] })).rows).toEqual([]);
    const exported: string[] = [];
    for await (const batch of exportCustomers(b.id, {})) exported.push(...batch.map((r) => r.id));
    expect(exported).toEqual([createdB.customer.id]);
    // A's own search still works.
    expect((await listCustomers(a.id, { q: phone })).rows.map((r) => r.id)).toEqual([createdA.customer.id]);
  });
});

describe("exportCustomers", () => {
  it("streams the whole filtered set in sort order, batch by batch, ignoring the page cursor", async () => {
    const a = await createTestCompany("Export");
    await seedCustomers(a.id, awkwardRows());
    const expected = await expectedOrder(a.id, "created.desc");
    const batches: number[] = [];
    const ids: string[] = [];
    const firstPage = await listCustomers(a.id, { size: 25 });
    for await (const batch of exportCustomers(a.id, { after: firstPage.nextCursor }, { batch: 7 })) {
      batches.push(batch.length);
      ids.push(...batch.map((r) => r.id));
    }
    expect(ids).toEqual(expected);
    expect(batches.every((n) => n <= 7)).toBe(true);

    const zeit: string[] = [];
    for await (const batch of exportCustomers(a.id, { q: "zeit", sort: "name.asc" }, { batch: 10 })) zeit.push(...batch.map((r) => r.firstName));
    expect(zeit).toHaveLength(45);

    const selected = expected.slice(3, 6);
    const chosen: string[] = [];
    for await (const batch of exportCustomers(a.id, { ids: selected })) chosen.push(...batch.map((r) => r.id));
    expect(chosen).toEqual(selected);
  });
});
