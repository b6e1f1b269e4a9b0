import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withCompany } from "@/db";
import { callbackRequests, userBranches } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { testPhoneNumber } from "@/db/testing/rows";
import { escalateCallback, expireCallback } from "@/lib/callbacks/sweep";
import { blindIndex, encryptField } from "@/lib/crypto/field-encryption";
import { listMailbox, readMailboxMessage } from "@/lib/mail/mailbox";
import { createBranch, createUser, useTempMailbox } from "@/lib/users/test-support";
import { sweepCallbacks } from "./sweep-callbacks";

let cleanup: () => void;
beforeAll(() => {
  cleanup = useTempMailbox("askpro-callback-sweep-");
  vi.spyOn(console, "info").mockImplementation(() => {});
});
afterAll(() => cleanup());

const HOUR = 3_600_000;

async function createCallback(companyId: string, branchId: string, dueAt: Date, overrides: Partial<typeof callbackRequests.$inferInsert> = {}) {
  const id = newId();
  const phone = testPhoneNumber();
  await withCompany(companyId, (tx) =>
    tx.insert(callbackRequests).values({
      id,
      companyId,
      branchId,
      phoneCiphertext: encryptField(phone, { companyId, column: "phone_ciphertext" }),
      phoneBlindIndex: blindIndex("phone", phone),
      name: "Anna Becker",
      reason: "Frage zu Strähnchen",
      dueAt,
      ...overrides,
    }),
  );
  return id;
}

const callbackOf = async (companyId: string, id: string) =>
  (await withCompany(companyId, (tx) => tx.select().from(callbackRequests).where(eq(callbackRequests.id, id))))[0]!;

async function sweep() {
  const { result, error } = await new InngestTestEngine({ function: sweepCallbacks }).execute();
  expect(error).toBeUndefined();
  return result as { escalated: number; expired: number; mailed: number };
}

describe("sweep-callbacks", () => {
  it("escalates an overdue callback once, mailing the branch's managers in their language; expires stale ones; leaves others alone", async () => {
    const company = await createTestCompany("Rückruf");
    const otherBranch = await createBranch(company.id);
    const thirdBranch = await createBranch(company.id);
    const managerDe = await createUser(company.id, { role: "branch_manager", locale: "de" });
    const managerEn = await createUser(company.id, { role: "branch_manager", locale: "en" });
    const elsewhere = await createUser(company.id, { role: "branch_manager" });
    const inactive = await createUser(company.id, { role: "branch_manager", isActive: false });
    const admin = await createUser(company.id, { role: "company_admin" });
    await withCompany(company.id, (tx) =>
      tx.insert(userBranches).values([
        { companyId: company.id, userId: managerDe.id, branchId: company.branchId },
        { companyId: company.id, userId: managerEn.id, branchId: company.branchId },
        { companyId: company.id, userId: inactive.id, branchId: company.branchId },
        { companyId: company.id, userId: elsewhere.id, branchId: thirdBranch },
      ]),
    );

    const now = Date.now();
    const overdue = await createCallback(company.id, company.branchId, new Date(now - HOUR));
    const stale = await createCallback(company.id, company.branchId, new Date(now - 8 * 24 * HOUR), { status: "contacted", contactedAt: new Date(now - 7 * 24 * HOUR) });
    const notDue = await createCallback(company.id, company.branchId, new Date(now + HOUR));
    const done = await createCallback(company.id, company.branchId, new Date(now - HOUR), { status: "completed", completedAt: new Date() });
    // No manager at this branch: the company's admins are told instead.
    const unmanaged = await createCallback(company.id, otherBranch, new Date(now - 2 * HOUR), { name: null });

    const first = await sweep();
    expect(first.escalated).toBeGreaterThanOrEqual(2);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect((await callbackOf(company.id, overdue)).escalatedAt).not.toBeNull();
    expect(await callbackOf(company.id, stale)).toMatchObject({ status: "expired" });
    expect((await callbackOf(company.id, stale)).expiredAt).not.toBeNull();
    expect((await callbackOf(company.id, notDue)).escalatedAt).toBeNull();
    expect(await callbackOf(company.id, done)).toMatchObject({ status: "completed", escalatedAt: null });

    const [de] = await listMailbox({ to: managerDe.email });
    const [en] = await listMailbox({ to: managerEn.email });
    expect(de).toMatchObject({ template: "callback_overdue", locale: "de", subject: expect.stringContaining("Überfälliger Rückruf") });
    expect(en).toMatchObject({ locale: "en", subject: expect.stringContaining("Overdue callback") });
    expect((await readMailboxMessage(de!.id))?.text).toContain("Anna Becker");
    expect(await listMailbox({ to: inactive.email })).toEqual([]);
    expect(await listMailbox({ to: elsewhere.email })).toEqual([]);
    const [toAdmin] = await listMailbox({ to: admin.email });
    expect((await readMailboxMessage(toAdmin!.id))?.text).toContain("unbekannte");
    expect((await callbackOf(company.id, unmanaged)).escalatedAt).not.toBeNull();

    // Idempotent: a second sweep mails nobody again and changes nothing.
    const before = await Promise.all([overdue, stale, unmanaged].map((id) => callbackOf(company.id, id)));
    await sweep();
    expect(await listMailbox({ to: managerDe.email })).toHaveLength(1);
    expect(await listMailbox({ to: admin.email })).toHaveLength(1);
    expect(await Promise.all([overdue, stale, unmanaged].map((id) => callbackOf(company.id, id)))).toEqual(before);
  });

  it("tenancy: another company's id escalates or expires nothing", async () => {
    const a = await createTestCompany("Rückruf A");
    const b = await createTestCompany("Rückruf B");
    const id = await createCallback(a.id, a.branchId, new Date(Date.now() - 30 * 24 * HOUR));
    expect(await escalateCallback(b.id, id)).toEqual([]);
    expect(await expireCallback(b.id, id)).toBe(false);
    expect(await callbackOf(a.id, id)).toMatchObject({ status: "open", escalatedAt: null, expiredAt: null });
  });
});
