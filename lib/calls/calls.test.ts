import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { appointments, callTranscripts, calls, customers, functionTraces } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertBranch, insertService, insertStaff, testPhoneNumber } from "@/db/testing/rows";
import { getCallDetail } from "./detail";
import { type CallListPage, exportCalls, listCalls } from "./list";
import { listLiveCalls } from "./live";
import { sealTranscript } from "./transcripts";

// The calls list, detail and live board on the real database: keyset pages in the index's order
// (newest first, never-started calls last) without loss or duplicates in both directions, every
// filter, the exact caller search, capped counts, branch scope and one company only; the detail
// decrypts the transcript and lists the tool calls; the live board shows running calls only.

type CallSeed = {
  startedAt?: string | null;
  status?: "registered" | "ongoing" | "ended" | "not_connected" | "error";
  branch?: "a" | "b";
  from?: string | null;
  durationS?: number | null;
  sentiment?: string | null;
  direction?: "inbound" | "outbound";
  customerId?: string | null;
};

let company: { id: string; branchId: string };
let branchB: string;
let other: { id: string; branchId: string };
const ids: string[] = [];
let customerId: string;
let bookedCallId: string;
const caller = testPhoneNumber();
const opts = { branchIds: null } as const;

async function insertCalls(companyId: string, branchFor: (b: "a" | "b") => string, rows: CallSeed[]): Promise<string[]> {
  const values = rows.map((r, i) => ({
    id: newId(),
    companyId,
    branchId: branchFor(r.branch ?? "a"),
    retellCallId: `call_list_${newId().replaceAll("-", "")}_${i}`,
    direction: r.direction ?? ("inbound" as const),
    status: r.status ?? ("ended" as const),
    fromNumber: r.from === undefined ? testPhoneNumber() : r.from,
    startedAt: r.startedAt === null ? null : (sql`${r.startedAt ?? "2026-03-01T10:00:00.000000Z"}::timestamptz` as unknown as Date),
    durationMs: r.durationS === null ? null : (r.durationS ?? 60) * 1000,
    sentiment: r.sentiment === undefined ? "Neutral" : r.sentiment,
    customerId: r.customerId ?? null,
  }));
  await withCompany(companyId, (tx) => tx.insert(calls).values(values));
  return values.map((v) => v.id);
}

beforeAll(async () => {
  company = await createTestCompany("Anrufliste");
  other = await createTestCompany("Fremdfirma");
  branchB = await withCompany(company.id, (tx) => insertBranch(tx, company.id));
  customerId = newId();
  await withCompany(company.id, (tx) => tx.insert(customers).values({ id: customerId, companyId: company.id, firstName: "Klara", lastName: "Anruf" }));
  const rows: CallSeed[] = [];
  // 20 calls at one exact instant (ties broken by id), 15 spread, 5 never started, 3 on branch B.
  for (let i = 0; i < 20; i++) rows.push({ startedAt: "2026-03-02T09:00:00.000000Z" });
  for (let i = 0; i < 15; i++) rows.push({ startedAt: `2026-03-${String(i + 3).padStart(2, "0")}T08:00:00.${String(i).padStart(6, "0")}Z`, durationS: 30 + i * 20 });
  for (let i = 0; i < 5; i++) rows.push({ startedAt: null, status: "not_connected", durationS: null, sentiment: null });
  for (let i = 0; i < 3; i++) rows.push({ startedAt: "2026-03-20T12:00:00.000000Z", branch: "b", sentiment: "Negative", direction: "outbound" });
  rows.push({ startedAt: "2026-03-21T12:00:00.000000Z", from: caller, customerId: "x", sentiment: "Positive", durationS: 200 });
  rows[rows.length - 1]!.customerId = customerId;
  ids.push(...(await insertCalls(company.id, (b) => (b === "a" ? company.branchId : branchB), rows)));
  bookedCallId = ids.at(-1)!;
  await withCompany(company.id, async (tx) => {
    const staffId = await insertStaff(tx, company.id, company.branchId);
    const serviceId = await insertService(tx, company.id);
    await tx.insert(appointments).values({
      companyId: company.id,
      branchId: company.branchId,
      staffId,
      serviceId,
      customerId,
      startsAt: new Date("2026-03-25T09:00:00Z"),
      endsAt: new Date("2026-03-25T09:30:00Z"),
      source: "phone",
      bookedByCallId: bookedCallId,
      priceCents: 3500,
    });
  });
  // The other company's calls use the same caller number.
  await insertCalls(other.id, () => other.branchId, [{ from: caller }, { status: "ongoing", startedAt: new Date().toISOString().replace("Z", "000Z") }]);
});

