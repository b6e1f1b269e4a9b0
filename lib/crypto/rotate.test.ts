import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { customers } from "@/db/schema";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { createCustomer, findCustomersByPhone, getCustomer } from "@/lib/customers";
import { keyIdOf, UnknownFieldKeyError } from "./field-encryption";
import { fieldKeys } from "./keys";
import { rotateFieldKeys } from "./rotate";

// Key rotation on the real database. The test changes this worker's key ring only and rotates
// only its own companies (on a shared server, other test files' rows stay under their key).

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
const saved = { ring: process.env.FIELD_ENCRYPTION_KEYS, index: process.env.FIELD_BLIND_INDEX_KEY };
const useRing = (ring: string) => {
  process.env.FIELD_ENCRYPTION_KEYS = ring;
};

beforeAll(() => useRing(`k1:${key(1)}`));
afterAll(() => {
  process.env.FIELD_ENCRYPTION_KEYS = saved.ring;
  process.env.FIELD_BLIND_INDEX_KEY = saved.index;
});

async function storedOf(companyId: string) {
  return withCompany(companyId, (tx) =>
    tx
      .select({
        id: customers.id,
        phone: customers.phoneCiphertext,
        email: customers.emailCiphertext,
        notes: customers.notesCiphertext,
        phoneIndex: customers.phoneBlindIndex,
        updatedAt: customers.updatedAt,
      })
      .from(customers)
      .orderBy(customers.id),
  );
}

describe("rotateFieldKeys", () => {
  it("re-encrypts every value under the new current key in chunks; readable after, a second run changes nothing", async () => {
    useRing(`k1:${key(1)}`);
    const a = await createTestCompany("Rotation A");
    const b = await createTestCompany("Rotation B");
    const made: { companyId: string; id: string; phone: string }[] = [];
    for (const [companyId, n] of [[a.id, 5], [b.id, 2]] as const) {
      for (let i = 0; i < n; i++) {
        const phone = `+4930${String(7_000_000 + i)}${companyId === a.id ? 1 : 2}`;
        const result = await createCustomer(companyId, {
          firstName: `K${i}`,
          lastName: "Rotation",
          phone,
          email: i % 2 ? `k${i}@example.test` : undefined,
          notes: i === 0 ? "Notiz" : undefined,
        });
        if (!result.ok) throw new Error("createCustomer refused");
        made.push({ companyId, id: result.customer.id, phone });
      }
    }
    const before = [...(await storedOf(a.id)), ...(await storedOf(b.id))];
    expect(before.flatMap((r) => [r.phone, r.email, r.notes]).filter(Boolean).every((v) => keyIdOf(v!) === "k1")).toBe(true);

    useRing(`k2:${key(2)},k1:${key(1)}`);
    const owner = await ownerHandle();
    // The owner's list of companies (the script's default) names both.
    const listed = (await owner.sql.query<{ id: string }>("select id::text as id from app_keys_list_company_ids() as id")).map((r) => r.id);
    expect(listed).toEqual(expect.arrayContaining([a.id, b.id]));

    const lines: string[] = [];
    const report = await rotateFieldKeys(owner, { companyIds: [a.id, b.id], chunkSize: 2, log: (l) => lines.push(l) });
    expect(report).toEqual({ currentKeyId: "k2", companies: 2, rows: { customers: 7, call_transcripts: 0, callback_requests: 0 }, valuesByOldKey: { k1: 7 + 3 + 2 } });
    expect(lines.filter((l) => l.startsWith(a.id))).toHaveLength(3); // 2 + 2 + 1 rows

    const after = [...(await storedOf(a.id)), ...(await storedOf(b.id))];
    expect(after.flatMap((r) => [r.phone, r.email, r.notes]).filter(Boolean).every((v) => keyIdOf(v!) === "k2")).toBe(true);
    // Blind indexes and updated_at untouched; every value still reads the same.
    expect(after.map((r) => [r.id, r.phoneIndex, r.updatedAt.toISOString()])).toEqual(before.map((r) => [r.id, r.phoneIndex, r.updatedAt.toISOString()]));
    for (const m of made) {
      expect((await getCustomer(m.companyId, m.id))?.phone).toBe(m.phone);
      expect((await findCustomersByPhone(m.companyId, m.phone)).map((c) => c.id)).toEqual([m.id]);
    }
    expect((await getCustomer(a.id, made[0]!.id))?.notes).toBe("Notiz");

    const again = await rotateFieldKeys(owner, { companyIds: [a.id, b.id], chunkSize: 2 });
    expect(again).toEqual({ currentKeyId: "k2", companies: 0, rows: { customers: 0, call_transcripts: 0, callback_requests: 0 }, valuesByOldKey: {} });
    expect([...(await storedOf(a.id)), ...(await storedOf(b.id))]).toEqual(after);
  });

  it("resumes where a run stopped: a company done already is not written again", async () => {
    useRing(`k1:${key(1)}`);
    const a = await createTestCompany("Weiter A");
    const b = await createTestCompany("Weiter B");
    for (const companyId of [a.id, b.id]) await createCustomer(companyId, { firstName: "R", lastName: "S", phone: "+49301111111" });
    useRing(`k2:${key(2)},k1:${key(1)}`);
    const owner = await ownerHandle();
    expect((await rotateFieldKeys(owner, { companyIds: [a.id] })).rows.customers).toBe(1);
    expect(await rotateFieldKeys(owner, { companyIds: [a.id, b.id] })).toMatchObject({ companies: 1, rows: { customers: 1 } });
  });

  it("stops with the unknown key id when a value's key has left the ring, changing nothing", async () => {
    useRing(`k1:${key(1)}`);
    const a = await createTestCompany("Verloren");
    const created = await createCustomer(a.id, { firstName: "V", lastName: "L", phone: "+49302222222" });
    if (!created.ok) throw new Error("createCustomer refused");
    const before = await storedOf(a.id);
    useRing(`k3:${key(3)}`);
    const owner = await ownerHandle();
    await expect(rotateFieldKeys(owner, { companyIds: [a.id] })).rejects.toMatchObject({ keyId: "k1" });
    await expect(rotateFieldKeys(owner, { companyIds: [a.id] })).rejects.toBeInstanceOf(UnknownFieldKeyError);
    useRing(`k1:${key(1)}`);
    expect(await storedOf(a.id)).toEqual(before);
    expect(fieldKeys().ring.currentKeyId).toBe("k1");
  });
});

