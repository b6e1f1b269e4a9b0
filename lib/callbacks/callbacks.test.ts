import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { callbackRequests, userBranches, users, type UserRole } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertBranch, insertCall, testPhoneNumber } from "@/db/testing/rows";
import { assignCallback } from "./assign-callback";
import { completeCallback } from "./complete-callback";
import { markCallbackContacted } from "./contact-callback";
import { createCallback } from "./create-callback";
import { callbackFacets, listCallbacks } from "./list";
import { openCallbackPhone } from "./protect";

// The callback use cases on the real database: create (validation, encryption, references),
// assign / contacted / completed along the state machine, branch scope, and tenancy: company A
// cannot read, change or assign through B's ids, nor assign B's users.

const HOUR = 3_600_000;
let a: { id: string; branchId: string };
let b: { id: string; branchId: string };
let aBranch2: string;
let aManager: string;
let aStaffOther: string;
let aViewer: string;
let bAdmin: string;

async function insertUser(companyId: string, role: UserRole, branchIds: string[] = []) {
  const id = newId();
  await withCompany(companyId, async (tx) => {
    await tx.insert(users).values({ id, companyId, email: `cb-${id.slice(-12)}@example.test`, name: `Nutzer ${role}`, passwordHash: "$argon2id$x", role });
    if (branchIds.length) await tx.insert(userBranches).values(branchIds.map((branchId) => ({ companyId, userId: id, branchId })));
  });
  return id;
}

const full = { branchIds: null } as const;
const due = () => new Date(Date.now() + 2 * HOUR).toISOString();

async function stored(companyId: string, id: string) {
  const [row] = await withCompany(companyId, (tx) => tx.select().from(callbackRequests).where(and(eq(callbackRequests.companyId, companyId), eq(callbackRequests.id, id))));
  return row;
}

