import "server-only";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { type ExtractTablesWithRelations, sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { readDbConfig } from "./config";
import { preparing } from "./prepared";
import * as schema from "./schema";

// The only place in the code base that creates a database client (design.md §3).
//   - DATABASE_URL set: postgres.js, connected as the runtime role (askpro_app).
//   - otherwise: embedded in-process PGlite in a git-ignored data folder (.data/pglite).
// The runtime client is never handed out: company data is reached through withCompany() and
// cross-company lookups through the named functions in db/platform.ts.

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Plain SQL access for the migrator, catalog checks and tests. */
export type SqlClient = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters. */
  exec(text: string): Promise<void>;
};

export type DatabaseHandle = {
  kind: "postgres" | "pglite";
  role: "app" | "owner";
  /**
   * PGlite has a single superuser session, so the runtime takes askpro_app transaction-locally
   * (withCompany, asRuntime). On PostgreSQL the connection itself is askpro_app: null.
   */
  localRole: string | null;
  db: Database;
  sql: SqlClient;
  /**
   * One connection for a session-level sequence (advisory lock, BEGIN … COMMIT): postgres.js
   * reserves one from its pool; PGlite has only one.
   */
  reserve(): Promise<{ sql: SqlClient; release(): void }>;
  /** PGlite only: the data dir as a gzipped tarball (a migrated template for tests). */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
};

export const APP_ROLE = "askpro_app";

export type OpenOptions = {
  /** app: the runtime role under RLS; owner: the migrating role (migrations, seeds, benchmarks). */
  role: "app" | "owner";
  /** Overrides DATABASE_URL / MIGRATION_DATABASE_URL. */
  url?: string;
  /** Overrides PGLITE_DIR when no URL is configured; "memory://" for an in-memory database. */
  pgliteDir?: string;
  /** A PGlite data-dir dump (tar.gz) to start from: tests load a migrated template this way. */
  pgliteTemplate?: string;
  /** postgres.js pool size. */
  max?: number;
};

