import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { auditLog, companies, services, staffServices } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { rejectionOf } from "@/db/testing/fixtures";
import { insertBranch, insertStaff } from "@/db/testing/rows";
import { createApiWorld } from "@/lib/api/testing";
import { createCategory } from "./create-category";
import { createService } from "./create-service";
import { deleteService, restoreService } from "./delete-service";
import { type ServiceListState, exportServices, listServices } from "./list";
import { getService } from "./queries";
import { referenceErrorOf } from "./references";
import { updateService } from "./update-service";

// The service use cases on the real database: create/update/delete/restore, bad input (field
// codes, nothing stored), references and tenancy (another company's service, category or branch),
// the branch manager's scope, and the list with its filters and counts.

const valid = {
  name: "Damenhaarschnitt",
  description: "Waschen, Schneiden, Föhnen",
  durationMinutes: "45",
  bufferBeforeMinutes: "5",
  bufferAfterMinutes: "10",
  price: "35,50",
  minNoticeMinutes: "60",
  bookableByPhone: true,
  bookableOnline: false,
  isActive: true,
  sortOrder: "2",
};

async function category(companyId: string, name = `Kategorie ${newId().slice(-6)}`) {
  const result = await createCategory(companyId, { name });
  if (!result.ok) throw new Error(`createCategory refused: ${JSON.stringify(result)}`);
  return result.category;
}

async function created(companyId: string, input: Record<string, unknown> = {}) {
  const result = await createService(companyId, { ...valid, ...input });
  if (!result.ok) throw new Error(`createService refused: ${JSON.stringify(result.fieldErrors)}`);
  return result.service;
}

const serviceRows = (companyId: string) => withCompany(companyId, (tx) => tx.select().from(services).where(eq(services.companyId, companyId)));
const serviceRow = async (companyId: string, id: string) =>
  (await withCompany(companyId, (tx) => tx.select().from(services).where(and(eq(services.companyId, companyId), eq(services.id, id)))))[0];

