// npm run bench:tenancy – what forced row-level security costs on a company list query.
//
// On the same data (50 companies × 2,000 customers), the 50 newest customers of a company
// (customers_company_id_created_at_id_idx) are read
//   - through withCompany() as the runtime role askpro_app, filtered by RLS alone, and
//   - as the owner, who is not subject to RLS (a superuser here), with an explicit
//     `where company_id = $1`, inside the same kind of transaction with set_config, so both sides
//     pay the same transaction cost; the owner's plain query without a transaction is an extra line.
// Iterations are interleaved (rotating order) after a warm-up. Target: RLS overhead ≤ 10 % at p99.
// The database's own execution time (EXPLAIN ANALYZE) is printed too: on a busy machine the
// client-side p99 is mostly scheduling noise, and that line shows what RLS itself costs.
//
// Target database: BENCH_DATABASE_URL (the owner's URL of a PostgreSQL server; a scratch database
// askpro_bench_<pid> is created there and dropped at the end), else an in-memory PGlite.
// BENCH_ROUNDS × BENCH_ITERATIONS (default 3 × 2000) per variant, BENCH_WARMUP (default 200).
import { cpus, loadavg } from "node:os";
import { desc, eq, sql } from "drizzle-orm";
import { APP_ROLE, type Database, type DatabaseHandle, openDatabase, rowsOf, type Tx, withCompany } from "@/db";
import { runMigrations } from "@/db/migrate";
import { customers } from "@/db/schema";
import { appUrlFor } from "@/db/testing/urls";

const COMPANIES = 50;
const CUSTOMERS_PER_COMPANY = 2_000;
const PAGE = 50;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const EXPLAINS = 500;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const TARGET = 0.1;
const INDEX = "customers_company_id_created_at_id_idx";

type Target = { label: string; owner: DatabaseHandle; app: DatabaseHandle; cleanup: () => Promise<void> };