async function created(companyId: string, branchId: string, extra: Record<string, unknown> = {}) {
  const result = await createCallback(companyId, { branchId, phone: "030 1234567", name: "Lea Rückruf", reason: "Preisfrage", priority: "high", dueAt: due(), ...extra }, full);
  if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`);
  return result.callback.id;
}

beforeAll(async () => {
  a = await createTestCompany("Rückruf A");
  b = await createTestCompany("Rückruf B");
  aBranch2 = await withCompany(a.id, (tx) => insertBranch(tx, a.id));
  aManager = await insertUser(a.id, "branch_manager", [a.branchId]);
  aStaffOther = await insertUser(a.id, "staff", [aBranch2]);
  aViewer = await insertUser(a.id, "viewer");
  bAdmin = await insertUser(b.id, "company_admin");
});

describe("createCallback", () => {
  it("stores the number encrypted with its blind index, normalized to E.164", async () => {
    const id = await created(a.id, a.branchId);
    const row = await stored(a.id, id);
    expect(row).toMatchObject({ status: "open", priority: "high", name: "Lea Rückruf", branchId: a.branchId });
    expect(row!.phoneCiphertext).not.toContain("1234567");
    expect(openCallbackPhone(row!)).toBe("+49301234567");
  });

  it("refuses bad input with field codes and stores nothing", async () => {
    const before = (await listCallbacks(a.id, { size: 100 }, full)).total.value;
    const result = await createCallback(a.id, { branchId: "x", phone: "12", priority: "sofort", dueAt: "morgen", reason: "r".repeat(2001) }, full);
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { branchId: "required", phone: "phone", priority: "priority", dueAt: "datetime", reason: "tooLong" },
    });
    const past = await createCallback(a.id, { branchId: a.branchId, phone: "030 1234567", dueAt: new Date(Date.now() - 2 * HOUR).toISOString() }, full);
    expect(past).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { dueAt: "past" } });
    expect((await listCallbacks(a.id, { size: 100 }, full)).total.value).toBe(before);
  });

  it("takes the customer from the call it came from; another company's call, branch or customer is not found", async () => {
    const callId = await withCompany(a.id, (tx) => insertCall(tx, a.id, a.branchId));
    const ok = await createCallback(a.id, { branchId: a.branchId, callId, phone: testPhoneNumber(), dueAt: due() }, full);
    expect(ok.ok).toBe(true);
    const bCall = await withCompany(b.id, (tx) => insertCall(tx, b.id, b.branchId));
    expect(await createCallback(a.id, { branchId: a.branchId, callId: bCall, phone: testPhoneNumber(), dueAt: due() }, full)).toEqual({ ok: false, reason: "not_found", field: "callId" });
    expect(await createCallback(a.id, { branchId: b.branchId, phone: testPhoneNumber(), dueAt: due() }, full)).toEqual({ ok: false, reason: "not_found", field: "branchId" });
    expect(await createCallback(a.id, { branchId: a.branchId, customerId: newId(), phone: testPhoneNumber(), dueAt: due() }, full)).toEqual({ ok: false, reason: "not_found", field: "customerId" });
    // A branch manager creates in its branches only.
    expect(await createCallback(a.id, { branchId: aBranch2, phone: testPhoneNumber(), dueAt: due() }, { branchIds: [a.branchId] })).toEqual({ ok: false, reason: "not_found", field: "branchId" });
  });
});

describe("callback transitions", () => {
  it("goes open → assigned → contacted → completed, and nothing else", async () => {
    const id = await created(a.id, a.branchId);
    expect(await markCallbackContacted(a.id, id, full)).toEqual({ ok: false, reason: "invalid_transition", from: "open" });
    expect(await completeCallback(a.id, id, full)).toEqual({ ok: false, reason: "invalid_transition", from: "open" });
    expect(await assignCallback(a.id, { id, userId: aManager }, full)).toMatchObject({ ok: true, callback: { status: "assigned", assignedToUserId: aManager } });
    expect(await completeCallback(a.id, id, full)).toEqual({ ok: false, reason: "invalid_transition", from: "assigned" });
    expect(await markCallbackContacted(a.id, id, full)).toMatchObject({ ok: true, callback: { status: "contacted" } });
    expect(await assignCallback(a.id, { id, userId: aManager }, full)).toEqual({ ok: false, reason: "invalid_transition", from: "contacted" });
    expect(await completeCallback(a.id, id, full)).toMatchObject({ ok: true, callback: { status: "completed" } });
    expect(await markCallbackContacted(a.id, id, full)).toEqual({ ok: false, reason: "invalid_transition", from: "completed" });
    const row = await stored(a.id, id);
    expect(row?.contactedAt).toBeInstanceOf(Date);
    expect(row?.completedAt).toBeInstanceOf(Date);
  });

  it("assigns only active users of the company who can see the callback's branch", async () => {
    const id = await created(a.id, a.branchId);
    expect(await assignCallback(a.id, { id, userId: bAdmin }, full)).toEqual({ ok: false, reason: "assignee_not_found" });
    expect(await assignCallback(a.id, { id, userId: aStaffOther }, full)).toEqual({ ok: false, reason: "assignee_not_found" });
    expect(await assignCallback(a.id, { id, userId: "nope" }, full)).toEqual({ ok: false, reason: "invalid" });
    expect((await stored(a.id, id))?.status).toBe("open");
    // A viewer can read callbacks (company-wide): assignable, and reassignable.
    expect(await assignCallback(a.id, { id, userId: aViewer }, full)).toMatchObject({ ok: true });
    expect(await assignCallback(a.id, { id, userId: aManager }, full)).toMatchObject({ ok: true, callback: { assignedToUserId: aManager } });
  });

  it("keeps to the actor's branches and company (tenancy)", async () => {
    const id = await created(a.id, a.branchId);
    const bId = await created(b.id, b.branchId);
    // B's callback through A: not found, unchanged.
    expect(await assignCallback(a.id, { id: bId, userId: aManager }, full)).toEqual({ ok: false, reason: "not_found" });
    expect(await markCallbackContacted(a.id, bId, full)).toEqual({ ok: false, reason: "not_found" });
    expect(await completeCallback(a.id, bId, full)).toEqual({ ok: false, reason: "not_found" });
    expect((await stored(b.id, bId))?.status).toBe("open");
    expect((await listCallbacks(a.id, { size: 100 }, full)).rows.map((r) => r.id)).not.toContain(bId);
    // Another branch's actor: not found.
    expect(await assignCallback(a.id, { id, userId: aManager }, { branchIds: [aBranch2] })).toEqual({ ok: false, reason: "not_found" });
    expect(await markCallbackContacted(a.id, "x", full)).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("listCallbacks", () => {
  it("filters by status, priority, assignee, branch, overdue and search; decrypts the number", async () => {
    const company = await createTestCompany("Rückrufliste");
    const second = await withCompany(company.id, (tx) => insertBranch(tx, company.id));
    const boss = await insertUser(company.id, "company_admin");
    const soon = await created(company.id, company.branchId, { priority: "urgent", name: "Zora Eilig" });
    const later = await created(company.id, second, { priority: "low", phone: "+4917012345678", dueAt: new Date(Date.now() + 30 * HOUR).toISOString() });
    const late = await created(company.id, company.branchId, { priority: "normal" });
    await withCompany(company.id, (tx) => tx.update(callbackRequests).set({ dueAt: new Date(Date.now() - HOUR) }).where(eq(callbackRequests.id, late)));
    await assignCallback(company.id, { id: later, userId: boss }, full);

    const ids = async (state: Record<string, unknown>, options: { branchIds: string[] | null } = full) => (await listCallbacks(company.id, state, options)).rows.map((r) => r.id);
    expect(await ids({})).toEqual([late, soon, later]);
    expect(await ids({ sort: "due.desc" })).toEqual([later, soon, late]);
    expect(await ids({ status: ["assigned"] })).toEqual([later]);
    expect(await ids({ priority: ["urgent", "low"] })).toEqual([soon, later]);
    expect(await ids({ assignee: [boss] })).toEqual([later]);
    expect(await ids({ branch: [second] })).toEqual([later]);
    expect(await ids({ overdue: "yes" })).toEqual([late]);
    expect(await ids({ q: "zora" })).toEqual([soon]);
    expect(await ids({ q: "0170 12345678" })).toEqual([later]);
    expect(await ids({}, { branchIds: [second] })).toEqual([later]);
    const page = await listCallbacks(company.id, { size: 25 }, full);
    expect(page.rows.find((r) => r.id === later)).toMatchObject({ phone: "+4917012345678", assigneeName: "Nutzer company_admin", overdue: false });
    expect(page.rows.find((r) => r.id === late)?.overdue).toBe(true);
    expect(page.total).toEqual({ value: 3, capped: false });
    // Paging: one at a time, forwards.
    const first = await listCallbacks(company.id, { size: 25, after: null }, full);
    expect(first.nextCursor).toBeNull();
    const facets = await callbackFacets(company.id, full);
    expect(facets.assignees.map((u) => u.id)).toEqual([boss]);
    expect(facets.branches).toHaveLength(2);
  });
});
