import "server-only";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { DatabaseHandle, SqlClient } from "./index";

// Applies drizzle/ migrations one transaction each, so every run is recorded on its own in
// migration_runs (name, start, duration, outcome). Bookkeeping stays compatible with
// drizzle-kit's migrator (drizzle.__drizzle_migrations), so either tool sees the same state.
// Two concurrent runs: the second waits on an advisory lock, then finds nothing left to do.

export const MIGRATION_LOCK_KEY = 4_247_117_301; // arbitrary, fixed: "askproai migrations"

export type MigrateOptions = {
  folder?: string;
  /** How long to wait for another run's lock before giving up. */
  lockWaitMs?: number;
  /** lock_timeout for migration statements: a migration never queues behind live traffic forever. */
  lockTimeout?: string;
  log?: (message: string) => void;
};

export type MigrateResult = { applied: string[]; skipped: number };

export async function runMigrations(handle: DatabaseHandle, options: MigrateOptions = {}): Promise<MigrateResult> {
  const folder = resolve(options.folder ?? "drizzle");
  const log = options.log ?? (() => {});
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder: folder });
  const migrations = files.map((file, i) => ({ ...file, name: journal.entries[i]!.tag }));

  // The lock, BEGIN … COMMIT and the statements must share one session.
  const connection = await handle.reserve();
  const { sql } = connection;
  try {
    await acquireLock(sql, options.lockWaitMs ?? 10 * 60_000, log);
  } catch (error) {
    connection.release();
    throw error;
  }
  try {
    if (!/^\d+(ms|s|min)?$/.test(options.lockTimeout ?? "10s")) throw new Error("invalid lockTimeout");
    await sql.exec(`SET lock_timeout = '${options.lockTimeout ?? "10s"}'`);
    await sql.exec(`CREATE SCHEMA IF NOT EXISTS drizzle;
      CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
    // By timestamp set rather than "newer than the last": a migration merged late with an older
    // timestamp is applied, and an applied one edited afterwards (new hash) is not run twice.
    const done = new Set(
      (await sql.query<{ created_at: string }>("select created_at from drizzle.__drizzle_migrations")).map((r) =>
        Number(r.created_at),
      ),
    );
    const pending = migrations.filter((m) => !done.has(m.folderMillis));
    const applied: string[] = [];
    for (const migration of pending) {
      const startedAt = new Date();
      const t0 = performance.now();
      try {
        await sql.exec("BEGIN");
        for (const statement of migration.sql) {
          if (statement.trim()) await sql.exec(statement);
        }
        await sql.query("insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)", [
          migration.hash,
          migration.folderMillis,
        ]);
        await recordRun(sql, migration.name, startedAt, t0, "applied", null);
        await sql.exec("COMMIT");
        applied.push(migration.name);
        log(`applied ${migration.name} in ${Math.round(performance.now() - t0)} ms`);
      } catch (error) {
        await sql.exec("ROLLBACK").catch(() => {});
        const message = error instanceof Error ? error.message : String(error);
        await recordRun(sql, migration.name, startedAt, t0, "failed", message).catch(() => {});
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${message}`, { cause: error });
      }
    }
    return { applied, skipped: migrations.length - pending.length };
  } finally {
    await sql.exec("RESET lock_timeout").catch(() => {});
    await sql.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    connection.release();
  }
}

async function acquireLock(sql: SqlClient, waitMs: number, log: (m: string) => void) {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    const [row] = await sql.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [MIGRATION_LOCK_KEY]);
    if (row?.locked) return;
    if (Date.now() > deadline) throw new Error(`Another migration run held the lock for over ${waitMs} ms`);
    if (!told) log("another migration run is in progress; waiting for it");
    told = true;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function recordRun(
  sql: SqlClient,
  name: string,
  startedAt: Date,
  t0: number,
  outcome: "applied" | "failed",
  error: string | null,
) {
  // migration_runs is created by the first migration, inside the transaction that records it.
  const [exists] = await sql.query<{ t: string | null }>("select to_regclass('public.migration_runs') as t");
  if (!exists?.t) return;
  await sql.query(
    "insert into migration_runs (name, started_at, duration_ms, outcome, error) values ($1, $2, $3, $4, $5)",
    [name, startedAt.toISOString(), Math.round(performance.now() - t0), outcome, error],
  );
}