describe("createService / updateService", () => {
  it("creates a service in the company's currency, with cents and the actor in the audit trail", async () => {
    const w = await createApiWorld();
    const cat = await category(w.companyId, "Schneiden");
    const result = await createService(w.companyId, { ...valid, categoryId: cat.id, branchId: w.branchId }, { context: { userId: w.adminId, requestId: "req-s1" } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.service).toMatchObject({
      name: "Damenhaarschnitt",
      description: "Waschen, Schneiden, Föhnen",
      categoryId: cat.id,
      branchId: w.branchId,
      durationMinutes: 45,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      priceCents: 3550,
      currency: "EUR",
      minNoticeMinutes: 60,
      bookableByPhone: true,
      bookableOnline: false,
      isActive: true,
      sortOrder: 2,
      deletedAt: null,
    });
    const [audit] = await withCompany(w.companyId, (tx) => tx.select().from(auditLog).where(eq(auditLog.rowId, result.service.id)));
    expect(audit).toMatchObject({ action: "insert", actorUserId: w.adminId, requestId: "req-s1" });
  });

  it("prices new services in the company's currency; blank optional fields take their defaults", async () => {
    const w = await createApiWorld();
    await withCompany(w.companyId, (tx) => tx.update(companies).set({ currency: "CHF" }).where(eq(companies.id, w.companyId)));
    const service = await created(w.companyId, { description: " ", bufferBeforeMinutes: "", bufferAfterMinutes: undefined, minNoticeMinutes: "", sortOrder: "" });
    expect(service).toMatchObject({ currency: "CHF", description: null, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minNoticeMinutes: 0, sortOrder: 0, branchId: null, categoryId: null });
  });

  it("refuses bad input with field codes and stores nothing", async () => {
    const w = await createApiWorld();
    const before = (await serviceRows(w.companyId)).length;
    const refused = (input: Record<string, unknown>) => createService(w.companyId, { ...valid, ...input });
    expect(await refused({ durationMinutes: "-30" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { durationMinutes: "minutes" } });
    expect(await refused({ durationMinutes: "4" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { durationMinutes: "minutes" } });
    expect(await refused({ durationMinutes: "1441" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { durationMinutes: "minutes" } });
    expect(await refused({ price: "12.345" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { price: "price" } });
    expect(await refused({ price: "12,345" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { price: "price" } });
    expect(await refused({ price: "-5" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { price: "price" } });
    expect(await refused({ bufferBeforeMinutes: "-5" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { bufferBeforeMinutes: "minutes" } });
    expect(await refused({ bufferAfterMinutes: "241" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { bufferAfterMinutes: "minutes" } });
    expect(await refused({ categoryId: newId() })).toEqual({ ok: false, reason: "invalid", fieldErrors: { categoryId: "uuid" } });
    expect(await refused({ categoryId: "not-a-uuid" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { categoryId: "uuid" } });
    expect(await refused({ branchId: newId() })).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "uuid" } });
    expect(await refused({ name: "  ", durationMinutes: "", price: "", sortOrder: "1.5" })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: "required", durationMinutes: "required", price: "required", sortOrder: "number" },
    });
    expect(await refused({ name: "x".repeat(101) })).toEqual({ ok: false, reason: "invalid", fieldErrors: { name: "tooLong" } });
    expect(await createService(w.companyId, null)).toMatchObject({ ok: false, reason: "invalid" });
    expect((await serviceRows(w.companyId)).length).toBe(before);
  });

  it("refuses a deleted branch for a new service", async () => {
    const w = await createApiWorld();
    const branchId = await withCompany(w.companyId, (tx) => insertBranch(tx, w.companyId));
    await withCompany(w.companyId, (tx) => tx.execute(`update branches set deleted_at = now() where id = '${branchId}'`));
    expect(await createService(w.companyId, { ...valid, branchId })).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "uuid" } });
  });

  it("updates every field; a blank category or branch clears it; the currency stays", async () => {
    const w = await createApiWorld();
    const cat = await category(w.companyId);
    const service = await created(w.companyId, { categoryId: cat.id, branchId: w.branchId });
    const result = await updateService(w.companyId, service.id, {
      ...valid,
      name: "Herrenhaarschnitt",
      description: "",
      categoryId: "",
      branchId: "",
      durationMinutes: 30,
      price: "22",
      bookableOnline: true,
      isActive: false,
    });
    expect(result).toMatchObject({
      ok: true,
      service: { name: "Herrenhaarschnitt", description: null, categoryId: null, branchId: null, durationMinutes: 30, priceCents: 2200, currency: "EUR", bookableOnline: true, isActive: false },
    });
  });

  it("refuses bad input on update and changes nothing", async () => {
    const w = await createApiWorld();
    const service = await created(w.companyId);
    expect(await updateService(w.companyId, service.id, { ...valid, durationMinutes: "-1" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { durationMinutes: "minutes" } });
    expect(await updateService(w.companyId, service.id, { ...valid, categoryId: newId() })).toEqual({ ok: false, reason: "invalid", fieldErrors: { categoryId: "uuid" } });
    expect(await serviceRow(w.companyId, service.id)).toEqual(service);
    expect(await updateService(w.companyId, "nope", valid)).toEqual({ ok: false, reason: "not_found" });
    expect(await updateService(w.companyId, newId(), valid)).toEqual({ ok: false, reason: "not_found" });
  });

  it("keeps a branch that was deleted after the service was assigned to it", async () => {
    const w = await createApiWorld();
    const branchId = await withCompany(w.companyId, (tx) => insertBranch(tx, w.companyId));
    const service = await created(w.companyId, { branchId });
    await withCompany(w.companyId, (tx) => tx.execute(`update branches set deleted_at = now() where id = '${branchId}'`));
    expect(await updateService(w.companyId, service.id, { ...valid, branchId, name: "Neu" })).toMatchObject({ ok: true, service: { branchId, name: "Neu" } });
  });
});

describe("deleteService / restoreService", () => {
  it("soft-deletes and restores; a deleted service cannot be edited", async () => {
    const w = await createApiWorld();
    const service = await created(w.companyId);
    expect(await deleteService(w.companyId, service.id, { context: { userId: w.adminId } })).toEqual({ ok: true, changed: true });
    expect((await serviceRow(w.companyId, service.id))?.deletedAt).toBeInstanceOf(Date);
    expect(await deleteService(w.companyId, service.id)).toEqual({ ok: true, changed: false });
    expect(await updateService(w.companyId, service.id, valid)).toEqual({ ok: false, reason: "not_found" });
    expect(await restoreService(w.companyId, service.id)).toEqual({ ok: true, changed: true });
    expect((await serviceRow(w.companyId, service.id))?.deletedAt).toBeNull();
    expect(await restoreService(w.companyId, service.id)).toEqual({ ok: true, changed: false });
    expect(await deleteService(w.companyId, "nope")).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("tenancy", () => {
  it("company A cannot read, update, delete or restore B's service, nor use B's category or branch", async () => {
    const a = await createApiWorld("Firma A");
    const b = await createApiWorld("Firma B");
    const theirs = await created(b.companyId);
    const theirCategory = await category(b.companyId);

    expect(await getService(a.companyId, theirs.id)).toBeNull();
    expect(await updateService(a.companyId, theirs.id, { ...valid, name: "Übernommen" })).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteService(a.companyId, theirs.id)).toEqual({ ok: false, reason: "not_found" });
    await deleteService(b.companyId, theirs.id);
    expect(await restoreService(a.companyId, theirs.id)).toEqual({ ok: false, reason: "not_found" });
    const after = await serviceRow(b.companyId, theirs.id);
    expect(after?.name).toBe(theirs.name);
    expect(after?.deletedAt).toBeInstanceOf(Date);

    const before = (await serviceRows(a.companyId)).length;
    expect(await createService(a.companyId, { ...valid, categoryId: theirCategory.id })).toEqual({ ok: false, reason: "invalid", fieldErrors: { categoryId: "uuid" } });
    expect(await createService(a.companyId, { ...valid, branchId: b.branchId })).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "uuid" } });
    const mine = await created(a.companyId);
    expect(await updateService(a.companyId, mine.id, { ...valid, categoryId: theirCategory.id })).toEqual({ ok: false, reason: "invalid", fieldErrors: { categoryId: "uuid" } });
    expect((await serviceRows(a.companyId)).length).toBe(before + 1);

    const list = await listServices(a.companyId, { ...listState, status: ["active", "inactive", "deleted"] });
    expect(list.rows.map((r) => r.id)).not.toContain(theirs.id);
  });

  it("the database's same-company foreign keys refuse B's ids too, mapped to a field error (23503)", async () => {
    const a = await createApiWorld("Firma A");
    const b = await createApiWorld("Firma B");
    const theirCategory = await category(b.companyId);
    const insert = (values: Partial<typeof services.$inferInsert>) =>
      withCompany(a.companyId, (tx) => tx.insert(services).values({ id: newId(), companyId: a.companyId, name: "X", durationMinutes: 30, priceCents: 0, ...values }));
    expect(referenceErrorOf(await rejectionOf(insert({ categoryId: theirCategory.id })))).toEqual({ categoryId: "uuid" });
    expect(referenceErrorOf(await rejectionOf(insert({ branchId: b.branchId })))).toEqual({ branchId: "uuid" });
    expect(referenceErrorOf(new Error("boom"))).toBeUndefined();
  });
});

describe("branch manager scope", () => {
  it("changes only services of its branches; company-wide services stay with the company admin", async () => {
    const w = await createApiWorld();
    const other = await withCompany(w.companyId, (tx) => insertBranch(tx, w.companyId));
    const scope = { branchIds: [w.branchId] };

    expect(await createService(w.companyId, valid, scope)).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "outOfScope" } });
    expect(await createService(w.companyId, { ...valid, branchId: other }, scope)).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "outOfScope" } });
    const own = await createService(w.companyId, { ...valid, branchId: w.branchId }, scope);
    expect(own.ok).toBe(true);
    if (!own.ok) return;
    expect(await updateService(w.companyId, own.service.id, { ...valid, branchId: w.branchId, name: "Geändert" }, scope)).toMatchObject({ ok: true });
    expect(await updateService(w.companyId, own.service.id, { ...valid, branchId: "" }, scope)).toEqual({ ok: false, reason: "invalid", fieldErrors: { branchId: "outOfScope" } });

    const companyWide = await created(w.companyId);
    const otherBranch = await created(w.companyId, { branchId: other });
    for (const id of [companyWide.id, otherBranch.id]) {
      expect(await updateService(w.companyId, id, { ...valid, branchId: w.branchId }, scope)).toEqual({ ok: false, reason: "forbidden" });
      expect(await deleteService(w.companyId, id, scope)).toEqual({ ok: false, reason: "forbidden" });
      expect((await serviceRow(w.companyId, id))?.deletedAt).toBeNull();
    }
    expect(await deleteService(w.companyId, own.service.id, scope)).toEqual({ ok: true, changed: true });
    expect(await restoreService(w.companyId, own.service.id, scope)).toEqual({ ok: true, changed: true });
    // No branches at all: nothing.
    expect(await deleteService(w.companyId, own.service.id, { branchIds: [] })).toEqual({ ok: false, reason: "forbidden" });
  });
});

