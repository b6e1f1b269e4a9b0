// npm run bench:lists – the portal's lists on the reference volumes (db:seed:scale first).
//
// For the biggest company of the scale database (company 1, the "chain": 100K customers, ~175K
// appointments at factor 1), each list function (customers, appointments) is timed in-process through withCompany as the
// runtime role askpro_app — the database work of a list page (the page of rows, its capped count
// and facet counts) plus decrypting the shown rows — unfiltered and with two filters, on page 1
// and on page 1,000 (a keyset cursor at row 49,950, the way the 1,000th "next" click would
// arrive). Targets (operator-portal issue): p95 ≤ 20 ms, page 1,000 within 20 % of page 1.
// Then, when a production build exists (npm run build), the same eight views as real page
// requests against `next start` on the scale database: server time-to-first-byte and the time to
// the complete document at p50/p95 (scripts/bench/ttfb.ts), target TTFB p95 ≤ 200 ms.
//
//   SCALE_DATABASE_URL  owner URL of the filled database (the runtime role's URL is derived)
//   BENCH_ITERATIONS    timed calls per scenario (default 200), after 20 warm-up calls
//   BENCH_PAGE_ITERATIONS  timed page requests per view (default 60), after 5 warm-up requests
//   BENCH_TTFB=0        skip the page requests
import { cpus, loadavg } from "node:os";
import { type DatabaseHandle, openDatabase } from "@/db";
import { appUrlFor } from "@/db/testing/urls";
import { listAppointments } from "@/lib/appointments/list";
import { listCustomers } from "@/lib/customers/list";
import { encodeCursor } from "@/lib/data-table/cursor";
import { buildPresent, type PageScenario, timePages } from "./bench/ttfb";

const url = process.env.SCALE_DATABASE_URL;
if (!url) {
  console.error("[bench] set SCALE_DATABASE_URL to the owner URL of a database filled by npm run db:seed:scale");
  process.exit(1);
}
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;
const P95_TARGET_MS = 20;
const TTFB_TARGET_MS = 200;
const PAGE_ITERATIONS = Number(process.env.BENCH_PAGE_ITERATIONS ?? 60);