export class DatabaseSetupError extends Error {
  override name = "DatabaseSetupError";
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const config = readDbConfig();
  const url =
    options.url ?? (options.role === "owner" ? config.MIGRATION_DATABASE_URL : undefined) ?? config.DATABASE_URL;
  const handle = url
    ? openPostgres(url, options)
    : await openPglite(options.pgliteDir ?? config.PGLITE_DIR, options, options.pgliteTemplate ?? config.PGLITE_TEMPLATE);
  if (options.role === "app") {
    try {
      await assertUnprivileged(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

function openPostgres(url: string, options: OpenOptions): DatabaseHandle {
  const client = postgres(url, {
    max: options.max ?? (options.role === "app" ? 10 : 1),
    onnotice: () => {},
    connection: { application_name: `askproai-${options.role}`, plan_cache_mode: "force_custom_plan" },
  });
  const sqlOf = (c: postgres.Sql): SqlClient => ({
    query: async <T>(text: string, params: unknown[] = []) =>
      [...(await c.unsafe(text, params as postgres.ParameterOrJSON<never>[]))] as T[],
    exec: async (text) => {
      await c.unsafe(text).simple();
    },
  });
  return {
    kind: "postgres",
    role: options.role,
    localRole: null,
    // Ordinary parameterized queries as prepared statements: one round trip each (db/prepared.ts).
    db: drizzlePostgres({ client: preparing(client), schema, casing: "snake_case" }) as unknown as Database,
    sql: sqlOf(client),
    reserve: async () => {
      const reserved = await client.reserve();
      return { sql: sqlOf(reserved), release: () => reserved.release() };
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string, options: OpenOptions, template?: string): Promise<DatabaseHandle> {
  const inMemory = dir.includes("://");
  const dataDir = inMemory ? dir : resolve(dir);
  if (!inMemory) mkdirSync(dirname(dataDir), { recursive: true });
  const loadDataDir = template ? new Blob([readFileSync(template)]) : undefined;
  // btree_gist: the appointments' exclusion constraint (drizzle/0017) compares uuids in GiST.
  const client = await PGlite.create(dataDir, { extensions: { btree_gist }, ...(loadDataDir ? { loadDataDir } : {}) });
  if (options.role === "app") {
    const exists = await client.query("select 1 from pg_roles where rolname = $1", [APP_ROLE]);
    if (exists.rows.length === 0) {
      await client.close();
      throw new DatabaseSetupError(
        `The embedded database in ${dataDir} has not been migrated (role ${APP_ROLE} is missing). Run: npm run db:migrate`,
      );
    }
  }
  const pgliteSql: SqlClient = {
    query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
    exec: async (text) => {
      await client.exec(text);
    },
  };
  return {
    kind: "pglite",
    role: options.role,
    localRole: options.role === "app" ? APP_ROLE : null,
    db: drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database,
    sql: pgliteSql,
    reserve: async () => ({ sql: pgliteSql, release: () => {} }),
    dump: async () => (await client.dumpDataDir("gzip")) as Blob,
    close: () => client.close(),
  };
}

/** The runtime must be subject to RLS: refuse a superuser, BYPASSRLS or a table owner. */
async function assertUnprivileged(handle: DatabaseHandle) {
  const [me] = await asRuntime(handle, async (tx) =>
    rowsOf<{ name: string; super: boolean; bypass: boolean; owned: number }>(
      await tx.execute(sql`select current_user as name, r.rolsuper as super, r.rolbypassrls as bypass,
            (select count(*)::int from pg_class c where c.relowner = r.oid and c.relkind in ('r', 'p')) as owned
       from pg_roles r where r.rolname = current_user`),
    ),
  );
  if (!me) throw new DatabaseSetupError("Could not read the database role of the runtime connection.");
  if (me.super || me.bypass || me.owned > 0) {
    throw new DatabaseSetupError(
      `DATABASE_URL connects as role "${me.name}", which ${me.super ? "is a superuser" : me.bypass ? "has BYPASSRLS" : `owns ${me.owned} tables`} and would bypass row-level security. ` +
        `Connect as ${APP_ROLE} (created by the migrations) and give the owner's URL to MIGRATION_DATABASE_URL.`,
    );
  }
}

// --- the runtime singleton -------------------------------------------------------------------

type RuntimeState = { handle?: Promise<DatabaseHandle> };
const runtime = ((globalThis as { __askproDb?: RuntimeState }).__askproDb ??= {});

/** The runtime connection (role askpro_app), opened on first use, never at build time. */
export function runtimeDatabase(): Promise<DatabaseHandle> {
  runtime.handle ??= openDatabase({ role: "app" }).catch((error: unknown) => {
    runtime.handle = undefined;
    throw error;
  });
  return runtime.handle;
}

/** Closes the runtime connection (scripts and tests; a process with PGlite open does not exit). */
export async function closeRuntimeDatabase() {
  const pending = runtime.handle;
  runtime.handle = undefined;
  if (pending) await (await pending).close();
}

// --- tenancy ---------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CompanyContext = {
  /** The acting user and request, for the audit trail. */
  userId?: string;
  requestId?: string;
  /** Run on this handle instead of the runtime connection (scripts, tests, benchmarks). */
  handle?: DatabaseHandle;
  /**
   * Run inside this transaction instead of opening one: it must already be scoped to the same
   * company (withCompany's own, or a savepoint of it), else withCompany refuses it. fn runs in a
   * savepoint of it, so a use case behaves as on its own: what it throws undoes only its own
   * writes and leaves tx usable (a caught exclusion violation, say). The voice tools run the
   * portal's use cases this way inside their idempotency transaction. handle is then ignored.
   */
  tx?: Tx;
};

/** withCompany was handed a transaction of another company, or of none. */
export class CompanyScopeError extends Error {
  override name = "CompanyScopeError";
}

/**
 * Runs fn in a transaction that can see and write only the rows of one company: the company is
 * set transaction-locally, and PostgreSQL's forced row-level security does the rest. With
 * context.tx: a savepoint of that transaction, which must be this company's already.
 */
export async function withCompany<T>(
  companyId: string,
  fn: (tx: Tx) => Promise<T>,
  context: CompanyContext = {},
): Promise<T> {
  if (!UUID.test(companyId)) throw new TypeError(`withCompany: "${companyId}" is not a company id`);
  for (const value of [context.userId, context.requestId]) {
    if (value !== undefined && (value.length > 200 || !/^[\w.:-]+$/.test(value))) {
      throw new TypeError("withCompany: malformed user or request id");
    }
  }
  if (context.tx) return inSavepoint(context.tx, companyId, fn, context);
  const handle = context.handle ?? (await runtimeDatabase());
  const params = [companyId, context.userId ?? "", context.requestId ?? ""];
  return handle.db.transaction(async (tx) => {
    if (handle.kind === "pglite") {
      // In-process: there is no round trip to save.
      const [company, user, request] = params;
      await tx.execute(
        sql`select set_config('role', ${handle.localRole ?? "none"}, true), set_config('app.company_id', ${company}, true),
                   set_config('app.user_id', ${user}, true), set_config('app.request_id', ${request}, true)`,
      );
      return fn(tx);
    }
    // postgres.js: send the setting on the transaction's connection now, without waiting for its
    // answer; fn's first query follows it down the same connection, so the pair costs one round
    // trip. (Drizzle exposes the transaction's postgres.js client only as session.client.)
    const client = (tx as unknown as { session: { client: postgres.Sql } }).session.client;
    const setting = client.unsafe(SET_CONTEXT, params).execute();
    const [, result] = await Promise.all([setting, fn(tx)]);
    return result;
  });
}

/**
 * withCompany inside an existing transaction: a savepoint, after checking in the database that
 * the transaction's company is this one (one statement, which also sets the acting user and
 * request when given; a refusal rolls the savepoint and those settings back). The role is the
 * outer transaction's: the runtime's, since only withCompany sets a company.
 */
async function inSavepoint<T>(outer: Tx, companyId: string, fn: (tx: Tx) => Promise<T>, context: CompanyContext): Promise<T> {
  return outer.transaction(async (sp) => {
    const settings = [
      ...(context.userId !== undefined ? [sql`, set_config('app.user_id', ${context.userId}, true)`] : []),
      ...(context.requestId !== undefined ? [sql`, set_config('app.request_id', ${context.requestId}, true)`] : []),
    ];
    const [scope] = rowsOf<{ company: string | null }>(
      await sp.execute(sql`select current_setting('app.company_id', true) as company${sql.join(settings)}`),
    );
    const current = scope?.company ?? "";
    if (current.toLowerCase() !== companyId.toLowerCase()) {
      throw new CompanyScopeError(
        current
          ? "withCompany: the transaction given belongs to another company"
          : "withCompany: the transaction given is not scoped to a company",
      );
    }
    return fn(sp);
  });
}

const SET_CONTEXT = `select set_config('app.company_id', $1, true), set_config('app.user_id', $2, true),
  set_config('app.request_id', $3, true)`;

/**
 * Runs fn as the runtime role without a company: for the named platform functions only
 * (db/platform.ts). On PostgreSQL the connection already is that role.
 */
export async function asRuntime<T>(handle: DatabaseHandle, fn: (db: Database | Tx) => Promise<T>): Promise<T> {
  if (!handle.localRole) return fn(handle.db);
  const role = handle.localRole;
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${role}, true)`);
    return fn(tx);
  });
}

/** Rows of a db.execute() result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export { schema };
