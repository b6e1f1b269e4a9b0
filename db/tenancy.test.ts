import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import { APP_ROLE, asRuntime, CompanyScopeError, rowsOf, runtimeDatabase, type Tx, withCompany } from "@/db";
import { branches, companies } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import {
  createTestCompany,
  messagesOf,
  ownerHandle,
  rejectionOf,
  sqlStateOf,
} from "@/db/testing/fixtures";
import {
  createRow,
  prepareRow,
  readOnlyRowFactoryFor,
  type Row,
  rowFactoryFor,
  schemaTables,
  whereKey,
} from "@/db/testing/rows";

// Tenancy is enforced by PostgreSQL (design.md §4). These tests read the catalog rather than a
// list of tables, so a table added later without forced RLS, a policy, a row factory or a
// deliberate grant decision fails here by name.

const onServer = Boolean(process.env.DATABASE_URL);

type CatalogTable = {
  name: string;
  rls: boolean;
  forced: boolean;
  partition: boolean;
  hasCompanyId: boolean;
};

type CatalogPolicy = {
  table: string;
  name: string;
  cmd: string;
  permissive: boolean;
  roles: string;
  using: string | null;
  check: string | null;
};

async function readCatalog() {
  const owner = await ownerHandle();
  const tables = await owner.sql.query<CatalogTable>(`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
           c.relispartition as partition,
           exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'company_id' and a.attnum > 0 and not a.attisdropped)
             as "hasCompanyId"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname`);
  const policies = await owner.sql.query<CatalogPolicy>(`
    select c.relname as table, p.polname as name, p.polcmd::text as cmd, p.polpermissive as permissive,
           array_to_string(array(select case r when 0 then 'public' else pg_get_userbyid(r)::text end
                                   from unnest(p.polroles) r order by 1), ',') as roles,
           pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as check
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public'
     order by c.relname, p.polname`);
  return { tables, policies };
}

// Collected before the tests are defined: the isolation matrix has one test per company table.
const catalog = await readCatalog();
const companyTables = catalog.tables.filter((t) => t.hasCompanyId).map((t) => t.name);
/** Company tables only the system writes (the runtime role may only read them): their own matrix. */
const readOnlyTables = companyTables.filter((name) => readOnlyRowFactoryFor(name) !== undefined);
/** Tenant tables and the column their policy compares with the current company. */
const tenantKeys = new Map<string, string>([["companies", "id"], ...companyTables.map((t) => [t, "company_id"] as const)]);

/** Global tables the runtime role may touch, and how. Every other table without company_id: nothing. */
const GLOBAL_GRANTS: Record<string, string[]> = { feature_flags: ["SELECT"] };
const PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];

/** Awaits a promise expected to be refused by row-level security or a missing grant. */
async function expectRefused(promise: Promise<unknown>, kind: RegExp = /row-level security|permission denied/) {
  const error = await rejectionOf(promise);
  const state = sqlStateOf(error);
  const messages = messagesOf(error);
  if (state !== "42501" && !kind.test(messages)) {
    throw new Error(`expected SQLSTATE 42501 (${kind}), got ${state ?? "no SQLSTATE"}: ${messages}`);
  }
  expect(messages).toMatch(kind);
}