async function openTarget(): Promise<Target> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    // Keep the embedded database in memory whatever the environment points at.
    for (const name of ["DATABASE_URL", "MIGRATION_DATABASE_URL", "PGLITE_TEMPLATE"]) delete process.env[name];
    const owner = await openDatabase({ role: "owner", pgliteDir: "memory://" });
    await runMigrations(owner);
    // PGlite is one session: the runtime takes askpro_app per transaction (as in the tests).
    const app: DatabaseHandle = { ...owner, role: "app", localRole: APP_ROLE, close: async () => {} };
    return { label: "PGlite (in memory)", owner, app, cleanup: () => owner.close() };
  }
  const name = `askpro_bench_${process.pid}`;
  const admin = await openDatabase({ role: "owner", url: serverUrl });
  await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.sql.exec(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let owner: DatabaseHandle | undefined;
  let app: DatabaseHandle | undefined;
  const cleanup = async () => {
    await app?.close();
    await owner?.close();
    await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.close();
  };
  try {
    owner = await openDatabase({ role: "owner", url: url.toString(), max: 1 });
    await runMigrations(owner);
    app = await openDatabase({ role: "app", url: appUrlFor(url.toString()), max: 1 });
    const [version] = await owner.sql.query<{ v: string }>("select current_setting('server_version') as v");
    return { label: `PostgreSQL ${version?.v ?? "?"} (server)`, owner, app, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function load(owner: DatabaseHandle): Promise<string[]> {
  const [su] = await owner.sql.query<{ su: boolean }>("select rolsuper as su from pg_roles where rolname = current_user");
  if (!su?.su) throw new Error("the owner connection must be a superuser here (it loads and reads past RLS)");
  // Bulk data as the owner (a superuser, so RLS does not apply to it).
  await owner.sql.query(
    `insert into companies (id, name, slug, status)
     select gen_random_uuid(), 'Bench ' || g, 'bench-' || g, 'active' from generate_series(1, $1::int) g`,
    [COMPANIES],
  );
  await owner.sql.query(
    `insert into customers (id, company_id, first_name, last_name, phone_blind_index, email_blind_index, created_at, updated_at)
     select gen_random_uuid(), c.id, 'Vorname ' || g, 'Nachname ' || g,
            encode(sha256(convert_to('+4930' || lpad((g * 7919 % 1000000000)::text, 9, '0'), 'UTF8')), 'hex'),
            encode(sha256(convert_to('kunde' || g || '@example.test', 'UTF8')), 'hex'),
            t, t
       from companies c
       cross join generate_series(1, $1::int) g
       cross join lateral (select now() - make_interval(mins => g * 13 + (random() * 10)::int) as t) ts
      where c.slug like 'bench-%'`,
    [CUSTOMERS_PER_COMPANY],
  );
  await owner.sql.exec("ANALYZE companies; ANALYZE customers;");
  const rows = await owner.sql.query<{ id: string }>("select id from companies where slug like 'bench-%' order by slug");
  return rows.map((r) => r.id);
}

const columns = {
  id: customers.id,
  companyId: customers.companyId,
  firstName: customers.firstName,
  lastName: customers.lastName,
  phoneBlindIndex: customers.phoneBlindIndex,
  emailBlindIndex: customers.emailBlindIndex,
  createdAt: customers.createdAt,
};

// The index is (company_id, created_at, id): "newest first" walks it backwards.
const newestFirst = [desc(customers.createdAt), desc(customers.id)];

/** The list query; companyId adds the explicit filter (the owner needs it, RLS does not). */
const listCustomers = (db: Database | Tx, companyId?: string) =>
  db
    .select(columns)
    .from(customers)
    .where(companyId ? eq(customers.companyId, companyId) : undefined)
    .orderBy(...newestFirst)
    .limit(PAGE);

type Variant = { name: string; run: (companyId: string) => Promise<{ companyId: string; id: string }[]> };

function variants(t: Target): Variant[] {
  return [
    {
      name: "RLS: withCompany as askpro_app, no where",
      run: (c) => withCompany(c, (tx) => listCustomers(tx), { handle: t.app }),
    },
    {
      name: "owner: same transaction + where company_id",
      run: (c) => withCompany(c, (tx) => listCustomers(tx, c), { handle: t.owner }),
    },
    {
      name: "owner: plain query + where company_id",
      run: (c) => listCustomers(t.owner.db, c),
    },
    {
      name: "RLS + explicit where company_id",
      run: (c) => withCompany(c, (tx) => listCustomers(tx, c), { handle: t.app }),
    },
  ];
}

async function planOf(handle: DatabaseHandle, companyId: string, explicit: boolean) {
  const lines = await withCompany(
    companyId,
    async (tx) => rowsOf<{ "QUERY PLAN": string }>(await tx.execute(sql`explain ${listCustomers(tx, explicit ? companyId : undefined)}`)),
    { handle },
  );
  const plan = lines.map((l) => l["QUERY PLAN"]).join("\n");
  return { usesIndex: plan.includes(INDEX), first: plan.split("\n").find((l) => /Scan/.test(l))?.trim() ?? plan };
}

type Stats = { p50: number; p99: number; mean: number };

function summarize(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: values.reduce((a, b) => a + b, 0) / values.length };
}

async function executionTime(handle: DatabaseHandle, companyId: string, explicit: boolean): Promise<number> {
  const [row] = await withCompany(
    companyId,
    async (tx) =>
      rowsOf<{ "QUERY PLAN": unknown }>(
        await tx.execute(
          sql`explain (analyze, timing off, summary on, format json) ${listCustomers(tx, explicit ? companyId : undefined)}`,
        ),
      ),
    { handle },
  );
  const raw = row?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { "Execution Time": number }[];
  return plan[0]!["Execution Time"];
}

function percentile(sorted: number[], p: number) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const fmt = (ms: number) => ms.toFixed(3).padStart(8);
const pct = (ratio: number) => `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)} %`;

async function main() {
  const t0 = performance.now();
  const target = await openTarget();
  try {
    const companyIds = await load(target.owner);
    console.log(
      `tenancy benchmark · ${target.label} · ${companyIds.length} companies × ${CUSTOMERS_PER_COMPANY} customers · ` +
        `loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const all = variants(target);

    // Same answer on every side, and the index serves both.
    const probe = companyIds[0]!;
    const answers = await Promise.all(all.map(async (v) => (await v.run(probe)).map((r) => r.id).join()));
    const sample = await all[0]!.run(probe);
    if (sample.length !== PAGE || sample.some((r) => r.companyId !== probe) || new Set(answers).size !== 1) {
      throw new Error("the variants do not return the same 50 rows of one company");
    }
    const plans = [
      { who: "RLS", ...(await planOf(target.app, probe, false)) },
      { who: "owner", ...(await planOf(target.owner, probe, true)) },
    ];
    for (const p of plans) console.log(`plan (${p.who}): ${p.first}${p.usesIndex ? "" : `  ← not ${INDEX}!`}`);

    // Rounds of interleaved iterations: the pooled figures are the headline; the per-round p99
    // ratios show how much of the tail is the machine rather than the database.
    const samples = all.map(() => [] as number[]);
    const roundRatios: number[] = [];
    for (let i = 0; i < WARMUP; i++) for (const v of all) await v.run(companyIds[i % companyIds.length]!);
    for (let round = 0; round < ROUNDS; round++) {
      const roundSamples = all.map(() => [] as number[]);
      for (let i = 0; i < ITERATIONS; i++) {
        const companyId = companyIds[(round * ITERATIONS + i) % companyIds.length]!;
        for (let k = 0; k < all.length; k++) {
          const j = (i + k) % all.length; // rotate who goes first
          const start = performance.now();
          await all[j]!.run(companyId);
          roundSamples[j]!.push(performance.now() - start);
        }
      }
      roundSamples.forEach((s, j) => samples[j]!.push(...s));
      roundRatios.push(summarize(roundSamples[0]!).p99 / summarize(roundSamples[1]!).p99);
    }

    // The database's own time for the two main variants (EXPLAIN ANALYZE "Execution Time").
    const executions = [[], []] as [number[], number[]];
    for (let i = 0; i < EXPLAINS; i++) {
      const companyId = companyIds[i % companyIds.length]!;
      executions[0].push(await executionTime(target.app, companyId, false));
      executions[1].push(await executionTime(target.owner, companyId, true));
    }

    const stats = samples.map(summarize);
    const width = Math.max(...all.map((v) => v.name.length)) + 2;
    console.log(
      `\nquery: ${PAGE} newest customers of a company · ${ROUNDS} rounds × ${ITERATIONS} iterations per variant, ` +
        `interleaved, after ${WARMUP} warm-up · load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs\n`,
    );
    console.log(`${"variant (client-side, per call)".padEnd(width)}  p50 ms    p99 ms   mean ms`);
    all.forEach((v, i) => console.log(`${v.name.padEnd(width)}${fmt(stats[i]!.p50)}  ${fmt(stats[i]!.p99)}  ${fmt(stats[i]!.mean)}`));
    const [dbRls, dbOwner] = executions.map(summarize) as [Stats, Stats];
    console.log(`${"in the database: RLS".padEnd(width)}${fmt(dbRls.p50)}  ${fmt(dbRls.p99)}  ${fmt(dbRls.mean)}`);
    console.log(`${"in the database: owner + where".padEnd(width)}${fmt(dbOwner.p50)}  ${fmt(dbOwner.p99)}  ${fmt(dbOwner.mean)}`);

    const [rls, owner, plain] = stats as [Stats, Stats, Stats];
    const p50 = rls.p50 / owner.p50;
    const p99 = rls.p99 / owner.p99;
    const sortedRatios = [...roundRatios].sort((a, b) => a - b);
    console.log(
      `\nRLS vs owner, same transaction: p50 ×${p50.toFixed(3)} (${pct(p50)}), p99 ×${p99.toFixed(3)} (${pct(p99)})` +
        `\n  p99 ratio per round: ${roundRatios.map((r) => r.toFixed(2)).join(" ")} (median ${percentile(sortedRatios, 50).toFixed(2)})` +
        `\n  in the database (EXPLAIN ANALYZE, ${EXPLAINS} each): p50 ×${(dbRls.p50 / dbOwner.p50).toFixed(3)}, p99 ×${(dbRls.p99 / dbOwner.p99).toFixed(3)}` +
        `\nRLS vs owner's plain query:     p50 ×${(rls.p50 / plain.p50).toFixed(3)}, p99 ×${(rls.p99 / plain.p99).toFixed(3)} (the transaction and set_config, not RLS)`,
    );
    const indexed = plans.every((p) => p.usesIndex);
    const spread = sortedRatios.at(-1)! - sortedRatios[0]!;
    const noisy = spread > TARGET ? ` · noisy machine: per-round p99 ratios ${sortedRatios[0]!.toFixed(2)}–${sortedRatios.at(-1)!.toFixed(2)}` : "";
    console.log(
      `verdict: ${p99 <= 1 + TARGET && indexed ? "PASS" : "FAIL"} · RLS overhead at p99 ${pct(p99)}, at p50 ${pct(p50)} ` +
        `(target ≤ ${TARGET * 100} % at p99)${indexed ? "" : " · a plan does not use the index"}${noisy} · ${target.label}`,
    );
    // A measurement is not a failure; a plan that misses the index is.
    if (!indexed) process.exitCode = 1;
  } finally {
    await target.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
