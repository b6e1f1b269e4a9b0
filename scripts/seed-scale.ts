// npm run db:seed:scale – a separate database with the reference system's volumes, for the list
// and availability benchmarks: ~200 companies, 500,000 customers, 2.5 million appointments and
// 5 million calls (db/seed/scale.ts says how).
//
//   SCALE_DATABASE_URL  owner URL naming the database to fill, e.g.
//                       postgres://postgres@127.0.0.1:5432/askpro_scale (created if missing,
//                       then migrated). Never the embedded database: it is for a real server.
//   SCALE_FACTOR        1 (default) = full volumes; 0.1 = a tenth.
import { openDatabase } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedScale } from "@/db/seed/scale";
import { sealCustomerFields } from "@/lib/customers/protect";

const url = process.env.SCALE_DATABASE_URL;
const factor = Number(process.env.SCALE_FACTOR ?? 1);
if (!url) {
  console.error("[scale] set SCALE_DATABASE_URL to the owner URL of the database to fill, e.g. postgres://postgres@127.0.0.1:5432/askpro_scale");
  process.exit(1);
}
if (!(factor > 0 && factor <= 4)) {
  console.error("[scale] SCALE_FACTOR must be a number in (0, 4]");
  process.exit(1);
}

const target = new URL(url);
const name = decodeURIComponent(target.pathname.slice(1));
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
  console.error(`[scale] "${name}" is not a plain database name`);
  process.exit(1);
}
const serverUrl = new URL(url);
serverUrl.pathname = "/postgres";
const server = await openDatabase({ role: "owner", url: serverUrl.toString(), max: 1 });
const exists = await server.sql.query("select 1 from pg_database where datname = $1", [name]);
if (exists.length === 0) {
  await server.sql.exec(`create database "${name}"`);
  console.log(`[scale] created database ${name}`);
}
await server.close();

const handle = await openDatabase({ role: "owner", url, max: 1 });
try {
  const started = performance.now();
  const migrated = await runMigrations(handle);
  if (migrated.applied.length) console.log(`[scale] applied ${migrated.applied.length} migrations`);
  console.log(`[scale] filling ${name} at factor ${factor}…`);
  const counts = await seedScale(handle, { factor, sealCustomer: sealCustomerFields, log: (m) => console.log(`[scale] ${m}`) });
  console.log(
    `[scale] ${counts.companies} companies, ${counts.branches} branches, ${counts.staff} staff, ${counts.services} services, ` +
      `${counts.customers.toLocaleString("en")} customers, ${counts.appointments.toLocaleString("en")} appointments, ` +
      `${counts.calls.toLocaleString("en")} calls in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
} catch (error) {
  console.error(`[scale] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
