import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { branches, companies } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { archiveCompany, restoreCompany } from "./archive-company";
import { createCompany } from "./create-company";
import { getCompany, listCompanies } from "./list";
import { updateCompany } from "./update-company";
import { createCompanyAdmin, createPlatformAdmin, tag } from "./test-support";

// Companies as the platform admin sees them, on the real database through the named platform
// functions: bad input is a field error and stores nothing, a taken slug is "taken", and only an
// active platform admin gets anywhere (the database checks, not only the page).

const input = (overrides: Record<string, unknown> = {}) => ({
  name: `Salon ${tag()}`,
  slug: `salon-${tag()}`,
  status: "trial",
  plan: "starter",
  locale: "de",
  timeZone: "Europe/Berlin",
  currency: "EUR",
  contactEmail: "Kontakt@Example.test",
  contactPhone: "030 1234567",
  branchName: "Hauptfiliale",
  ...overrides,
});

async function companiesWithSlug(slug: string) {
  const owner = await ownerHandle();
  return owner.sql.query<{ id: string }>("select id from companies where slug = $1", [slug]);
}

describe("createCompany", () => {
  it("creates the company with its first branch, normalized contact data", async () => {
    const admin = await createPlatformAdmin();
    const values = input({ slug: `Neu-${tag()}` });
    const result = await createCompany(values, { userId: admin.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const company = await getCompany(admin.id, result.id);
    expect(company).toMatchObject({
      name: values.name,
      slug: (values.slug as string).toLowerCase(),
      status: "trial",
      plan: "starter",
      contactEmail: "kontakt@example.test",
      contactPhone: "+49301234567",
      branchCount: 1,
      deletedAt: null,
    });
    const [branch] = await withCompany(result.id, (tx) => tx.select().from(branches).where(eq(branches.companyId, result.id)));
    expect(branch).toMatchObject({ name: "Hauptfiliale", timeZone: "Europe/Berlin", locale: "de" });
  });

  it("refuses a bad slug, an unknown zone, plan, currency or a bad phone as field errors, storing nothing", async () => {
    const admin = await createPlatformAdmin();
    const slug = `ok-${tag()}`;
    const result = await createCompany(
      input({ slug: "Bad Slug!", timeZone: "Europe/Atlantis", plan: "gold", currency: "DM", contactPhone: "12ab", contactEmail: "nope", name: " " }),
      { userId: admin.id },
    );
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { slug: "slug", timeZone: "timeZone", plan: "plan", currency: "currency", contactPhone: "phone", contactEmail: "email", name: "required" },
    });
    expect(await createCompany(input({ slug: "a" }), { userId: admin.id })).toMatchObject({ fieldErrors: { slug: "slug" } });
    expect(await createCompany(input({ slug, status: "archived" }), { userId: admin.id })).toMatchObject({ fieldErrors: { status: "status" } });
    expect(await companiesWithSlug(slug)).toEqual([]);
  });

  it("maps a taken slug to the field error \"taken\" and stores nothing", async () => {
    const admin = await createPlatformAdmin();
    const slug = `doppelt-${tag()}`;
    expect((await createCompany(input({ slug }), { userId: admin.id })).ok).toBe(true);
    const second = await createCompany(input({ slug, name: "Zweite" }), { userId: admin.id });
    expect(second).toEqual({ ok: false, reason: "invalid", fieldErrors: { slug: "taken" } });
    expect(await companiesWithSlug(slug)).toHaveLength(1);
  });

  it("is refused by the database to a company admin and an unknown user", async () => {
    const company = await createTestCompany("Mandant");
    const companyAdmin = await createCompanyAdmin(company.id);
    const slug = `fremd-${tag()}`;
    expect(await createCompany(input({ slug }), { userId: companyAdmin.id })).toEqual({ ok: false, reason: "forbidden" });
    expect(await createCompany(input({ slug }), { userId: newId() })).toEqual({ ok: false, reason: "forbidden" });
    expect(await companiesWithSlug(slug)).toEqual([]);
    await expect(listCompanies(companyAdmin.id, {})).rejects.toThrow();
  });
});