async function walk(state: Record<string, unknown>): Promise<{ pages: CallListPage[]; ids: string[] }> {
  const pages: CallListPage[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 30; guard++) {
    const page = await listCalls(company.id, { ...state, after }, opts);
    pages.push(page);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  return { pages, ids: pages.flatMap((p) => p.rows.map((r) => r.id)) };
}

describe("listCalls", () => {
  it("pages newest first, never-started calls last, without loss or duplicates, and back again", async () => {
    const { pages, ids: seen } = await walk({ size: 25 });
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen).size).toBe(ids.length);
    const started = pages.flatMap((p) => p.rows).map((r) => r.startedAt);
    const firstNull = started.indexOf(null);
    expect(firstNull).toBe(ids.length - 5);
    const times = started.slice(0, firstNull).map((s) => new Date(s!).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(pages[0]!.total).toEqual({ value: ids.length, capped: false });
    // Back from the last page reproduces the earlier pages.
    const last = pages.at(-1)!;
    const back = await listCalls(company.id, { size: 25, before: last.prevCursor }, opts);
    expect(back.rows.map((r) => r.id)).toEqual(pages[0]!.rows.map((r) => r.id));
  });

  it("walks oldest first too", async () => {
    const { ids: seen } = await walk({ size: 25, sort: "started.asc" });
    expect(new Set(seen).size).toBe(ids.length);
    const desc = (await walk({ size: 100 })).ids;
    expect(seen).toEqual([...desc].reverse());
  });

  it("filters by branch, status, direction, sentiment, duration, day range and booked appointment", async () => {
    const count = async (state: Record<string, unknown>) => (await listCalls(company.id, { size: 100, ...state }, opts)).rows.length;
    expect(await count({ branch: [branchB] })).toBe(3);
    expect(await count({ status: ["not_connected"] })).toBe(5);
    expect(await count({ direction: ["outbound"] })).toBe(3);
    expect(await count({ sentiment: ["Negative", "Positive"] })).toBe(4);
    // Spread calls last 30 + 20·i seconds (i = 0…14), the rest 60 s, the booked one 200 s.
    expect(await count({ durMin: 250 })).toBe(4);
    expect(await count({ durMax: 60 })).toBe(25);
    expect(await count({ durMin: 190, durMax: 210 })).toBe(3);
    expect(await count({ from: "2026-03-20", to: "2026-03-21" })).toBe(4);
    expect(await count({ booked: "yes" })).toBe(1);
    expect(await count({ booked: "no" })).toBe(ids.length - 1);
    // As the page's URL loader gives unset keys: null, no filter.
    expect(await count({ durMin: null, durMax: null, from: null, to: null, booked: [], status: [] })).toBe(ids.length);
  });

  it("searches the caller number exactly (any spelling), and says when the text is no number", async () => {
    const national = `0${caller.slice(3, 5)} ${caller.slice(5)}`;
    const page = await listCalls(company.id, { q: national }, opts);
    expect(page.rows.map((r) => r.id)).toEqual([bookedCallId]);
    expect(page.rows[0]).toMatchObject({ customerName: "Klara Anruf", appointmentId: expect.any(String) });
    const bad = await listCalls(company.id, { q: "Klara" }, opts);
    expect(bad).toMatchObject({ rows: [], invalidPhone: true });
  });

  it("keeps to the viewer's branches and to its company; malformed state falls back", async () => {
    expect((await listCalls(company.id, { size: 100 }, { branchIds: [branchB] })).rows).toHaveLength(3);
    expect((await listCalls(company.id, {}, { branchIds: [] })).rows).toHaveLength(0);
    expect((await listCalls(company.id, { size: 100, branch: [other.branchId] }, opts)).rows).toHaveLength(0);
    const foreign = await listCalls(other.id, { q: caller }, opts);
    expect(foreign.rows.map((r) => r.id)).not.toContain(bookedCallId);
    const junk = await listCalls(company.id, { size: "7", sort: "x", after: "%%%", status: "nope", durMin: "-3", from: "2026-02-31" }, opts);
    expect(junk.rows).toHaveLength(ids.length);
  });

  it("exports every selected call in order, batch by batch", async () => {
    const batches = [];
    for await (const batch of exportCalls(company.id, {}, { ...opts, batch: 7 })) batches.push(batch);
    const exported = batches.flat().map((r) => r.id);
    expect(exported).toEqual((await walk({ size: 100 })).ids);
  });
});

