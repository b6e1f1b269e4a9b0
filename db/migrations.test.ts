import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db";
import { MIGRATION_LOCK_KEY, runMigrations } from "@/db/migrate";
import { ownerHandle } from "@/db/testing/fixtures";
import { schemaTables } from "@/db/testing/rows";

// The schema is built from empty by drizzle/ alone (design.md §3): the TypeScript schema and the
// SQL agree, every table comes from a migration, and the migrator records and serializes runs.

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const drizzleDir = join(root, "drizzle");
/** The owner URL of the test server (global-setup migrated its database); unset on PGlite. */
const serverUrl = process.env.TEST_DATABASE_URL;

type Journal = { version: string; dialect: string; entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] };
const journal = JSON.parse(readFileSync(join(drizzleDir, "meta/_journal.json"), "utf8")) as Journal;
const migrationNames = journal.entries.map((e) => e.tag);

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

function copyOfMigrations() {
  const dir = mkdtempSync(join(tmpdir(), "askpro-drizzle-"));
  cpSync(drizzleDir, dir, { recursive: true });
  return dir;
}

/** A database of its own: a new database on the test server, or an empty in-memory PGlite. */
async function scratchDatabase() {
  if (serverUrl) {
    const name = `askpro_scratch_${process.pid}_${randomUUID().slice(0, 8)}`;
    const admin = await ownerHandle();
    await admin.sql.exec(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handles: DatabaseHandle[] = [];
    return {
      open: async () => {
        const handle = await openDatabase({ role: "owner", url: url.toString() });
        handles.push(handle);
        return handle;
      },
      drop: async () => {
        await Promise.all(handles.map((h) => h.close().catch(() => {})));
        await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  // Not the migrated template the other test files start from: an empty database.
  vi.stubEnv("PGLITE_TEMPLATE", undefined);
  try {
    const handle = await openDatabase({ role: "owner", pgliteDir: "memory://" });
    return { open: async () => handle, drop: () => handle.close() };
  } finally {
    vi.unstubAllEnvs();
  }
}

describe("schema and migrations", () => {
  it("agree: drizzle-kit generate on a copy of drizzle/ finds no schema changes", async () => {
    const out = copyOfMigrations();
    try {
      const before = listFiles(out).sort();
      // drizzle-kit 0.31 prefixes --out with "./": an absolute path breaks, so pass it relative.
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [
          join(root, "node_modules/drizzle-kit/bin.cjs"),
          "generate",
          "--dialect",
          "postgresql",
          "--schema",
          "./db/schema/index.ts",
          "--out",
          relative(root, out),
          "--casing",
          "snake_case",
        ],
        { cwd: root, timeout: 60_000, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } },
      );
      const output = `${stdout}\n${stderr}`;
      const after = listFiles(out).sort();
      expect(after, `drizzle-kit generated new files:\n${output}`).toEqual(before);
      expect(readFileSync(join(out, "meta/_journal.json"), "utf8")).toBe(
        readFileSync(join(drizzleDir, "meta/_journal.json"), "utf8"),
      );
      expect(output).toMatch(/No schema changes/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 90_000);

  it("every table in the database was created by a migration, and every schema table exists", async () => {
    const created = new Set<string>();
    for (const file of readdirSync(drizzleDir).filter((f) => f.endsWith(".sql"))) {
      const text = readFileSync(join(drizzleDir, file), "utf8");
      for (const m of text.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"?public"?\.)?"?([A-Za-z_][\w$]*)"?/gi)) {
        created.add(m[1]!.toLowerCase());
      }
    }
    const owner = await ownerHandle();
    const tables = (
      await owner.sql.query<{ name: string }>(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
      )
    ).map((r) => r.name);
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter((t) => !created.has(t)), "tables no migration creates").toEqual([]);
    expect([...schemaTables.keys()].length).toBeGreaterThan(0);
    expect([...schemaTables.keys()].filter((t) => !tables.includes(t)), "db/schema tables missing in the database").toEqual([]);
  });

  it("records each migration in migration_runs (name, start, duration, outcome)", async () => {
    const owner = await ownerHandle();
    const runs = await owner.sql.query<{ name: string; started_at: Date | string; duration_ms: number; outcome: string }>(
      "select name, started_at, duration_ms, outcome from migration_runs order by id",
    );
    for (const name of migrationNames) {
      const applied = runs.filter((r) => r.name === name && r.outcome === "applied");
      expect(applied, `migration_runs rows for ${name}`).toHaveLength(1);
      expect(Number.isNaN(new Date(applied[0]!.started_at).getTime())).toBe(false);
      expect(applied[0]!.duration_ms).toBeGreaterThanOrEqual(0);
    }
    const [bookkeeping] = await owner.sql.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    expect(bookkeeping?.n).toBe(migrationNames.length);
  });
});

describe("the migrator", () => {
  it.runIf(serverUrl)(
    "two concurrent runs on a new database: one waits, none fails, each migration applied once",
    async () => {
      const db = await scratchDatabase();
      try {
        const [first, second, holder] = [await db.open(), await db.open(), await db.open()];
        // Hold the migrator's advisory lock (MIGRATION_LOCK_KEY) so both runs must wait.
        await holder.sql.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        const logs: string[][] = [[], []];
        const runs = [first, second].map((handle, i) =>
          runMigrations(handle, { log: (m) => logs[i]!.push(m), lockWaitMs: 60_000 }),
        );
        await vi.waitFor(() => expect(logs.map((l) => l.some((m) => /waiting/.test(m)))).toEqual([true, true]), {
          timeout: 10_000,
        });
        await holder.sql.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
        const results = await Promise.all(runs);
        const counts = results.map((r) => r.applied.length).sort();
        expect(counts).toEqual([0, migrationNames.length]);
        expect(results.find((r) => r.applied.length === 0)?.skipped).toBe(migrationNames.length);
        expect(results.find((r) => r.applied.length > 0)?.applied).toEqual(migrationNames);

        const [bookkeeping] = await holder.sql.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
        expect(bookkeeping?.n).toBe(migrationNames.length);
        const runsByName = await holder.sql.query<{ name: string; outcome: string; n: number }>(
          "select name, outcome::text, count(*)::int as n from migration_runs group by 1, 2 order by 1, 2",
        );
        expect(runsByName).toEqual(migrationNames.map((name) => ({ name, outcome: "applied", n: 1 })));
        // The lock was released: a third run gets it at once and has nothing to do.
        expect(await runMigrations(holder, { lockWaitMs: 1_000 })).toEqual({ applied: [], skipped: migrationNames.length });
      } finally {
        await db.drop();
      }
    },
    120_000,
  );

  it("a failing migration is rolled back, recorded as failed and named; earlier ones stay applied", async () => {
    const folder = copyOfMigrations();
    const db = await scratchDatabase();
    try {
      const last = journal.entries.at(-1)!;
      const broken = { idx: last.idx + 1, version: last.version, when: last.when + 1_000, tag: "9999_broken_probe", breakpoints: true };
      writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: [...journal.entries, broken] }, null, 2));
      writeFileSync(
        join(folder, `${broken.tag}.sql`),
        `CREATE TABLE "broken_probe" ("id" uuid PRIMARY KEY NOT NULL);\n--> statement-breakpoint\nALTER TABLE "no_such_table" ADD COLUMN "x" integer;\n`,
      );
      const handle = await db.open();
      const [empty] = await handle.sql.query<{ t: string | null }>("select to_regclass('public.customers')::text as t");
      expect(empty?.t, "the scratch database starts empty").toBeNull();
      await expect(runMigrations(handle, { folder })).rejects.toThrow(/Migration 9999_broken_probe failed and was rolled back/);

      const runs = await handle.sql.query<{ name: string; outcome: string; error: string | null }>(
        "select name, outcome::text, error from migration_runs order by id",
      );
      expect(runs.map((r) => [r.name, r.outcome])).toEqual([
        ...migrationNames.map((name) => [name, "applied"]),
        [broken.tag, "failed"],
      ]);
      expect(runs.at(-1)?.error).toMatch(/no_such_table/);
      const [state] = await handle.sql.query<{ n: number; probe: string | null; customers: string | null }>(
        `select (select count(*)::int from drizzle.__drizzle_migrations) as n,
                to_regclass('public.broken_probe')::text as probe, to_regclass('public.customers')::text as customers`,
      );
      expect(state).toEqual({ n: migrationNames.length, probe: null, customers: "customers" });

      // Nothing is left half-done or locked: the real folder finds everything applied.
      const again = await (serverUrl ? db.open() : Promise.resolve(handle));
      expect(await runMigrations(again, { lockWaitMs: 1_000 })).toEqual({ applied: [], skipped: migrationNames.length });
    } finally {
      await db.drop();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
