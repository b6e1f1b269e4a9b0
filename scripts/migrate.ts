// npm run db:migrate – apply drizzle/ migrations as the owner (advisory lock, lock_timeout,
// every run recorded in migration_runs).
import { openDatabase } from "@/db";
import { runMigrations } from "@/db/migrate";

const handle = await openDatabase({ role: "owner" });
try {
  const where = handle.kind === "pglite" ? "embedded database" : "PostgreSQL server";
  const result = await runMigrations(handle, { log: (m) => console.log(`[migrate] ${m}`) });
  console.log(
    `[migrate] ${where}: ${result.applied.length} applied, ${result.skipped} already up to date`,
  );
} catch (error) {
  console.error(`[migrate] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