describe("getCallDetail", () => {
  it("decrypts the transcript and lists tool calls, booked appointments and the customer", async () => {
    const turns = [
      { role: "agent" as const, content: "Salon Schnittkunst, guten Tag!", startMs: 0, endMs: 1800 },
      { role: "user" as const, content: "Ich hätte gern einen Termin.", startMs: 2100, endMs: 3900 },
    ];
    await withCompany(company.id, async (tx) => {
      await tx.insert(callTranscripts).values({ companyId: company.id, callId: bookedCallId, ...sealTranscript(company.id, turns, { isFinal: true }) });
      await tx.insert(functionTraces).values({
        companyId: company.id,
        callId: bookedCallId,
        toolName: "check_availability",
        rawName: "check_availability_v17",
        arguments: { date: "morgen" },
        result: { ok: true },
        outcome: "ok",
        latencyMs: 42,
      });
    });
    const detail = await getCallDetail(company.id, bookedCallId, opts);
    expect(detail?.transcript).toEqual({ turns, isFinal: true });
    expect(detail?.traces).toMatchObject([{ toolName: "check_availability", rawName: "check_availability_v17", latencyMs: 42, outcome: "ok" }]);
    expect(detail?.appointments).toHaveLength(1);
    expect(detail?.customer).toEqual({ id: customerId, name: "Klara Anruf" });
    expect(detail?.call.fromNumber).toBe(caller);
  });

  it("is not found for another branch, another company or a malformed id", async () => {
    expect(await getCallDetail(company.id, bookedCallId, { branchIds: [branchB] })).toBeNull();
    expect(await getCallDetail(other.id, bookedCallId, opts)).toBeNull();
    expect(await getCallDetail(company.id, "nope", opts)).toBeNull();
    expect(await getCallDetail(company.id, newId(), opts)).toBeNull();
  });
});

describe("listLiveCalls", () => {
  it("shows the company's running calls only, within the viewer's branches", async () => {
    const now = new Date();
    const [live, registered, stale] = await insertCalls(company.id, (b) => (b === "a" ? company.branchId : branchB), [
      { status: "ongoing", startedAt: new Date(now.getTime() - 65_000).toISOString().replace("Z", "000Z") },
      { status: "registered", startedAt: null, branch: "b" },
      { status: "ongoing", startedAt: new Date(now.getTime() - 5 * 3_600_000).toISOString().replace("Z", "000Z") },
    ]);
    const board = await listLiveCalls(company.id, { branchIds: null, now });
    expect(board.calls.map((c) => c.id).sort()).toEqual([live, registered].sort());
    expect(board.calls.map((c) => c.id)).not.toContain(stale);
    const scoped = await listLiveCalls(company.id, { branchIds: [branchB], now });
    expect(scoped.calls.map((c) => c.id)).toEqual([registered]);
    expect((await listLiveCalls(company.id, { branchIds: [], now })).calls).toEqual([]);
    const foreign = await listLiveCalls(other.id, { branchIds: null, now });
    expect(foreign.calls.map((c) => c.id)).not.toContain(live);
  });
});
