import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { appointments, customers, services, staff, staffBranches, userBranches, users, type UserRole } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertBranch } from "@/db/testing/rows";
import { sealCustomerFields } from "@/lib/customers/protect";
import { caseSpellings, prefixUpperBound } from "./customers";
import { searchEverything, type SearchUser } from "./search-everything";

// The search palette's use case on the real database: customers by last-name prefix, by a phone
// typed nationally and by email in another case; their appointments (next first); deleted rows
// never; a branch manager's appointments and staff only from its branches; and tenancy: company
// A's user never sees B's rows, even with B's exact phone number or appointment id.

const DAY = 86_400_000;
const NOW = new Date("2026-06-15T10:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const tag = () => randomUUID().slice(0, 6);
/** A unique German mobile number: "+49151…" and its national spelling "0151 …". */
const mobile = () => {
  const rest = String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
  return { e164: `+49151${rest}`, national: `0151 ${rest.slice(0, 4)} ${rest.slice(4)}` };
};

async function createUser(companyId: string, role: Exclude<UserRole, "platform_admin">, branchIds: string[] = []): Promise<SearchUser> {
  const id = newId();
  await withCompany(companyId, async (tx) => {
    await tx.insert(users).values({ id, companyId, email: `${role}-${id.slice(-12)}@example.test`, name: role, passwordHash: "$argon2id$x", role });
    if (branchIds.length) await tx.insert(userBranches).values(branchIds.map((branchId) => ({ companyId, userId: id, branchId })));
  });
  return { id, role, companyId };
}

/** A company with two branches, a staff member and a service in each, and customers with appointments. */
async function makeWorld(name: string) {
  const company = await createTestCompany(name);
  const companyId = company.id;
  const unique = tag();
  const annaPhone = mobile();
  const ids = { anna: newId(), annaTwin: newId(), gone: newId(), staffOne: newId(), staffTwo: newId(), staffGone: newId(), serviceOne: newId(), serviceGone: newId() };
  const lastName = `Zyrenberg${unique}`;
  const world = await withCompany(companyId, async (tx) => {
    const branchOne = company.branchId;
    const branchTwo = await insertBranch(tx, companyId);
    await tx.insert(customers).values([
      { id: ids.anna, companyId, firstName: "Anna", lastName, ...sealCustomerFields(companyId, { phone: annaPhone.e164, email: `anna.${unique}@example.test` }) },
      { id: ids.annaTwin, companyId, firstName: "Bernd", lastName: lastName.toUpperCase() },
      { id: ids.gone, companyId, firstName: "Gelöscht", lastName: `${lastName}Alt`, deletedAt: new Date(), ...sealCustomerFields(companyId, { phone: mobile().e164 }) },
    ]);
    await tx.insert(staff).values([
      { id: ids.staffOne, companyId, branchId: branchOne, firstName: "Mira", lastName: `Eins${unique}`, displayName: `Mira Eins${unique}` },
      { id: ids.staffTwo, companyId, branchId: branchTwo, firstName: "Mila", lastName: `Zwei${unique}`, displayName: `Mila Zwei${unique}` },
      { id: ids.staffGone, companyId, branchId: branchOne, firstName: "Mona", lastName: `Weg${unique}`, displayName: `Mona Weg${unique}`, deletedAt: new Date() },
    ]);
    await tx.insert(services).values([
      { id: ids.serviceOne, companyId, name: `Balayage ${unique}`, durationMinutes: 90, priceCents: 12000 },
      { id: ids.serviceGone, companyId, name: `Balayage alt ${unique}`, durationMinutes: 90, priceCents: 9000, deletedAt: new Date() },
    ]);
    const appointment = (branchId: string, staffId: string, startsAt: Date, extra: Partial<typeof appointments.$inferInsert> = {}) => ({
      id: newId(),
      companyId,
      branchId,
      staffId,
      serviceId: ids.serviceOne,
      customerId: ids.anna,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60_000),
      source: "admin" as const,
      priceCents: 12000,
      ...extra,
    });
    const rows = {
      past: appointment(branchOne, ids.staffOne, at(-10)),
      older: appointment(branchOne, ids.staffOne, at(-20)),
      next: appointment(branchOne, ids.staffOne, at(2)),
      later: appointment(branchOne, ids.staffOne, at(9)),
      otherBranch: appointment(branchTwo, ids.staffTwo, at(1)),
      deleted: appointment(branchOne, ids.staffOne, at(3), { deletedAt: new Date() }),
    };
    await tx.insert(appointments).values(Object.values(rows));
    return { branchOne, branchTwo, appointments: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.id])) as Record<keyof typeof rows, string> };
  });
  return { companyId, unique, lastName, annaPhone, annaEmail: `anna.${unique}@example.test`, ...ids, ...world };
}

async function search(user: SearchUser, query: unknown) {
  const result = await searchEverything(user, query, { now: NOW, userId: user.id });
  if (!result.ok) throw new Error(`search failed: ${result.error}`);
  return result.results;
}

