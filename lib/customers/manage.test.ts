import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, withCompany } from "@/db";
import { appointmentNotes, appointments, calls } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { insertService, insertStaff } from "@/db/testing/rows";
import { createCustomer, type CustomerView, findCustomersByEmail, findCustomersByPhone, getCustomer } from "./customers";
import { deleteCustomer, restoreCustomer } from "./delete-customer";
import { ERASED_LAST_NAME, eraseCustomer } from "./erase-customer";
import { exportCustomerData } from "./export-customer-data";
import { findMergeCandidates, getCustomerAppointments, getCustomerCalls, getCustomerRecord } from "./history";
import { listCustomers } from "./list";
import { mergeCustomers } from "./merge-customers";
import { updateCustomer } from "./update-customer";

// Editing, deleting, merging, exporting and erasing customers on the real database, each one
// also tried across companies: another company's id is not found and nothing changes.

const uniquePhone = () => `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const uniqueEmail = () => `k-${Math.random().toString(36).slice(2, 10)}@example.test`;

async function create(companyId: string, input: Record<string, unknown>): Promise<CustomerView> {
  const result = await createCustomer(companyId, input);
  if (!result.ok) throw new Error(`createCustomer refused: ${JSON.stringify(result.fieldErrors)}`);
  return result.customer;
}

/** A branch's staff member and service, and a way to book appointments for customers there. */
async function salon(company: { id: string; branchId: string }) {
  const { staffId, serviceId } = await withCompany(company.id, async (tx) => ({
    staffId: await insertStaff(tx, company.id, company.branchId),
    serviceId: await insertService(tx, company.id),
  }));
  let slot = 0;
  const book = async (customerId: string, options: { daysFromNow?: number; notes?: string; cancellationReason?: string } = {}) => {
    const startsAt = new Date(Date.now() + (options.daysFromNow ?? 7) * 86_400_000 + slot++ * 3_600_000);
    const id = newId();
    await withCompany(company.id, (tx) =>
      tx.insert(appointments).values({
        id,
        companyId: company.id,
        branchId: company.branchId,
        staffId,
        serviceId,
        customerId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        source: "admin",
        priceCents: 3500,
        notes: options.notes ?? null,
        cancellationReason: options.cancellationReason ?? null,
      }),
    );
    return id;
  };
  const call = async (customerId: string, fromNumber: string, summary = "Wollte einen Termin") => {
    const id = newId();
    await withCompany(company.id, (tx) =>
      tx.insert(calls).values({
        id,
        companyId: company.id,
        branchId: company.branchId,
        customerId,
        retellCallId: `call_${id}`,
        status: "ended",
        fromNumber,
        startedAt: new Date(),
        durationMs: 61_000,
        summary,
      }),
    );
    return id;
  };
  return { staffId, serviceId, book, call };
}

async function rawCustomer(id: string) {
  const owner = await ownerHandle();
  const [row] = await owner.sql.query<Record<string, unknown>>("select * from customers where id = $1", [id]);
  return row!;
}

async function appointmentsOf(companyId: string, customerId: string) {
  return withCompany(companyId, (tx) => tx.select().from(appointments).where(eq(appointments.customerId, customerId)));
}

describe("updateCustomer", () => {
  it("changes the fields with the create rules, clears blank ones and refuses bad input without saving", async () => {
    const a = await createTestCompany("Ändern");
    const phone = uniquePhone();
    const customer = await create(a.id, { firstName: "Erika", lastName: "Alt", phone, email: uniqueEmail(), notes: "alt" });

    expect(await updateCustomer(a.id, customer.id, { firstName: "Erika", lastName: "Neu", phone: "12ab", email: "kaputt" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { phone: "phone", email: "email" },
    });
    expect(await updateCustomer(a.id, customer.id, { firstName: " ", lastName: "Neu" })).toMatchObject({ ok: false, fieldErrors: { firstName: "required" } });
    expect(await getCustomer(a.id, customer.id)).toEqual(customer);

    const newPhone = uniquePhone();
    const result = await updateCustomer(a.id, customer.id, {
      firstName: "Erika",
      lastName: "Neu",
      phone: `0${newPhone.slice(3)}`,
      email: "",
      notes: "",
      birthday: "1990-05-17",
      locale: "en",
    });
    expect(result).toMatchObject({ ok: true, customer: { lastName: "Neu", phone: newPhone, email: null, notes: null, birthday: "1990-05-17", locale: "en" } });
    expect((await findCustomersByPhone(a.id, newPhone)).map((c) => c.id)).toEqual([customer.id]);
    expect(await findCustomersByPhone(a.id, phone)).toEqual([]);
    expect(await rawCustomer(customer.id)).toMatchObject({ email_ciphertext: null, email_blind_index: null, notes_ciphertext: null });
  });

  it("does not find another company's customer, a deleted one or a malformed id", async () => {
    const a = await createTestCompany("Ändern A");
    const b = await createTestCompany("Ändern B");
    const ofB = await create(b.id, { firstName: "Bea", lastName: "B", phone: uniquePhone() });
    expect(await updateCustomer(a.id, ofB.id, { firstName: "Gekapert", lastName: "X" })).toEqual({ ok: false, reason: "not_found" });
    expect(await updateCustomer(a.id, "nope", { firstName: "A", lastName: "B" })).toEqual({ ok: false, reason: "not_found" });
    expect(await getCustomer(b.id, ofB.id)).toEqual(ofB);
    await deleteCustomer(b.id, ofB.id);
    expect(await updateCustomer(b.id, ofB.id, { firstName: "A", lastName: "B" })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("deleteCustomer / restoreCustomer", () => {
  it("hides the customer from lookups and the list, and brings it back; another company cannot", async () => {
    const a = await createTestCompany("Löschen");
    const b = await createTestCompany("Löschen B");
    const phone = uniquePhone();
    const customer = await create(a.id, { firstName: "Lotte", lastName: "Weg", phone });
    expect(await deleteCustomer(b.id, customer.id)).toEqual({ ok: false, reason: "not_found" });
    expect((await findCustomersByPhone(a.id, phone)).length).toBe(1);

    expect(await deleteCustomer(a.id, customer.id)).toEqual({ ok: true, changed: true });
    expect(await deleteCustomer(a.id, customer.id)).toEqual({ ok: true, changed: false });
    expect(await findCustomersByPhone(a.id, phone)).toEqual([]);
    expect((await listCustomers(a.id, {})).rows).toEqual([]);
    expect((await listCustomers(a.id, { status: "deleted" })).rows.map((r) => r.id)).toEqual([customer.id]);
    expect((await listCustomers(b.id, { status: "deleted" })).rows).toEqual([]);
    expect(await getCustomerRecord(a.id, customer.id)).toMatchObject({ id: customer.id, deletedAt: expect.any(Date) });

    expect(await restoreCustomer(b.id, customer.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await restoreCustomer(a.id, customer.id)).toEqual({ ok: true, changed: true });
    expect((await findCustomersByPhone(a.id, phone)).map((c) => c.id)).toEqual([customer.id]);
  });
});

describe("mergeCustomers", () => {
  it("moves appointments and calls, fills the kept customer's empty fields and soft-deletes the duplicate", async () => {
    const a = await createTestCompany("Merge");
    const { book, call } = await salon(a);
    const keepPhone = uniquePhone();
    const dupPhone = uniquePhone();
    const dupEmail = uniqueEmail();
    const keep = await create(a.id, { firstName: "Anna", lastName: "Müller", phone: keepPhone });
    const duplicate = await create(a.id, { firstName: "Anna", lastName: "Mueller", phone: dupPhone, email: dupEmail, notes: "Mag Tee", birthday: "1985-03-04" });
    const older = await create(a.id, { firstName: "A.", lastName: "Müller" });
    const kept1 = await book(keep.id);
    const moved1 = await book(duplicate.id);
    const moved2 = await book(duplicate.id, { daysFromNow: -30 });
    const movedCall = await call(duplicate.id, dupPhone);
    // An earlier merge into the duplicate: it follows to the kept customer.
    expect(await mergeCustomers(a.id, duplicate.id, older.id)).toMatchObject({ ok: true });

    const result = await mergeCustomers(a.id, keep.id, duplicate.id, {});
    expect(result).toMatchObject({
      ok: true,
      moved: { appointments: 2, calls: 1 },
      customer: { id: keep.id, lastName: "Müller", phone: keepPhone, email: dupEmail, notes: "Mag Tee", birthday: "1985-03-04" },
    });
    expect((await appointmentsOf(a.id, keep.id)).map((r) => r.id).sort()).toEqual([kept1, moved1, moved2].sort());
    expect(await appointmentsOf(a.id, duplicate.id)).toEqual([]);
    const [callRow] = await withCompany(a.id, (tx) => tx.select().from(calls).where(eq(calls.id, movedCall)));
    expect(callRow!.customerId).toBe(keep.id);
    expect(await getCustomerRecord(a.id, duplicate.id)).toMatchObject({ deletedAt: expect.any(Date), mergedInto: { id: keep.id, name: "Anna Müller" } });
    expect(await rawCustomer(older.id)).toMatchObject({ merged_into_id: keep.id });
    // The filled email is sealed for the kept row: found by it, and the row reads back.
    expect((await findCustomersByEmail(a.id, dupEmail)).map((c) => c.id)).toEqual([keep.id]);
    expect(await getCustomer(a.id, keep.id)).toMatchObject({ email: dupEmail, notes: "Mag Tee" });
    // Restoring a merged duplicate is refused.
    expect(await restoreCustomer(a.id, duplicate.id)).toEqual({ ok: false, reason: "merged" });
  });

  it("refuses merging a customer with itself, a merged, deleted or erased one, and another company's ids", async () => {
    const a = await createTestCompany("Merge nein");
    const b = await createTestCompany("Merge B");
    const { book } = await salon(b);
    const keep = await create(a.id, { firstName: "K", lastName: "Eep" });
    const dup = await create(a.id, { firstName: "D", lastName: "Up" });
    const deleted = await create(a.id, { firstName: "Del", lastName: "Eted" });
    const erased = await create(a.id, { firstName: "Er", lastName: "Ased" });
    const ofB = await create(b.id, { firstName: "Bea", lastName: "B", phone: uniquePhone() });
    const otherOfB = await create(b.id, { firstName: "Bert", lastName: "B" });
    const appointmentOfB = await book(ofB.id);
    await deleteCustomer(a.id, deleted.id);
    await eraseCustomer(a.id, erased.id);

    expect(await mergeCustomers(a.id, keep.id, keep.id)).toMatchObject({ ok: false, reason: "same_customer" });
    expect(await mergeCustomers(a.id, keep.id, deleted.id)).toEqual({ ok: false, reason: "deleted", which: "duplicate" });
    expect(await mergeCustomers(a.id, deleted.id, keep.id)).toEqual({ ok: false, reason: "deleted", which: "keep" });
    expect(await mergeCustomers(a.id, keep.id, erased.id)).toEqual({ ok: false, reason: "anonymized", which: "duplicate" });
    expect(await mergeCustomers(a.id, keep.id, dup.id)).toMatchObject({ ok: true });
    expect(await mergeCustomers(a.id, keep.id, dup.id)).toEqual({ ok: false, reason: "merged", which: "duplicate" });
    expect(await mergeCustomers(a.id, "x", keep.id)).toEqual({ ok: false, reason: "not_found" });

    // Tenancy: B's ids through A, on either side, and A's own customer with B's id.
    expect(await mergeCustomers(a.id, ofB.id, otherOfB.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await mergeCustomers(a.id, keep.id, ofB.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await mergeCustomers(a.id, ofB.id, keep.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await mergeCustomers(b.id, ofB.id, keep.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await getCustomer(b.id, ofB.id)).toEqual(ofB);
    expect(await getCustomer(a.id, keep.id)).toMatchObject({ phone: null });
    expect((await appointmentsOf(b.id, ofB.id)).map((r) => r.id)).toEqual([appointmentOfB]);
  });
});

describe("exportCustomerData", () => {
  it("holds the decrypted profile, merged records, appointments with names and notes, and calls", async () => {
    const a = await createTestCompany("Auskunft");
    const { book, call } = await salon(a);
    const phone = uniquePhone();
    const email = uniqueEmail();
    const customer = await create(a.id, { firstName: "Ida", lastName: "Auskunft", phone, email, notes: "Allergie", birthday: "1970-01-02" });
    const dup = await create(a.id, { firstName: "Ida", lastName: "A.", notes: "Doppelt" });
    const future = await book(customer.id, { notes: "Bitte pünktlich" });
    const past = await book(dup.id, { daysFromNow: -10 });
    await withCompany(a.id, (tx) => tx.insert(appointmentNotes).values({ companyId: a.id, appointmentId: past, body: "Kam zu spät" }));
    await call(customer.id, phone);
    await mergeCustomers(a.id, customer.id, dup.id);

    const result = await exportCustomerData(a.id, customer.id);
    if (!result.ok) throw new Error("export refused");
    const data = result.data;
    expect(data.customer).toMatchObject({ id: customer.id, firstName: "Ida", phone, email, notes: "Allergie", birthday: "1970-01-02", anonymizedAt: null });
    expect(data.mergedRecords).toEqual([expect.objectContaining({ id: dup.id, notes: "Doppelt", mergedIntoId: customer.id })]);
    expect(data.appointments.map((x) => x.id).sort()).toEqual([future, past].sort());
    const booked = data.appointments.find((x) => x.id === future)!;
    expect(booked).toMatchObject({ status: "booked", service: expect.stringMatching(/^Haarschnitt/), staff: "Mia M.", branch: "Hauptfiliale", notes: "Bitte pünktlich" });
    expect(data.appointments.find((x) => x.id === past)!.noteLog).toEqual([{ body: "Kam zu spät", createdAt: expect.any(String) }]);
    expect(data.calls).toEqual([expect.objectContaining({ fromNumber: phone, summary: "Wollte einen Termin", branch: "Hauptfiliale" })]);
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it("does not export another company's customer", async () => {
    const a = await createTestCompany("Auskunft A");
    const b = await createTestCompany("Auskunft B");
    const ofB = await create(b.id, { firstName: "Bea", lastName: "B", phone: uniquePhone() });
    expect(await exportCustomerData(a.id, ofB.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await exportCustomerData(a.id, "../etc")).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("eraseCustomer", () => {
  it("blanks the person's fields and free texts, keeps the appointments counted, and is idempotent", async () => {
    const a = await createTestCompany("Löschung");
    const { book, call } = await salon(a);
    const phone = uniquePhone();
    const email = uniqueEmail();
    const customer = await create(a.id, { firstName: "Paula", lastName: "Privat", phone, email, notes: "Therapie dienstags", birthday: "1991-09-09" });
    const dupPhone = uniquePhone();
    const dup = await create(a.id, { firstName: "Paula", lastName: "P.", phone: dupPhone });
    const first = await book(customer.id, { notes: "Rückenprobleme", daysFromNow: -3, cancellationReason: "krank" });
    const second = await book(customer.id);
    await withCompany(a.id, (tx) => tx.insert(appointmentNotes).values({ companyId: a.id, appointmentId: first, body: "Privates" }));
    const callId = await call(customer.id, phone);
    await mergeCustomers(a.id, customer.id, dup.id);
    // After the merge the duplicate's appointments are the customer's; its row is erased as well.

    expect(await eraseCustomer(a.id, customer.id)).toEqual({ ok: true, changed: true });
    const raw = await rawCustomer(customer.id);
    expect(raw).toMatchObject({
      first_name: "",
      last_name: ERASED_LAST_NAME,
      phone_ciphertext: null,
      phone_blind_index: null,
      email_ciphertext: null,
      email_blind_index: null,
      notes_ciphertext: null,
      birthday: null,
      anonymized_at: expect.anything(),
    });
    expect(await rawCustomer(dup.id)).toMatchObject({ last_name: ERASED_LAST_NAME, phone_ciphertext: null, phone_blind_index: null, anonymized_at: expect.anything() });
    expect(await findCustomersByPhone(a.id, phone)).toEqual([]);
    expect(await findCustomersByEmail(a.id, email)).toEqual([]);
    expect((await listCustomers(a.id, { q: phone })).rows).toEqual([]);
    expect((await findMergeCandidates(a.id, newId(), phone))).toEqual([]);

    // The appointments stay (and are counted), their free text is gone.
    const left = await appointmentsOf(a.id, customer.id);
    expect(left.map((r) => r.id).sort()).toEqual([first, second].sort());
    expect(left.every((r) => r.notes === null && r.cancellationReason === null)).toBe(true);
    const list = await listCustomers(a.id, { q: "Anonym" }, { countAppointments: "company" });
    expect(list.rows.find((r) => r.id === customer.id)).toMatchObject({ appointmentCount: 2 });
    expect(await withCompany(a.id, (tx) => tx.select().from(appointmentNotes).where(eq(appointmentNotes.appointmentId, first)))).toEqual([]);
    const [callRow] = await withCompany(a.id, (tx) => tx.select().from(calls).where(eq(calls.id, callId)));
    expect(callRow).toMatchObject({ customerId: customer.id, fromNumber: null, summary: null, durationMs: 61_000 });

    // The erased customer cannot be edited back into a person; erasing again changes nothing.
    expect(await updateCustomer(a.id, customer.id, { firstName: "Paula", lastName: "Privat" })).toEqual({ ok: false, reason: "anonymized" });
    expect(await eraseCustomer(a.id, customer.id)).toEqual({ ok: true, changed: false });
    expect((await rawCustomer(customer.id)).anonymized_at).toEqual(raw.anonymized_at);
    // Nothing personal left in the export.
    const exported = await exportCustomerData(a.id, customer.id);
    expect(JSON.stringify(exported)).not.toMatch(/Paula|Privat|Therapie|Rücken|krank|Privates|1991/);
    expect(JSON.stringify(exported)).not.toContain(phone);
  });

  it("does not erase another company's customer", async () => {
    const a = await createTestCompany("Löschung A");
    const b = await createTestCompany("Löschung B");
    const phone = uniquePhone();
    const ofB = await create(b.id, { firstName: "Bea", lastName: "B", phone });
    expect(await eraseCustomer(a.id, ofB.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await eraseCustomer(a.id, "nope")).toEqual({ ok: false, reason: "not_found" });
    expect(await getCustomer(b.id, ofB.id)).toEqual(ofB);
    expect((await findCustomersByPhone(b.id, phone)).map((c) => c.id)).toEqual([ofB.id]);
  });
});

describe("customer page reads", () => {
  it("splits appointments into upcoming and past within the viewer's branches, lists calls and merge candidates", async () => {
    const a = await createTestCompany("Historie");
    const b = await createTestCompany("Historie B");
    const { book, call } = await salon(a);
    const phone = uniquePhone();
    const customer = await create(a.id, { firstName: "Hilde", lastName: "Historie", phone });
    const other = await create(a.id, { firstName: "Hilde", lastName: "Zweit", phone: uniquePhone() });
    const next = await book(customer.id, { daysFromNow: 2 });
    const later = await book(customer.id, { daysFromNow: 20 });
    const before = await book(customer.id, { daysFromNow: -5 });
    await call(customer.id, phone);

    const all = await getCustomerAppointments(a.id, customer.id, null);
    expect(all.upcoming.map((x) => x.id)).toEqual([next, later]);
    expect(all.past.map((x) => x.id)).toEqual([before]);
    expect(await getCustomerAppointments(a.id, customer.id, [])).toEqual({ upcoming: [], past: [] });
    expect(await getCustomerAppointments(b.id, customer.id, null)).toEqual({ upcoming: [], past: [] });
    expect(await getCustomerCalls(a.id, customer.id, null)).toHaveLength(1);
    expect(await getCustomerCalls(b.id, customer.id, null)).toEqual([]);

    expect((await findMergeCandidates(a.id, customer.id, "hil")).map((c) => c.id)).toEqual([other.id]);
    expect((await findMergeCandidates(a.id, other.id, `0${phone.slice(3)}`)).map((c) => c.id)).toEqual([customer.id]);
    expect(await findMergeCandidates(b.id, other.id, phone)).toEqual([]);
    expect(await getCustomerRecord(b.id, customer.id)).toBeNull();
    const count = await withCompany(a.id, async (tx) => rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int n from customers`)));
    expect(count).toEqual([{ n: 2 }]);
  });
});
