// npm run db:reset – throw away the embedded database (then: npm run db:migrate && npm run db:seed).
// Refuses to touch a PostgreSQL server: drop that database yourself if you mean it.
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { readDbConfig } from "@/db/config";

const config = readDbConfig();
if (config.DATABASE_URL || config.MIGRATION_DATABASE_URL) {
  console.error("[reset] DATABASE_URL is set: db:reset only deletes the embedded database. Drop the server database yourself.");
  process.exit(1);
}
const dir = resolve(config.PGLITE_DIR);
if (!existsSync(dir)) {
  console.log(`[reset] ${dir} does not exist; nothing to do.`);
} else if (!existsSync(resolve(dir, "PG_VERSION"))) {
  console.error(`[reset] ${dir} does not look like a database folder (no PG_VERSION); left alone.`);
  process.exit(1);
} else {
  rmSync(dir, { recursive: true, force: true });
  console.log(`[reset] Deleted the embedded database in ${dir}. Next: npm run db:migrate && npm run db:seed`);
}
