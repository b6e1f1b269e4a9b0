import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { serviceCategories, services } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createApiWorld } from "@/lib/api/testing";
import { createCategory } from "./create-category";
import { createService } from "./create-service";
import { deleteCategory } from "./delete-category";
import { deleteService } from "./delete-service";
import { listCategories } from "./queries";
import { renameCategory } from "./rename-category";
import { reorderCategories } from "./reorder-categories";

// Service categories on the real database: create (placed last, names unique per company
// ignoring case), rename, reorder, delete (refused while services use it), the company-wide scope
// they need, and tenancy.

const service = { name: "Schnitt", durationMinutes: 30, price: "30" };

async function made(companyId: string, name: string) {
  const result = await createCategory(companyId, { name });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.category;
}

const names = async (companyId: string) => (await listCategories(companyId)).map((c) => c.name);
const rows = (companyId: string) =>
  withCompany(companyId, (tx) => tx.select().from(serviceCategories).where(eq(serviceCategories.companyId, companyId)).orderBy(asc(serviceCategories.sortOrder)));

describe("service categories", () => {
  it("creates categories in order, refuses blank and duplicate names, renames", async () => {
    const w = await createApiWorld();
    const cut = await made(w.companyId, "Schneiden");
    const color = await made(w.companyId, "Färben");
    expect([cut.sortOrder, color.sortOrder]).toEqual([0, 1]);
    expect(await createCategory(w.companyId, { name: "  " })).toEqual({ ok: false, reason: "invalid", fieldErrors: { name: "required" } });
    expect(await createCategory(w.companyId, { name: "x".repeat(61) })).toEqual({ ok: false, reason: "invalid", fieldErrors: { name: "tooLong" } });
    expect(await createCategory(w.companyId, { name: "färben" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { name: "taken" } });
    expect(await names(w.companyId)).toEqual(["Schneiden", "Färben"]);

    expect(await renameCategory(w.companyId, color.id, { name: "Schneiden" })).toEqual({ ok: false, reason: "invalid", fieldErrors: { name: "taken" } });
    expect(await renameCategory(w.companyId, color.id, { name: "Farbe" })).toMatchObject({ ok: true, category: { name: "Farbe" } });
    expect(await renameCategory(w.companyId, color.id, { name: "FARBE" })).toMatchObject({ ok: true, category: { name: "FARBE" } });
    expect(await renameCategory(w.companyId, newId(), { name: "Neu" })).toEqual({ ok: false, reason: "not_found" });
  });

  it("reorders: the given ids first, the others after in their order; unknown ids refuse all", async () => {
    const w = await createApiWorld();
    const [a, b, c] = [await made(w.companyId, "A"), await made(w.companyId, "B"), await made(w.companyId, "C")];
    expect(await reorderCategories(w.companyId, [c.id, a.id, b.id])).toEqual({ ok: true });
    expect(await names(w.companyId)).toEqual(["C", "A", "B"]);
    expect(await reorderCategories(w.companyId, [b.id])).toEqual({ ok: true });
    expect(await names(w.companyId)).toEqual(["B", "C", "A"]);
    expect(await reorderCategories(w.companyId, [a.id, newId()])).toEqual({ ok: false, reason: "not_found" });
    expect(await reorderCategories(w.companyId, [a.id, a.id])).toEqual({ ok: false, reason: "invalid" });
    expect(await reorderCategories(w.companyId, "nope")).toEqual({ ok: false, reason: "invalid" });
    expect(await names(w.companyId)).toEqual(["B", "C", "A"]);
  });

  it("refuses to delete a category with services; deletes it once they are gone (deleted ones lose it)", async () => {
    const w = await createApiWorld();
    const cut = await made(w.companyId, "Schneiden");
    const one = await createService(w.companyId, { ...service, categoryId: cut.id });
    const two = await createService(w.companyId, { ...service, name: "Zwei", categoryId: cut.id });
    if (!one.ok || !two.ok) throw new Error("setup");
    expect((await listCategories(w.companyId))[0]?.serviceCount).toBe(2);
    expect(await deleteCategory(w.companyId, cut.id)).toEqual({ ok: false, reason: "in_use", count: 2 });
    await deleteService(w.companyId, one.service.id);
    expect(await deleteCategory(w.companyId, cut.id)).toEqual({ ok: false, reason: "in_use", count: 1 });
    await deleteService(w.companyId, two.service.id);
    expect(await deleteCategory(w.companyId, cut.id)).toEqual({ ok: true });
    expect(await rows(w.companyId)).toEqual([]);
    const [kept] = await withCompany(w.companyId, (tx) => tx.select().from(services).where(and(eq(services.companyId, w.companyId), eq(services.id, one.service.id))));
    expect(kept).toMatchObject({ categoryId: null });
    expect(await deleteCategory(w.companyId, cut.id)).toEqual({ ok: false, reason: "not_found" });
  });

  it("needs a company-wide scope: a branch manager may not change categories", async () => {
    const w = await createApiWorld();
    const cut = await made(w.companyId, "Schneiden");
    const scope = { branchIds: [w.branchId] };
    expect(await createCategory(w.companyId, { name: "X" }, scope)).toEqual({ ok: false, reason: "forbidden" });
    expect(await renameCategory(w.companyId, cut.id, { name: "X" }, scope)).toEqual({ ok: false, reason: "forbidden" });
    expect(await reorderCategories(w.companyId, [cut.id], scope)).toEqual({ ok: false, reason: "forbidden" });
    expect(await deleteCategory(w.companyId, cut.id, scope)).toEqual({ ok: false, reason: "forbidden" });
    expect(await names(w.companyId)).toEqual(["Schneiden"]);
  });

  it("company A cannot see, rename, reorder or delete B's categories", async () => {
    const a = await createApiWorld("Firma A");
    const b = await createApiWorld("Firma B");
    const theirs = await made(b.companyId, "Geheim");
    await made(a.companyId, "Geheim");
    expect(await names(a.companyId)).toEqual(["Geheim"]);
    expect(await renameCategory(a.companyId, theirs.id, { name: "Übernommen" })).toEqual({ ok: false, reason: "not_found" });
    expect(await reorderCategories(a.companyId, [theirs.id])).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteCategory(a.companyId, theirs.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await rows(b.companyId)).toMatchObject([{ id: theirs.id, name: "Geheim", sortOrder: 0 }]);
  });
});