describe("searchEverything", () => {
  it("finds a customer by last-name prefix in any case, by a nationally typed phone and by an upper-case email, with their appointments", async () => {
    const w = await makeWorld("Suche");
    const admin = await createUser(w.companyId, "company_admin");

    const byPrefix = await search(admin, w.lastName.slice(0, 12).toLowerCase());
    expect(byPrefix.customers.map((c) => c.id)).toEqual([w.annaTwin, w.anna]); // "ZYREN…" sorts before "Zyren…"
    expect(byPrefix.customers.map((c) => c.id)).not.toContain(w.gone);
    expect(byPrefix.customers.find((c) => c.id === w.anna)).toMatchObject({ firstName: "Anna", phone: w.annaPhone.e164 });
    expect((await search(admin, `anna ${w.lastName.slice(0, 10)}`)).customers.map((c) => c.id)).toEqual([w.anna]);
    expect((await search(admin, `${w.lastName}, Anna`)).customers.map((c) => c.id)).toEqual([w.anna]);

    const byPhone = await search(admin, w.annaPhone.national);
    expect(byPhone.customers.map((c) => c.id)).toEqual([w.anna]);
    const byEmail = await search(admin, `  ${w.annaEmail.toUpperCase()} `);
    expect(byEmail.customers.map((c) => c.id)).toEqual([w.anna]);

    // Next ones first (soonest first), then the latest past ones; deleted never.
    const a = w.appointments;
    expect(byPhone.appointments.map((x) => x.id)).toEqual([a.otherBranch, a.next, a.later, a.past, a.older]);
    expect(byPhone.appointments[1]).toMatchObject({
      customerName: `Anna ${w.lastName}`,
      serviceName: `Balayage ${w.unique}`,
      staffName: `Mira Eins${w.unique}`,
      status: "booked",
      branchTimeZone: "Europe/Berlin",
      startsAt: at(2).toISOString(),
    });
    // An appointment id finds that appointment, in any case.
    expect((await search(admin, a.past.toUpperCase())).appointments.map((x) => x.id)).toEqual([a.past]);
    expect((await search(admin, a.deleted)).appointments).toEqual([]);
  });

  it("finds staff and services by a part of the name, never deleted ones", async () => {
    const w = await makeWorld("Teile");
    const admin = await createUser(w.companyId, "company_admin");
    expect((await search(admin, `eins${w.unique}`)).staff).toEqual([{ id: w.staffOne, displayName: `Mira Eins${w.unique}`, fullName: `Mira Eins${w.unique}`, isActive: true }]);
    expect((await search(admin, `weg${w.unique}`)).staff).toEqual([]);
    const found = await search(admin, `layage ${w.unique}`);
    expect(found.services).toEqual([{ id: w.serviceOne, name: `Balayage ${w.unique}`, durationMinutes: 90, priceCents: 12000, currency: "EUR", isActive: true }]);
    // LIKE wildcards are literal.
    expect((await search(admin, "%%")).services).toEqual([]);
  });

  it("limits a branch manager's appointments and staff to its branches", async () => {
    const w = await makeWorld("Filialen");
    const manager = await createUser(w.companyId, "branch_manager", [w.branchOne]);
    const found = await search(manager, w.annaPhone.national);
    expect(found.customers.map((c) => c.id)).toEqual([w.anna]); // customers are company-wide
    expect(found.appointments.map((x) => x.id)).toEqual([w.appointments.next, w.appointments.later, w.appointments.past, w.appointments.older]);
    expect((await search(manager, w.appointments.otherBranch)).appointments).toEqual([]);
    expect((await search(manager, `zwei${w.unique}`)).staff).toEqual([]);
    expect((await search(manager, `eins${w.unique}`)).staff.map((s) => s.id)).toEqual([w.staffOne]);

    // Someone from branch two who also works in branch one is found there.
    await withCompany(w.companyId, (tx) => tx.insert(staffBranches).values({ companyId: w.companyId, staffId: w.staffTwo, branchId: w.branchOne }));
    expect((await search(manager, `zwei${w.unique}`)).staff.map((s) => s.id)).toEqual([w.staffTwo]);

    // A branch role without branches finds no appointments and no staff.
    const stranded = await createUser(w.companyId, "staff");
    const none = await search(stranded, w.annaPhone.national);
    expect(none.customers.map((c) => c.id)).toEqual([w.anna]);
    expect(none.appointments).toEqual([]);
    expect((await search(stranded, `eins${w.unique}`)).staff).toEqual([]);
  });

  it("never gives company A's user company B's rows, even with B's exact phone, email or appointment id", async () => {
    const a = await makeWorld("Mandant A");
    const b = await makeWorld("Mandant B");
    const userA = await createUser(a.companyId, "company_admin");
    const queries = [b.annaPhone.national, b.annaPhone.e164, b.annaEmail, b.lastName, `eins${b.unique}`, `Balayage ${b.unique}`, ...Object.values(b.appointments)];
    for (const q of queries) expect(await search(userA, q), q).toEqual({ customers: [], appointments: [], staff: [], services: [] });
    // A forged acting company (A's user pointed at B): RLS and B's own scope show nothing of A, and the user has no branches there.
    expect((await search({ ...userA, companyId: b.companyId }, a.annaPhone.national)).customers).toEqual([]);
  });

  it("returns nothing below two characters and refuses bad input without touching the database", async () => {
    const w = await makeWorld("Eingabe");
    const admin = await createUser(w.companyId, "company_admin");
    expect(await search(admin, " Z ")).toEqual({ customers: [], appointments: [], staff: [], services: [] });
    for (const bad of ["x".repeat(101), "Zyren\u0000", 42, null, ["a", "b"]]) {
      expect(await searchEverything(admin, bad)).toEqual({ ok: false, error: "invalid_query" });
    }
    expect((await searchEverything(admin, "x".repeat(100))).ok).toBe(true);
  });
});

describe("name ranges", () => {
  it("spells a word the ways a last name is stored and bounds its prefix range", () => {
    expect(caseSpellings("müL")).toEqual(["müL", "mül", "MÜL", "Mül", "MüL"]);
    expect(prefixUpperBound("Mül")).toBe("Müm");
    expect(prefixUpperBound("a\u{10FFFF}")).toBe("b");
    expect(prefixUpperBound("\u{10FFFF}")).toBeNull();
  });
});
