import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, withCompany } from "@/db";
import { customers } from "@/db/schema";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { FieldDecryptionError } from "@/lib/crypto/field-encryption";
import { createCustomer, type CustomerView, findCustomersByEmail, findCustomersByPhone, getCustomer } from "./index";

// The customers slice on the real database: sealed on the way in, opened on the way out, found
// by phone or email through the blind index, one company at a time.

const uniquePhone = () => `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

async function create(companyId: string, input: Record<string, unknown>): Promise<CustomerView> {
  const result = await createCustomer(companyId, input);
  if (!result.ok) throw new Error(`createCustomer refused: ${JSON.stringify(result.fieldErrors)}`);
  return result.customer;
}

describe("createCustomer / getCustomer", () => {
  it("normalizes and encrypts phone, email and notes, and reads them back decrypted", async () => {
    const a = await createTestCompany("Kunden");
    const phone = uniquePhone();
    const spaced = `0${phone.slice(3, 6)} ${phone.slice(6, 10)}-${phone.slice(10)}`;
    const created = await create(a.id, {
      firstName: " Erika ",
      lastName: "Mustermann",
      phone: spaced,
      email: " Erika.Muster@Example.TEST",
      notes: "Allergie gegen Latex",
      birthday: "1980-02-29",
    });
    expect(created).toMatchObject({
      firstName: "Erika",
      phone,
      email: "erika.muster@example.test",
      notes: "Allergie gegen Latex",
      birthday: "1980-02-29",
      locale: "de",
    });
    expect(await getCustomer(a.id, created.id)).toEqual(created);
    expect(await getCustomer(a.id, "not-a-uuid")).toBeNull();
  });

  it("keeps no plaintext at rest: the raw row holds only ciphertext and blind indexes", async () => {
    const a = await createTestCompany("Ruhend");
    const phone = uniquePhone();
    const created = await create(a.id, { firstName: "Jonas", lastName: "Roh", phone, email: "jonas.roh@example.test", notes: "Parkt gern hinten" });
    const owner = await ownerHandle();
    const [raw] = await owner.sql.query<Record<string, unknown>>("select * from customers where id = $1", [created.id]);
    expect(raw).toBeDefined();
    const stored = JSON.stringify(raw);
    for (const clear of [phone.slice(1), phone.slice(3), "jonas.roh", "example.test", "Parkt"]) expect(stored).not.toContain(clear);
    expect(Object.keys(raw!)).not.toEqual(expect.arrayContaining(["phone"]));
    expect(raw).toMatchObject({
      phone_ciphertext: expect.stringMatching(/^v1\.test1\./),
      email_ciphertext: expect.stringMatching(/^v1\.test1\./),
      notes_ciphertext: expect.stringMatching(/^v1\.test1\./),
      phone_blind_index: expect.stringMatching(/^[0-9a-f]{64}$/),
      email_blind_index: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The audit trail does not keep them either.
    const audit = await owner.sql.query("select old_values, new_values from audit_log where row_id = $1", [created.id]);
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain("v1.test1.");
    expect(JSON.stringify(audit)).not.toContain(phone.slice(3));
  });

  it("refuses a phone that is not E.164 and a malformed email with field errors, writing nothing", async () => {
    const a = await createTestCompany("Ungültig");
    expect(await createCustomer(a.id, { firstName: "A", lastName: "B", phone: "12345", email: "nope" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { phone: "phone", email: "email" },
    });
    expect(await createCustomer(a.id, { firstName: " ", lastName: "B" })).toMatchObject({ ok: false, fieldErrors: { firstName: "required" } });
    const count = await withCompany(a.id, async (tx) => rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int n from customers`)));
    expect(count).toEqual([{ n: 0 }]);
    // Blank optional fields are simply absent.
    expect(await create(a.id, { firstName: "A", lastName: "B", phone: "", email: " ", notes: "" })).toMatchObject({ phone: null, email: null, notes: null });
  });

  it("a value copied to another company's row or another column does not decrypt", async () => {
    const a = await createTestCompany("Quelle");
    const b = await createTestCompany("Ziel");
    const source = await create(a.id, { firstName: "A", lastName: "Quelle", phone: uniquePhone() });
    const target = await create(b.id, { firstName: "B", lastName: "Ziel" });
    const owner = await ownerHandle();
    const [row] = await owner.sql.query<{ phone_ciphertext: string }>("select phone_ciphertext from customers where id = $1", [source.id]);
    await withCompany(b.id, (tx) => tx.update(customers).set({ phoneCiphertext: row!.phone_ciphertext }).where(eq(customers.id, target.id)));
    await expect(getCustomer(b.id, target.id)).rejects.toBeInstanceOf(FieldDecryptionError);
    await withCompany(a.id, (tx) => tx.update(customers).set({ notesCiphertext: row!.phone_ciphertext }).where(eq(customers.id, source.id)));
    await expect(getCustomer(a.id, source.id)).rejects.toMatchObject({ code: "authentication_failed" });
  });
});

describe("findCustomersByPhone / findCustomersByEmail", () => {
  it("finds the company's customer by any spelling of the number, never another company's", async () => {
    const a = await createTestCompany("Suche A");
    const b = await createTestCompany("Suche B");
    const phone = uniquePhone();
    const ofA = await create(a.id, { firstName: "Anna", lastName: "A", phone });
    const ofB = await create(b.id, { firstName: "Bert", lastName: "B", phone });
    await create(a.id, { firstName: "Carl", lastName: "A", phone: uniquePhone() });

    for (const spelling of [phone, `+49 ${phone.slice(3, 6)} ${phone.slice(6)}`, `0${phone.slice(3)}`, `0049 (${phone.slice(3, 6)}) ${phone.slice(6)}`]) {
      expect((await findCustomersByPhone(a.id, spelling)).map((c) => c.id), spelling).toEqual([ofA.id]);
      expect((await findCustomersByPhone(b.id, spelling)).map((c) => c.id), spelling).toEqual([ofB.id]);
    }
    expect((await findCustomersByPhone(a.id, phone))[0]).toMatchObject({ firstName: "Anna", phone });
    expect(await findCustomersByPhone(a.id, "no number")).toEqual([]);
    expect(await findCustomersByPhone(a.id, uniquePhone())).toEqual([]);
  });

  it("finds by email whatever its case, and leaves deleted customers out", async () => {
    const a = await createTestCompany("Mail");
    const b = await createTestCompany("Mail B");
    const email = `kunde-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const found = await create(a.id, { firstName: "E", lastName: "Mail", email });
    await create(b.id, { firstName: "F", lastName: "Mail", email });
    expect((await findCustomersByEmail(a.id, ` ${email.toUpperCase()} `)).map((c) => c.id)).toEqual([found.id]);
    await withCompany(a.id, (tx) => tx.update(customers).set({ deletedAt: new Date() }).where(eq(customers.id, found.id)));
    expect(await findCustomersByEmail(a.id, email)).toEqual([]);
    expect(await getCustomer(a.id, found.id)).toBeNull();
  });
});