const listState: ServiceListState = { q: "", sort: "category.asc", size: 50, after: null, before: null, category: [], branch: [], status: [], channel: [] };

describe("listServices", () => {
  it("searches, filters, sorts, counts facets and hides deleted services unless asked", async () => {
    const w = await createApiWorld();
    const [cut, color] = [await category(w.companyId, "Schneiden"), await category(w.companyId, "Färben")];
    const base = { ...valid, bookableByPhone: true, bookableOnline: true };
    const s1 = await created(w.companyId, { ...base, name: "Kurzhaarschnitt", categoryId: cut.id, price: "20", durationMinutes: 30 });
    const s2 = await created(w.companyId, { ...base, name: "Langhaarschnitt", categoryId: cut.id, price: "45", durationMinutes: 60, branchId: w.branchId, bookableOnline: false });
    const s3 = await created(w.companyId, { ...base, name: "Strähnen", categoryId: color.id, price: "80", durationMinutes: 120, bookableByPhone: false });
    const s4 = await created(w.companyId, { ...base, name: "Beratung", price: "0", isActive: false });
    const s5 = await created(w.companyId, { ...base, name: "Alt" });
    await deleteService(w.companyId, s5.id);
    // The world's own service (no category) performed by its staff member; one more staff member for s1.
    const extraStaff = await withCompany(w.companyId, (tx) => insertStaff(tx, w.companyId, w.branchId));
    await withCompany(w.companyId, (tx) => tx.insert(staffServices).values({ companyId: w.companyId, staffId: extraStaff, serviceId: s1.id }));

    const ids = async (state: Partial<ServiceListState>) => (await listServices(w.companyId, { ...listState, ...state })).rows.map((r) => r.id);
    // Category order (Schneiden first: created first), then the service's own order and name; no category last.
    const all = await listServices(w.companyId, listState);
    expect(all.rows.slice(0, 3).map((r) => r.id)).toEqual([s1.id, s2.id, s3.id]);
    expect(all.rows.map((r) => r.id)).not.toContain(s5.id);
    expect(all.rows.find((r) => r.id === s1.id)).toMatchObject({ categoryName: "Schneiden", staffCount: 1, priceCents: 2000, status: "active" });
    expect(all.rows.find((r) => r.id === s2.id)).toMatchObject({ branchName: "Hauptfiliale" });

    expect(await ids({ q: "HAARSCHNITT", sort: "name.asc" })).toEqual([w.serviceId, s1.id, s2.id]);
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ sort: "price.desc", category: [cut.id, color.id] })).toEqual([s3.id, s2.id, s1.id]);
    expect(await ids({ sort: "duration.asc", category: [cut.id] })).toEqual([s1.id, s2.id]);
    expect(await ids({ category: ["none"], sort: "name.asc" })).toEqual([s4.id, w.serviceId]);
    expect(await ids({ branch: [w.branchId] })).toEqual([s2.id]);
    expect((await ids({ branch: ["all"] })).sort()).toEqual([s1.id, s3.id, s4.id, w.serviceId].sort());
    expect(await ids({ status: ["inactive"] })).toEqual([s4.id]);
    expect(await ids({ status: ["deleted"] })).toEqual([s5.id]);
    expect(await ids({ channel: ["online"], category: [cut.id] })).toEqual([s1.id]);
    expect(await ids({ channel: ["phone"], category: [color.id] })).toEqual([]);

    const counted = await listServices(w.companyId, { ...listState, category: [cut.id] });
    expect(counted.counts.status).toEqual({ active: 2, inactive: 0, deleted: 0 });
    expect(counted.counts.category[cut.id]).toBe(2);
    expect(counted.counts.category[color.id]).toBe(1);
    expect(counted.counts.category.none).toBe(2);
    expect(counted.counts.channel).toEqual({ phone: 2, online: 1 });

    // Malformed state falls back to defaults instead of failing.
    const odd = await listServices(w.companyId, { ...listState, sort: "evil" as never, category: ["x"], status: ["gone" as never], size: 7 as never });
    expect(odd.rows.length).toBe(5);

    // Pages by offset cursor.
    const first = await listServices(w.companyId, { ...listState, size: 25 });
    expect(first.nextCursor).toBeNull();
    expect(first.total).toEqual({ value: 5, capped: false });

    const exported: string[] = [];
    for await (const batch of exportServices(w.companyId, { ...listState, status: ["deleted"] })) exported.push(...batch.map((r) => r.name));
    expect(exported).toEqual(["Alt"]);
  });
});
