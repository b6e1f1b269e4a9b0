// npm run bench:availability – the availability engine on a busy branch.
//
// One branch with 20 staff members (Mon–Sat 09:00–18:00, lunch 13:00–13:30), every one performing
// the benchmarked service, and a year of appointments (about 7 a day per person, ~40,000 rows).
// Measured, for one-week windows spread over that year:
//   - engine: findSlots() in-process on inputs already read (target p99 ≤ 10 ms);
//   - load + engine: availableSlots() through withCompany on the runtime role, i.e. the four
//     queries of lib/scheduling/load.ts plus the engine (no target; shown for context).
// Database: an in-memory PGlite (BENCH_DATABASE_URL is not used here: the engine is the subject).
import { cpus, loadavg } from "node:os";
import { APP_ROLE, type DatabaseHandle, openDatabase } from "@/db";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { findSlots } from "@/lib/scheduling/availability";
import { availableSlots, loadAvailabilityRequest } from "@/lib/scheduling/load";

const STAFF = 20;
const ENGINE_ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2_000);
const LOAD_ITERATIONS = Number(process.env.BENCH_LOAD_ITERATIONS ?? 300);
const TARGET_P99_MS = 10;
const DAY = 86_400_000;
const MINUTE = 60_000;

function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(label: string, samples: number[], target?: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const verdict = target === undefined ? "" : p99 <= target ? `  target p99 ≤ ${target} ms: met` : `  target p99 ≤ ${target} ms: NOT met`;
  console.log(
    `${label.padEnd(16)} n=${String(samples.length).padStart(5)}  p50 ${percentile(sorted, 50).toFixed(2)} ms  p95 ${percentile(sorted, 95).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  max ${sorted.at(-1)!.toFixed(2)} ms${verdict}`,
  );
}

async function main() {
  for (const name of ["DATABASE_URL", "MIGRATION_DATABASE_URL", "PGLITE_TEMPLATE"]) delete process.env[name];
  const owner = await openDatabase({ role: "owner", pgliteDir: "memory://" });
  await runMigrations(owner);
  const app: DatabaseHandle = { ...owner, role: "app", localRole: APP_ROLE, close: async () => {} };
  const random = lcg(42);

  const companyId = newId();
  const branchId = newId();
  const serviceId = newId();
  const customerId = newId();
  const db = owner.db;
  await db.insert(schema.companies).values({ id: companyId, name: "Bench Salon", slug: `bench-${companyId.slice(-8)}` });
  await db.insert(schema.branches).values({ id: branchId, companyId, name: "Mitte", timeZone: "Europe/Berlin" });
  await db.insert(schema.services).values({ id: serviceId, companyId, name: "Schnitt", durationMinutes: 45, bufferAfterMinutes: 10, priceCents: 4500 });
  await db.insert(schema.customers).values({ id: customerId, companyId, firstName: "Bench", lastName: "Kunde" });
  const staffIds = Array.from({ length: STAFF }, () => newId());
  await db.insert(schema.staff).values(staffIds.map((id, i) => ({ id, companyId, branchId, firstName: `S${i}`, lastName: "Bench", displayName: `S${i}` })));
  await db.insert(schema.staffServices).values(staffIds.map((staffId) => ({ companyId, staffId, serviceId })));
  await db.insert(schema.workingHours).values(
    staffIds.flatMap((staffId) =>
      [1, 2, 3, 4, 5, 6].map((weekday) => ({ companyId, staffId, branchId, weekday, startTime: "09:00", endTime: "18:00", breaks: [{ start: "13:00", end: "13:30" }] })),
    ),
  );

  // A year of appointments from 2026-01-05 (a Monday), 7 a day per person between 09:00 and 18:00.
  const start = Date.UTC(2026, 0, 5);
  const rows: (typeof schema.appointments.$inferInsert)[] = [];
  for (let day = 0; day < 364; day++) {
    const date = start + day * DAY;
    if (new Date(date).getUTCDay() === 0) continue;
    for (const staffId of staffIds) {
      let minute = 8 * 60 + Math.floor(random() * 4) * 15; // 08:00–08:45 UTC ≈ 09:00 local in winter
      for (let n = 0; n < 7; n++) {
        const length = 30 + Math.floor(random() * 4) * 15;
        const startsAt = new Date(date + minute * MINUTE);
        rows.push({
          companyId,
          branchId,
          staffId,
          serviceId,
          customerId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + length * MINUTE),
          source: "admin",
          priceCents: 4500,
          status: random() < 0.1 ? "cancelled" : "booked",
        });
        minute += length + 15 + Math.floor(random() * 3) * 15;
      }
    }
  }
  for (let i = 0; i < rows.length; i += 2_000) await db.insert(schema.appointments).values(rows.slice(i, i + 2_000));
  await owner.sql.exec("analyze");
  console.log(`data: 1 branch, ${STAFF} staff, ${rows.length.toLocaleString("en")} appointments over a year (PGlite in memory)`);
  console.log(`machine: ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  const weeks = Array.from({ length: 50 }, (_, i) => new Date(start + (i + 1) * 7 * DAY - 3_600_000));
  const now = new Date(start - DAY);
  const requests = [];
  for (const from of weeks) {
    requests.push(await loadAvailabilityRequest(companyId, { branchId, serviceId, from, to: new Date(from.getTime() + 7 * DAY), now }, { handle: app }));
  }
  const slotsPerWeek = requests.map((r) => findSlots(r).length);
  console.log(`slots per week (15-minute grid, all staff): min ${Math.min(...slotsPerWeek)}, max ${Math.max(...slotsPerWeek)}`);

  for (let i = 0; i < 200; i++) findSlots(requests[i % requests.length]!);
  const engine: number[] = [];
  for (let i = 0; i < ENGINE_ITERATIONS; i++) {
    const request = requests[i % requests.length]!;
    const t0 = performance.now();
    findSlots(request);
    engine.push(performance.now() - t0);
  }
  report("engine", engine, TARGET_P99_MS);

  const loaded: number[] = [];
  for (let i = 0; i < LOAD_ITERATIONS; i++) {
    const from = weeks[i % weeks.length]!;
    const t0 = performance.now();
    await availableSlots(companyId, { branchId, serviceId, from, to: new Date(from.getTime() + 7 * DAY), now }, { handle: app });
    loaded.push(performance.now() - t0);
  }
  report("load + engine", loaded);
  await owner.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
