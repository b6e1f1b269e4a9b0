import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates here; migrations are applied by scripts/migrate.ts (advisory lock,
// lock_timeout, migration_runs). `db:studio` uses the owner connection or the embedded database.
const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
  ...(url
    ? { dbCredentials: { url } }
    : { driver: "pglite", dbCredentials: { url: process.env.PGLITE_DIR || "./.data/pglite" } }),
});