describe("catalog", () => {
  it("finds the company tables in the catalog", () => {
    // A floor, not the list: the core schema has these; later issues add more.
    expect(companyTables).toEqual(expect.arrayContaining(["branches", "customers", "appointments", "users"]));
  });

  it("every table with company_id, and companies, has RLS enabled and forced and a tenant policy", () => {
    const failures: string[] = [];
    for (const [name, key] of tenantKeys) {
      const table = catalog.tables.find((t) => t.name === name);
      if (!table) {
        failures.push(`${name}: missing`);
        continue;
      }
      if (!table.rls) failures.push(`${name}: row-level security is not enabled (call app_enable_tenant_rls in its migration)`);
      if (!table.forced) failures.push(`${name}: row-level security is not forced (call app_enable_tenant_rls in its migration)`);
      const policies = catalog.policies.filter((p) => p.table === name);
      // A policy that reaches the runtime role: granted to PUBLIC or to askpro_app.
      const forApp = policies.filter((p) => p.roles.split(",").some((r) => r === "public" || r === APP_ROLE));
      const tenantExpr = new RegExp(`^\\(?${key} = app_current_company_id\\(\\)\\)?$`);
      const tenant = forApp.filter(
        (p) => p.cmd === "*" && p.permissive && tenantExpr.test(p.using ?? "") && tenantExpr.test(p.check ?? ""),
      );
      if (tenant.length === 0) failures.push(`${name}: no policy "${key} = app_current_company_id()" for all commands`);
      // Permissive policies are OR-ed: any other one reaching the runtime role widens what it sees.
      for (const p of forApp.filter((p) => p.permissive && !tenant.includes(p))) {
        if (!/app_current_company_id\(\)/.test(`${p.using ?? ""}`) || (p.check !== null && !/app_current_company_id\(\)/.test(p.check))) {
          failures.push(`${name}: permissive policy ${p.name} (${p.using} / ${p.check}) reaches ${APP_ROLE} without the company`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("the runtime role has no grant on global tables beyond the listed ones, and never TRUNCATE or TRIGGER", async () => {
    const owner = await ownerHandle();
    const rows = await owner.sql.query<{ table: string; privilege: string }>(
      `select c.relname as table, p.privilege
         from pg_class c join pg_namespace n on n.oid = c.relnamespace,
              unnest($1::text[]) as p(privilege)
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
          and has_table_privilege($2, c.oid, p.privilege)
        order by 1, 2`,
      [PRIVILEGES, APP_ROLE],
    );
    const unexpected = rows
      .filter(({ table, privilege }) => {
        if (privilege === "TRUNCATE" || privilege === "TRIGGER" || privilege === "REFERENCES") return true; // TRUNCATE ignores RLS
        if (tenantKeys.has(table)) return false;
        return !(GLOBAL_GRANTS[table] ?? []).includes(privilege);
      })
      .map(({ table, privilege }) => `${APP_ROLE} has ${privilege} on ${table}`);
    expect(unexpected).toEqual([]);
    const [schemaCreate] = await owner.sql.query<{ create: boolean }>(
      "select has_schema_privilege($1, 'public', 'CREATE') as create",
      [APP_ROLE],
    );
    expect(schemaCreate?.create).toBe(false);
  });

  it("the runtime role is askpro_app: no superuser, no BYPASSRLS, owns nothing, member of no role", async () => {
    const a = await createTestCompany("Rolle");
    const [me] = await withCompany(a.id, async (tx) =>
      rowsOf<{ name: string; super: boolean; bypass: boolean; tables: number; other: number; memberOf: number }>(
        await tx.execute(sql`
          select current_user as name, r.rolsuper as super, r.rolbypassrls as bypass,
                 (select count(*)::int from pg_class c where c.relowner = r.oid) as tables,
                 (select count(*)::int from pg_proc p where p.proowner = r.oid)
                   + (select count(*)::int from pg_namespace s where s.nspowner = r.oid)
                   + (select count(*)::int from pg_type t where t.typowner = r.oid) as other,
                 (select count(*)::int from pg_auth_members m where m.member = r.oid) as "memberOf"
            from pg_roles r where r.rolname = current_user`),
      ),
    );
    expect(me).toEqual({ name: APP_ROLE, super: false, bypass: false, tables: 0, other: 0, memberOf: 0 });
    // Without a company (asRuntime, as the platform wrappers use it) it is the same role.
    const handle = await runtimeDatabase();
    const [plain] = await asRuntime(handle, async (db) =>
      rowsOf<{ name: string }>(await db.execute(sql`select current_user as name`)),
    );
    expect(plain?.name).toBe(APP_ROLE);
  });

  // On PGlite the single session belongs to the superuser and withCompany only switches the role
  // for the transaction, so SQL inside it could switch back: there the boundary is the helper,
  // not the database (db/index.ts). On a server the connection itself is askpro_app.
  it.runIf(onServer)("the runtime role cannot become another role", async () => {
    const a = await createTestCompany("Flucht");
    for (const attempt of [
      sql`set role askpro_platform`,
      sql`set local role askpro_platform`,
      sql`select set_config('role', 'postgres', true)`,
      sql`select set_config('role', 'askpro_platform', false)`,
      sql`set session authorization postgres`,
    ]) {
      await expectRefused(
        withCompany(a.id, (tx) => tx.execute(attempt)),
        /permission denied/,
      );
    }
  });

  it("withCompany refuses a company id that is not a uuid", async () => {
    await expect(withCompany("' or true --", async () => 1)).rejects.toThrow(TypeError);
    await expect(withCompany("", async () => 1)).rejects.toThrow(TypeError);
  });

  it("withCompany's setting reaches fn's very first query and ends with the transaction", async () => {
    const a = await createTestCompany("Reihenfolge");
    const userId = "01a20000-0000-7000-8000-000000000001";
    const first = await withCompany(
      a.id,
      async (tx) =>
        rowsOf<{ company: string; user: string; request: string }>(
          await tx.execute(sql`select current_setting('app.company_id', true) as company,
                                      current_setting('app.user_id', true) as "user",
                                      current_setting('app.request_id', true) as request`),
        )[0],
      { userId, requestId: "req-42" },
    );
    expect(first).toEqual({ company: a.id, user: userId, request: "req-42" });
    const handle = await runtimeDatabase();
    const after = await asRuntime(handle, async (db) =>
      rowsOf<{ company: string | null }>(await db.execute(sql`select app_current_company_id() as company`)),
    );
    expect(after[0]?.company).toBeNull();
  });

  it("a failing fn rolls the whole transaction back", async () => {
    const a = await createTestCompany("Rollback");
    await expect(
      withCompany(a.id, async (tx) => {
        await tx.update(companies).set({ name: "geändert" }).where(sql`true`);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const [row] = await withCompany(a.id, (tx) => tx.select({ name: companies.name }).from(companies));
    expect(row?.name).not.toBe("geändert");
  });
});

describe("withCompany inside an existing transaction (context.tx)", () => {
  const settingsOf = async (tx: Tx) =>
    rowsOf<{ company: string; user: string; request: string }>(
      await tx.execute(sql`select current_setting('app.company_id', true) as company,
                                  current_setting('app.user_id', true) as "user",
                                  current_setting('app.request_id', true) as request`),
    )[0];
  const companyName = (id: string) =>
    withCompany(id, async (tx) => (await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, id)))[0]?.name);
  const branchName = (companyId: string, id: string) =>
    withCompany(companyId, async (tx) => (await tx.select({ name: branches.name }).from(branches).where(eq(branches.id, id)))[0]?.name);

  it("the same company: fn runs in the outer transaction (a savepoint of it), sees and keeps its writes, with the acting user and request", async () => {
    const a = await createTestCompany("Innen");
    const userId = "01a20000-0000-7000-8000-000000000002";
    const seen = await withCompany(
      a.id,
      async (tx) => {
        await tx.update(companies).set({ name: "Außen geändert" }).where(eq(companies.id, a.id));
        const inner = await withCompany(
          a.id,
          async (sp) => {
            // The outer write is visible: the same transaction, not a second one.
            const [company] = await sp.select({ name: companies.name }).from(companies).where(eq(companies.id, a.id));
            await sp.update(branches).set({ name: "Innen geändert" }).where(eq(branches.id, a.branchId));
            // A savepoint of the savepoint is still this company's.
            const deeper = await withCompany(a.id, settingsOf, { tx: sp });
            return { company: company?.name, settings: await settingsOf(sp), deeper };
          },
          { tx, userId, requestId: "req-inner" },
        );
        const [branch] = await tx.select({ name: branches.name }).from(branches).where(eq(branches.id, a.branchId));
        return { ...inner, branchAfter: branch?.name };
      },
      { requestId: "req-outer" },
    );
    expect(seen).toEqual({
      company: "Außen geändert",
      settings: { company: a.id, user: userId, request: "req-inner" },
      deeper: { company: a.id, user: userId, request: "req-inner" },
      branchAfter: "Innen geändert",
    });
    // Committed with the outer transaction.
    expect(await companyName(a.id)).toBe("Außen geändert");
    expect(await branchName(a.id, a.branchId)).toBe("Innen geändert");
  });

  it("refuses a transaction of another company or of none; fn does not run and the outer transaction goes on", async () => {
    const a = await createTestCompany("Fremd A");
    const b = await createTestCompany("Fremd B");
    const beforeA = await branchName(a.id, a.branchId);
    let ran = 0;
    const touchA = async (tx: Tx) => {
      ran++;
      await tx.update(branches).set({ name: "von B geändert" }).where(eq(branches.id, a.branchId));
    };
    await withCompany(b.id, async (tx) => {
      await expect(withCompany(a.id, touchA, { tx })).rejects.toThrow(CompanyScopeError);
      // The refusal rolled back only its savepoint: B's transaction is still usable and B's own.
      await tx.update(branches).set({ name: "B nach der Weigerung" }).where(eq(branches.id, b.branchId));
      expect(await settingsOf(tx)).toMatchObject({ company: b.id });
    });
    // A transaction with no company at all (the runtime's own, outside withCompany).
    const runtime = await runtimeDatabase();
    await expect(runtime.db.transaction((tx) => withCompany(a.id, touchA, { tx }))).rejects.toThrow(
      /not scoped to a company/,
    );
    expect(ran).toBe(0);
    expect(await branchName(a.id, a.branchId)).toBe(beforeA);
    expect(await branchName(b.id, b.branchId)).toBe("B nach der Weigerung");
    // Malformed ids are refused before anything runs, as without tx.
    await withCompany(b.id, async (tx) => {
      await expect(withCompany("nope", touchA, { tx })).rejects.toThrow(TypeError);
      await expect(withCompany(b.id, touchA, { tx, requestId: "bad id!" })).rejects.toThrow(TypeError);
    });
    expect(ran).toBe(0);
  });

  it("a failure inside rolls back only the inner part, also a database error (the outer transaction is not aborted)", async () => {
    const a = await createTestCompany("Teil");
    const beforeBranch = await branchName(a.id, a.branchId);
    await withCompany(a.id, async (tx) => {
      await tx.update(companies).set({ name: "Außen bleibt" }).where(eq(companies.id, a.id));
      await expect(
        withCompany(
          a.id,
          async (sp) => {
            await sp.update(branches).set({ name: "Innen weg" }).where(eq(branches.id, a.branchId));
            throw new Error("inner boom");
          },
          { tx },
        ),
      ).rejects.toThrow("inner boom");
      await expect(
        withCompany(
          a.id,
          async (sp) => {
            await sp.update(branches).set({ name: "Innen auch weg" }).where(eq(branches.id, a.branchId));
            await sp.execute(sql`select 1 / 0`);
          },
          { tx },
        ),
      ).rejects.toSatisfy((error) => sqlStateOf(error) === "22012");
      // Both savepoints are gone, the outer transaction works on.
      const [branch] = await tx.select({ name: branches.name }).from(branches).where(eq(branches.id, a.branchId));
      expect(branch?.name).toBe(beforeBranch);
    });
    expect(await companyName(a.id)).toBe("Außen bleibt");
    expect(await branchName(a.id, a.branchId)).toBe(beforeBranch);
  });
});

describe("isolation matrix: company B cannot reach company A's rows", () => {
  it("without a company set, the runtime role sees no row of any tenant table", async () => {
    await createTestCompany("Ohne");
    const handle = await runtimeDatabase();
    const counts = await asRuntime(handle, async (db) => {
      const out: Record<string, number> = {};
      for (const name of tenantKeys.keys()) {
        const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`));
        out[name] = row?.n ?? -1;
      }
      return out;
    });
    expect(counts).toEqual(Object.fromEntries([...tenantKeys.keys()].map((name) => [name, 0])));
  });

  it("companies: B sees, changes and claims only itself; the runtime role cannot delete companies", async () => {
    const a = await createTestCompany("A");
    const b = await createTestCompany("B");
    const snapshotA = () => withCompany(a.id, (tx) => tx.select().from(companies).where(eq(companies.id, a.id)));
    const before = await snapshotA();
    expect(before).toHaveLength(1);

    const seen = await withCompany(b.id, async (tx) => rowsOf<Row>(await tx.execute(sql`select * from companies`)));
    expect(seen.map((r) => r.id)).toEqual([b.id]);

    // eslint-disable-next-line drizzle/enforce-update-with-where -- the forgotten where is the point
    const updated = await withCompany(b.id, (tx) => tx.update(companies).set({ plan: "enterprise" }).returning());
    expect(updated.map((r) => r.id)).toEqual([b.id]);
    const aimed = await withCompany(b.id, (tx) =>
      tx.update(companies).set({ plan: "enterprise" }).where(eq(companies.id, a.id)).returning(),
    );
    expect(aimed).toEqual([]);
    expect(await snapshotA()).toEqual(before);

    // A company row other than the current one: neither A's id nor a new one.
    for (const id of [a.id, newId()]) {
      await expectRefused(
        withCompany(b.id, (tx) => tx.insert(companies).values({ id, name: "Fremd", slug: `fremd-${id}` })),
        /row-level security/,
      );
    }
    await expectRefused(
      withCompany(b.id, (tx) => tx.update(companies).set({ id: a.id }).where(eq(companies.id, b.id))),
      /row-level security/,
    );
    await expectRefused(
      withCompany(b.id, (tx) => tx.delete(companies).where(eq(companies.id, b.id))),
      /permission denied/,
    );
    await expectRefused(
      // eslint-disable-next-line drizzle/enforce-delete-with-where -- the forgotten where is the point
      withCompany(b.id, (tx) => tx.delete(companies)),
      /permission denied/,
    );
    expect(await snapshotA()).toEqual(before);
  });

  it.each(
    companyTables.filter((name) => !catalog.tables.find((t) => t.name === name)?.partition && !readOnlyTables.includes(name)),
  )(
    "%s",
    async (name) => {
      const f = rowFactoryFor(name); // fails with "add a row factory for table …"
      const table = f.table;
      expect(getTableConfig(table).name).toBe(name);
      const a = await createTestCompany("A");
      const b = await createTestCompany("B");
      const rowA = await createRow(name, a.id);
      const rowB = await createRow(name, b.id);

      const snapshotA = () => withCompany(a.id, (tx) => tx.select().from(table).where(whereKey(table, rowA)));
      const countA = () =>
        withCompany(a.id, async (tx) => rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${table}`)));
      const before = await snapshotA();
      const countBefore = await countA();
      expect(before).toHaveLength(1);

      // select with no where, raw and through the query builder: only B's rows (and B's row is there).
      const seenRaw = await withCompany(b.id, async (tx) => rowsOf<Row>(await tx.execute(sql`select * from ${table}`)));
      expect(seenRaw.length).toBeGreaterThan(0);
      expect(seenRaw.filter((r) => r.company_id !== b.id)).toEqual([]);
      const seen = (await withCompany(b.id, (tx) => tx.select().from(table))) as Row[];
      expect(seen.filter((r) => r.companyId !== b.id)).toEqual([]);
      const aimedRead = await withCompany(b.id, (tx) => tx.select().from(table).where(whereKey(table, rowA)));
      expect(aimedRead).toEqual([]);

      // update with no where, and one aimed at A's row: only B's rows change.
      const updated = (await withCompany(b.id, (tx) =>
        // eslint-disable-next-line drizzle/enforce-update-with-where -- the forgotten where is the point
        tx.update(table).set(f.patch as never).returning(),
      )) as Row[];
      expect(updated.length).toBeGreaterThan(0);
      expect(updated.filter((r) => r.companyId !== b.id)).toEqual([]);
      const aimedUpdate = await withCompany(b.id, (tx) =>
        tx.update(table).set(f.patch as never).where(whereKey(table, rowA)).returning(),
      );
      expect(aimedUpdate).toEqual([]);
      expect(await snapshotA()).toEqual(before);

      // insert a row of A while acting as B (a row valid for A in every other respect).
      const payload = await prepareRow(name, a.id);
      await expectRefused(withCompany(b.id, (tx) => tx.insert(table).values(payload as never)), /row-level security/);
      expect(await withCompany(a.id, (tx) => tx.select().from(table).where(whereKey(table, payload)))).toEqual([]);

      // move B's own row over to A.
      await expectRefused(
        withCompany(b.id, (tx) => tx.update(table).set({ companyId: a.id } as never).where(whereKey(table, rowB))),
        /row-level security/,
      );

      // delete with no where, and one aimed at A's row: A's row survives.
      const aimedDelete = await withCompany(b.id, (tx) => tx.delete(table).where(whereKey(table, rowA)).returning());
      expect(aimedDelete).toEqual([]);
      const deleted = (await withCompany(b.id, (tx) =>
        // eslint-disable-next-line drizzle/enforce-delete-with-where -- the forgotten where is the point
        tx.delete(table).returning(),
      )) as Row[];
      expect(deleted.length).toBeGreaterThan(0);
      expect(deleted.filter((r) => r.companyId !== b.id)).toEqual([]);
      expect(await snapshotA()).toEqual(before);
      expect(await countA()).toEqual(countBefore);
    },
  );

  it("every table declared in db/schema with a company_id has a row factory", () => {
    const missing = [...schemaTables.keys()].filter((name) => companyTables.includes(name)).filter((name) => {
      if (readOnlyRowFactoryFor(name)) return false;
      try {
        rowFactoryFor(name);
        return false;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });
});

describe("read-only to the runtime role: company B can neither see nor write company A's rows", () => {
  it("the read-only tables are exactly those where the runtime role has SELECT and nothing else", async () => {
    const owner = await ownerHandle();
    const rows = await owner.sql.query<{ table: string; privileges: string[] }>(
      `select c.relname as table,
              array(select p from unnest($1::text[]) p where has_table_privilege($2, c.oid, p) order by p) as privileges
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relname = any($3::text[])
        order by 1`,
      [["SELECT", "INSERT", "UPDATE", "DELETE"], APP_ROLE, companyTables],
    );
    const selectOnly = rows.filter((r) => r.privileges.join(",") === "SELECT").map((r) => r.table);
    expect(selectOnly).toEqual([...readOnlyTables].sort());
  });

  it.each(readOnlyTables)("%s", async (name) => {
    const f = readOnlyRowFactoryFor(name)!;
    const table = f.table;
    expect(getTableConfig(table).name).toBe(name);
    const a = await createTestCompany("A");
    const b = await createTestCompany("B");
    const rowA = await f.create(a.id);
    const rowB = await f.create(b.id);

    const snapshotA = () => withCompany(a.id, (tx) => tx.select().from(table).where(whereKey(table, rowA)));
    const countA = () =>
      withCompany(a.id, async (tx) => rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${table}`)));
    const snapshotB = () => withCompany(b.id, (tx) => tx.select().from(table).where(whereKey(table, rowB)));
    // A sees its own row.
    const before = await snapshotA();
    expect(before).toHaveLength(1);
    const countBefore = await countA();
    const beforeB = await snapshotB();

    // B: select with no where, raw and through the query builder, sees only B's rows (its own is there).
    const seenRaw = await withCompany(b.id, async (tx) => rowsOf<Row>(await tx.execute(sql`select * from ${table}`)));
    expect(seenRaw.filter((r) => r.company_id !== b.id)).toEqual([]);
    expect(seenRaw.some((r) => String(r.id) === String(rowB.id))).toBe(true);
    const seen = (await withCompany(b.id, (tx) => tx.select().from(table))) as Row[];
    expect(seen.filter((r) => r.companyId !== b.id)).toEqual([]);
    expect(await withCompany(b.id, (tx) => tx.select().from(table).where(whereKey(table, rowA)))).toEqual([]);

    // Every write is refused by the missing grant, whatever it aims at: A's row, B's own, none.
    const refused = [
      () => withCompany(b.id, (tx) => tx.insert(table).values(f.values(a.id) as never)),
      () => withCompany(b.id, (tx) => tx.insert(table).values(f.values(b.id) as never)),
      () => withCompany(b.id, (tx) => tx.update(table).set(f.patch as never).where(whereKey(table, rowA))),
      () => withCompany(b.id, (tx) => tx.update(table).set(f.patch as never).where(whereKey(table, rowB))),
      // eslint-disable-next-line drizzle/enforce-update-with-where -- the forgotten where is the point
      () => withCompany(b.id, (tx) => tx.update(table).set(f.patch as never)),
      () => withCompany(b.id, (tx) => tx.update(table).set({ companyId: a.id } as never).where(whereKey(table, rowB))),
      () => withCompany(b.id, (tx) => tx.delete(table).where(whereKey(table, rowA))),
      () => withCompany(b.id, (tx) => tx.delete(table).where(whereKey(table, rowB))),
      // eslint-disable-next-line drizzle/enforce-delete-with-where -- the forgotten where is the point
      () => withCompany(b.id, (tx) => tx.delete(table)),
      () => withCompany(b.id, (tx) => tx.execute(sql`truncate ${table}`)),
    ];
    // One at a time: attempts started together would reject before anyone awaited them.
    for (const attempt of refused) {
      const error = await rejectionOf(attempt());
      expect(sqlStateOf(error), messagesOf(error)).toBe("42501");
      expect(messagesOf(error)).toMatch(/permission denied/);
    }

    // A's row (and B's) unchanged; A still sees exactly what it saw.
    expect(await snapshotA()).toEqual(before);
    expect(await countA()).toEqual(countBefore);
    expect(await snapshotB()).toEqual(beforeB);
  });
});

/** 23503 foreign_key_violation, from postgres.js or PGlite, wrapped by drizzle or not. */
function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === "23503";
}

describe("references across companies", () => {
  // Foreign-key checks bypass RLS, so every reference to a company-owned parent is a composite
  // key (company_id, x_id) → parent (company_id, id): a row can only point into its own company.
  it("B cannot point its own rows at A's branch, customer or agent", async () => {
    const a = await createTestCompany("A");
    const b = await createTestCompany("B");
    const staffOfB = { ...(await prepareRow("staff", b.id)), branchId: a.branchId };
    await expect(
      withCompany(b.id, (tx) => tx.insert(rowFactoryFor("staff").table).values(staffOfB as never)),
    ).rejects.toSatisfy(isForeignKeyViolation);
    const numberOfB = { ...(await prepareRow("phone_numbers", b.id)), branchId: a.branchId };
    await expect(
      withCompany(b.id, (tx) => tx.insert(rowFactoryFor("phone_numbers").table).values(numberOfB as never)),
    ).rejects.toSatisfy(isForeignKeyViolation);
    const customerOfA = (await prepareRow("customers", a.id)) as { id?: string };
    await withCompany(a.id, (tx) => tx.insert(rowFactoryFor("customers").table).values(customerOfA as never));
    const appointmentOfB = { ...(await prepareRow("appointments", b.id)), customerId: customerOfA.id };
    await expect(
      withCompany(b.id, (tx) => tx.insert(rowFactoryFor("appointments").table).values(appointmentOfB as never)),
    ).rejects.toSatisfy(isForeignKeyViolation);
  });
});

describe("private tables without company_id", () => {
  const keyColumn: Record<string, string> = { user_two_factor: "user_id", webhook_event_keys: "event_id" };
  for (const name of [
    "password_resets",
    "sign_in_attempts",
    "user_sessions",
    "user_two_factor",
    "user_recovery_codes",
    "migration_runs",
    "webhook_event_keys",
  ]) {
    it(`${name}: the runtime role has no privilege at all`, async () => {
      const a = await createTestCompany("Privat");
      const t = sql.identifier(name);
      for (const statement of [
        sql`select * from ${t} limit 1`,
        sql`select count(*) from ${t}`,
        sql`insert into ${t} default values`,
        sql`update ${t} set ${sql.identifier(keyColumn[name] ?? "id")} = default where false`,
        sql`delete from ${t}`,
        sql`truncate ${t}`,
      ]) {
        await expectRefused(
          withCompany(a.id, (tx) => tx.execute(statement)),
          /permission denied/,
        );
      }
      const handle = await runtimeDatabase();
      await expectRefused(
        asRuntime(handle, (db) => db.execute(sql`select * from ${t} limit 1`)),
        /permission denied/,
      );
    });
  }
});

describe("the webhook inbox's month partitions", () => {
  // They live in schema webhook_partitions (askpro_platform's): the parent's forced RLS and
  // grants are the only way in, so the runtime role must not reach a partition directly.
  it("exist for the current month, belong to askpro_platform, and the runtime role cannot touch them", async () => {
    const owner = await ownerHandle();
    const partitions = await owner.sql.query<{ name: string; owner: string }>(
      `select c.relname as name, pg_get_userbyid(c.relowner)::text as owner
         from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_namespace n on n.oid = c.relnamespace
        where i.inhparent = 'public.webhook_events'::regclass and n.nspname = 'webhook_partitions'
        order by 1`,
    );
    const month = new Date().toISOString().slice(0, 7).replace("-", "_");
    expect(partitions.map((p) => p.name)).toContain(`webhook_events_${month}`);
    expect(new Set(partitions.map((p) => p.owner))).toEqual(new Set(["askpro_platform"]));
    const a = await createTestCompany("Partition");
    await expectRefused(
      withCompany(a.id, (tx) => tx.execute(sql`select count(*) from ${sql.identifier("webhook_partitions")}.${sql.identifier(`webhook_events_${month}`)}`)),
      /permission denied/,
    );
  });
});