describe("updateCompany, archiveCompany, restoreCompany", () => {
  it("changes master data; a taken slug or bad zone is a field error and changes nothing", async () => {
    const admin = await createPlatformAdmin();
    const a = await createCompany(input(), { userId: admin.id });
    const bValues = input();
    const b = await createCompany(bValues, { userId: admin.id });
    if (!a.ok || !b.ok) throw new Error("setup");
    const changed = input({ name: "Umbenannt", status: "active", plan: "enterprise", locale: "en", timeZone: "Europe/Vienna", currency: "CHF", contactPhone: "" });
    expect(await updateCompany(a.id, changed, { userId: admin.id })).toEqual({ ok: true });
    expect(await getCompany(admin.id, a.id)).toMatchObject({ name: "Umbenannt", status: "active", plan: "enterprise", locale: "en", currency: "CHF", contactPhone: null });

    expect(await updateCompany(a.id, input({ slug: bValues.slug }), { userId: admin.id })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { slug: "taken" },
    });
    expect(await updateCompany(a.id, input({ timeZone: "Mars/Olympus" }), { userId: admin.id })).toMatchObject({ fieldErrors: { timeZone: "timeZone" } });
    expect(await getCompany(admin.id, a.id)).toMatchObject({ name: "Umbenannt", timeZone: "Europe/Vienna" });
    expect(await updateCompany(newId(), input(), { userId: admin.id })).toEqual({ ok: false, reason: "not_found" });
    expect(await updateCompany("not-a-uuid", input(), { userId: admin.id })).toEqual({ ok: false, reason: "not_found" });
  });

  it("archives (hidden from the list, status archived, deleted_at) and restores the status it had", async () => {
    const admin = await createPlatformAdmin();
    const created = await createCompany(input({ status: "active", name: `Archiv ${tag()}` }), { userId: admin.id });
    if (!created.ok) throw new Error("setup");
    const name = (await getCompany(admin.id, created.id))!.name;
    expect(await archiveCompany(created.id, { userId: admin.id })).toEqual({ ok: true, status: "archived" });
    expect(await getCompany(admin.id, created.id)).toMatchObject({ status: "archived", deletedAt: expect.any(Date) });
    expect((await listCompanies(admin.id, { q: name })).rows).toEqual([]);
    expect((await listCompanies(admin.id, { q: name, archived: true })).rows.map((r) => r.id)).toEqual([created.id]);
    // Archived: no second archive, no edit.
    expect(await archiveCompany(created.id, { userId: admin.id })).toEqual({ ok: false, reason: "not_found" });
    expect(await updateCompany(created.id, input(), { userId: admin.id })).toEqual({ ok: false, reason: "not_found" });

    expect(await restoreCompany(created.id, { userId: admin.id })).toEqual({ ok: true, status: "active" });
    const restored = await getCompany(admin.id, created.id);
    expect(restored).toMatchObject({ status: "active", deletedAt: null });
    const [row] = await withCompany(created.id, (tx) => tx.select({ settings: companies.settings }).from(companies));
    expect(row?.settings).toEqual({});
    expect(await restoreCompany(created.id, { userId: admin.id })).toEqual({ ok: false, reason: "not_found" });
  });

  it("refuses a company admin, even for its own company", async () => {
    const company = await createTestCompany("Selbst");
    const companyAdmin = await createCompanyAdmin(company.id);
    expect(await updateCompany(company.id, input(), { userId: companyAdmin.id })).toEqual({ ok: false, reason: "forbidden" });
    expect(await archiveCompany(company.id, { userId: companyAdmin.id })).toEqual({ ok: false, reason: "forbidden" });
    const [row] = await withCompany(company.id, (tx) => tx.select().from(companies));
    expect(row).toMatchObject({ status: "active", deletedAt: null });
  });
});

describe("listCompanies", () => {
  it("searches name and slug, filters by status, sorts and pages", async () => {
    const admin = await createPlatformAdmin();
    const word = `zz${tag()}`;
    for (const [n, status] of [["Anton", "trial"], ["Berta", "active"], ["Cäsar", "suspended"]] as const) {
      const r = await createCompany(input({ name: `${n} ${word}`, slug: `${n.toLowerCase().replace("ä", "ae")}-${word}`, status }), { userId: admin.id });
      expect(r.ok).toBe(true);
    }
    const all = await listCompanies(admin.id, { q: word, sort: "name.asc" });
    expect(all.rows.map((r) => r.name)).toEqual([`Anton ${word}`, `Berta ${word}`, `Cäsar ${word}`]);
    expect(all.total).toEqual({ value: 3, capped: false });
    expect((await listCompanies(admin.id, { q: word.toUpperCase(), sort: "name.desc" })).rows[0]?.name).toBe(`Cäsar ${word}`);
    expect((await listCompanies(admin.id, { q: `berta-${word}` })).rows.map((r) => r.slug)).toEqual([`berta-${word}`]);
    expect((await listCompanies(admin.id, { q: word, status: "trial,suspended" })).rows).toHaveLength(2);
    // "%" and "_" are literal in a search.
    expect((await listCompanies(admin.id, { q: `${word}%` })).rows).toEqual([]);

    const first = await listCompanies(admin.id, { q: word, sort: "name.asc", size: 25 });
    expect(first.prevCursor).toBeNull();
    expect(first.nextCursor).toBeNull();
    // Garbage in the URL falls back to defaults.
    expect((await listCompanies(admin.id, { q: word, sort: "bogus", after: "%%%", status: "nope" })).rows).toHaveLength(3);
  });
});