type Scenario = { list: string; label: string; page: number; run: () => Promise<unknown> };

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(scenario: Scenario) {
  for (let i = 0; i < WARMUP; i++) await scenario.run();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await scenario.run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main() {
  const owner = await openDatabase({ role: "owner", url: url!, max: 2 });
  const app: DatabaseHandle = await openDatabase({ role: "app", url: appUrlFor(url!), max: 4 });
  try {
    const [big] = await owner.sql.query<{ id: string; customers: string }>(
      "select company_id as id, count(*) as customers from customers group by company_id order by count(*) desc limit 1",
    );
    if (!big) throw new Error("the database has no customers: run npm run db:seed:scale first");
    const companyId = big.id;
    const [counts] = await owner.sql.query<{ appointments: string }>("select count(*) as appointments from appointments where company_id = $1", [companyId]);
    console.log(`company ${companyId}: ${Number(big.customers).toLocaleString("en")} customers, ${Number(counts!.appointments).toLocaleString("en")} appointments`);
    console.log(`machine: ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}; ${ITERATIONS} calls per line after ${WARMUP} warm-up`);

    // Page 1,000 of the newest-first customers: the cursor of row 49,950.
    const customerCursor = async (where: string, params: unknown[]) => {
      const [row] = await owner.sql.query<{ at: string; id: string }>(
        `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id from customers
          where company_id = $1 and deleted_at is null ${where} order by created_at desc, id desc offset 49949 limit 1`,
        [companyId, ...params],
      );
      if (!row) throw new Error("fewer than 50,000 customers match: seed at factor 1");
      return encodeCursor([row.at, row.id]);
    };
    const twoYearsAgo = new Date(Date.now() - 729 * 86_400_000).toISOString().slice(0, 10);
    const filters = { lang: ["de"], from: twoYearsAgo };
    const unfilteredCursor = await customerCursor("", []);
    const filteredCursor = await customerCursor("and locale = 'de' and created_at >= $2::date", [twoYearsAgo]);
    const options = { handle: app, timeZone: "Europe/Berlin", countAppointments: false as const };

    // Page 1,000 of the appointments, newest start first (the list's default sort).
    const [branch] = await owner.sql.query<{ id: string }>(
      "select branch_id as id from appointments where company_id = $1 group by branch_id order by count(*) desc limit 1",
      [companyId],
    );
    const appointmentCursor = async (where: string, params: unknown[]) => {
      const [row] = await owner.sql.query<{ at: string; id: string }>(
        `select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id from appointments
          where company_id = $1 and deleted_at is null ${where} order by starts_at desc, id desc offset 49949 limit 1`,
        [companyId, ...params],
      );
      if (!row) throw new Error("fewer than 50,000 appointments match: seed at factor 1");
      return encodeCursor([row.at, row.id]);
    };
    const appointmentFilters = { status: ["completed"], branch: [branch!.id] };
    const appointmentsUnfiltered = await appointmentCursor("", []);
    const appointmentsFiltered = await appointmentCursor("and status = 'completed' and branch_id = $2", [branch!.id]);
    const listOptions = { handle: app, timeZone: "Europe/Berlin", branchIds: null };

    const scenarios: Scenario[] = [
      { list: "appointments", label: "unfiltered", page: 1, run: () => listAppointments(companyId, { size: 50 }, listOptions) },
      { list: "appointments", label: "unfiltered", page: 1000, run: () => listAppointments(companyId, { size: 50, after: appointmentsUnfiltered }, listOptions) },
      { list: "appointments", label: "status + branch", page: 1, run: () => listAppointments(companyId, { size: 50, ...appointmentFilters }, listOptions) },
      {
        list: "appointments",
        label: "status + branch",
        page: 1000,
        run: () => listAppointments(companyId, { size: 50, ...appointmentFilters, after: appointmentsFiltered }, listOptions),
      },
      { list: "customers", label: "unfiltered", page: 1, run: () => listCustomers(companyId, { size: 50 }, options) },
      { list: "customers", label: "unfiltered", page: 1000, run: () => listCustomers(companyId, { size: 50, after: unfilteredCursor }, options) },
      { list: "customers", label: "language + since", page: 1, run: () => listCustomers(companyId, { size: 50, ...filters }, options) },
      { list: "customers", label: "language + since", page: 1000, run: () => listCustomers(companyId, { size: 50, ...filters, after: filteredCursor }, options) },
    ];

    const results = new Map<string, { p50: number; p95: number }>();
    for (const scenario of scenarios) {
      const r = await time(scenario);
      results.set(`${scenario.list}|${scenario.label}|${scenario.page}`, r);
      const verdict = r.p95 <= P95_TARGET_MS ? "met" : "NOT met";
      console.log(
        `${scenario.list.padEnd(13)} ${scenario.label.padEnd(20)} page ${String(scenario.page).padStart(4)}  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  (p95 ≤ ${P95_TARGET_MS} ms: ${verdict})`,
      );
    }
    for (const scenario of scenarios.filter((s) => s.page === 1000)) {
      const first = results.get(`${scenario.list}|${scenario.label}|1`)!;
      const deep = results.get(`${scenario.list}|${scenario.label}|1000`)!;
      const ratio = deep.p95 / first.p95;
      console.log(`${scenario.list.padEnd(13)} ${scenario.label.padEnd(20)} page 1,000 vs page 1 at p95: ${(ratio * 100).toFixed(0)} % (within 120 %: ${ratio <= 1.2 ? "met" : "NOT met"})`);
    }

    // The same views as page requests (server TTFB).
    if (process.env.BENCH_TTFB === "0") return;
    if (!buildPresent()) {
      console.log("\nTTFB: not measured — no production build (run npm run build, then this again)");
      return;
    }
    const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
    const pages: PageScenario[] = [
      { list: "appointments", label: "unfiltered", page: 1, path: "/appointments/list" },
      { list: "appointments", label: "unfiltered", page: 1000, path: `/appointments/list${q({ after: appointmentsUnfiltered, page: "1000" })}` },
      { list: "appointments", label: "status + branch", page: 1, path: `/appointments/list${q({ status: "completed", branch: branch!.id })}` },
      {
        list: "appointments",
        label: "status + branch",
        page: 1000,
        path: `/appointments/list${q({ status: "completed", branch: branch!.id, after: appointmentsFiltered, page: "1000" })}`,
      },
      { list: "customers", label: "unfiltered", page: 1, path: "/customers" },
      { list: "customers", label: "unfiltered", page: 1000, path: `/customers${q({ after: unfilteredCursor, page: "1000" })}` },
      { list: "customers", label: "language + since", page: 1, path: `/customers${q({ lang: "de", from: twoYearsAgo })}` },
      { list: "customers", label: "language + since", page: 1000, path: `/customers${q({ lang: "de", from: twoYearsAgo, after: filteredCursor, page: "1000" })}` },
    ];
    console.log(`\nserver time-to-first-byte and complete document, next start on this database, ${PAGE_ITERATIONS} requests per line after 5 warm-up`);
    const timings = await timePages({ owner, companyId, appUrl: appUrlFor(url!), scenarios: pages, iterations: PAGE_ITERATIONS });
    for (const scenario of pages) {
      const r = timings.get(`${scenario.list}|${scenario.label}|${scenario.page}`)!;
      const verdict = r.ttfb95 <= TTFB_TARGET_MS ? "met" : "NOT met";
      console.log(
        `${scenario.list.padEnd(13)} ${scenario.label.padEnd(20)} page ${String(scenario.page).padStart(4)}  TTFB p50 ${r.ttfb50.toFixed(1).padStart(6)} ms  p95 ${r.ttfb95.toFixed(1).padStart(6)} ms (≤ ${TTFB_TARGET_MS} ms: ${verdict})  complete p50 ${r.full50.toFixed(1).padStart(6)} ms  p95 ${r.full95.toFixed(1).padStart(6)} ms`,
      );
    }
  } finally {
    await app.close();
    await owner.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
