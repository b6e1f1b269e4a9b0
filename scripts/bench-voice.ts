// npm run bench:voice – the voice agent's endpoints under load, against `next start` on the scale
// database (npm run db:seed:scale, then npm run build). Targets (issue 5):
//   1. check_availability through POST /api/retell/functions at 40 requests/s sustained:
//      p99 ≤ 50 ms, and its throughput ≥ 0.5 × that of a no-op route handler (GET /api/health)
//      on the same server in the same run. Measured open loop (40/s offered to each; the target is
//      judged on this, the load the issue names) and closed loop (maximum throughput of each at a
//      fixed concurrency; printed for context: a handler with a dozen database round trips is
//      not expected to reach half of a no-op's maximum).
//   2. book_appointment p99 ≤ 100 ms: each booking a distinct free hour of a named staff member,
//      from a distinct call; successes and conflicts counted.
//   3. Webhook acknowledgement (POST /api/webhooks/retell: signature, durable inbox row;
//      inngest.send over HTTP to a local stand-in of Inngest's event API right after the answer)
//      p99 ≤ 100 ms at ≥ 500 events/s sustained (after 5 s of warm-up at that rate), the inbox
//      holding exactly the events sent and every one handed to Inngest.
// Every request is signed like Retell signs it. The figures are a report: the exit code is 0 when
// a target is missed, non-zero only when the benchmark itself could not run.
//
//   SCALE_DATABASE_URL   owner URL of the scale database (the runtime role's URL is derived)
//   BENCH_PORT           port of next start (default 3291)
//   BENCH_RATE, BENCH_DURATION_S, BENCH_WARMUP_S      check_availability/health: 40/s, 30 s, 10 s
//   BENCH_CONCURRENCY, BENCH_CLOSED_S                 closed loop: 16 workers, 10 s each
//   BENCH_BOOK_RATE, BENCH_BOOK_S                     bookings: 10/s for 20 s
//   BENCH_WEBHOOK_RATE, BENCH_WEBHOOK_S               webhooks: 525/s (≥ 500 with a margin) for 20 s
//   BENCH_CALENDAR_DAYS  days ahead booked to 60 % for realism (default 56; 0 = leave the calendar)
//   BENCH_COMPANY        largest (default: the scale seed's chain, 75 staff per branch — the
//                        availability engine's worst case) or median (a typical company)
//   BENCH_COMPANY_ID     a company by id instead
//   BENCH_KEEP=1         keep the rows the run made (calls, traces, bookings, inbox rows)
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { APP_ROLE, type DatabaseHandle, openDatabase } from "@/db";
import { appUrlFor } from "@/db/testing/urls";
import { openCustomerFields } from "@/lib/customers/protect";
import { startEventSink } from "./bench/event-sink";
import { cpuPerRequest, cpuSnapshot } from "./bench/cpu";
import { closedLoop, fmtMs, HttpClient, labelCounts, openLoop, type RunStats, type Verdict } from "./bench/load";
import { benchFieldKeys, requireBuild, startNextServer } from "./bench/next-server";
import { bookAppointmentBody, checkAvailabilityBody, FUNCTIONS_PATH, signedPost, WEBHOOK_PATH, webhookBodies } from "./bench/voice-requests";
import { BENCH_CALL_PREFIX, countInbox, fillCalendar, freeBookingSlots, prepareVoiceWorld, removeBenchCallRows, type VoiceWorld } from "./bench/voice-world";

const url = process.env.SCALE_DATABASE_URL;
const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};
const PORT = num("BENCH_PORT", 3291);
const RATE = num("BENCH_RATE", 40);
const DURATION_S = num("BENCH_DURATION_S", 30);
const WARMUP_S = num("BENCH_WARMUP_S", 10);
const CONCURRENCY = num("BENCH_CONCURRENCY", 16);
const CLOSED_S = num("BENCH_CLOSED_S", 10);
const BOOK_RATE = num("BENCH_BOOK_RATE", 10);
const BOOK_S = num("BENCH_BOOK_S", 20);
const WEBHOOK_RATE = num("BENCH_WEBHOOK_RATE", 525);
const WEBHOOK_S = num("BENCH_WEBHOOK_S", 20);
const CALENDAR_DAYS = num("BENCH_CALENDAR_DAYS", 56);

const TARGET = { availabilityP99: 50, ratio: 0.5, bookingP99: 100, webhookP99: 100, webhookRate: 500 };
const API_KEY = `bench-retell-${randomBytes(12).toString("hex")}`;

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
type Cpu = { server: number; database: number } | null;
const line = (label: string, s: RunStats, cpu: Cpu) =>
  `${label.padEnd(34)} n=${String(s.sent).padStart(5)}  p50 ${fmtMs(s.p50).padStart(9)}  p95 ${fmtMs(s.p95).padStart(9)}  p99 ${fmtMs(s.p99).padStart(9)}  max ${fmtMs(s.max).padStart(9)}  ` +
  `${s.throughput.toFixed(1).padStart(6)} ok/s${s.offered ? ` of ${s.offered}/s offered (send lag p99 ${fmtMs(s.sendLagP99 ?? Number.NaN)})` : ""}` +
  `${cpu ? `  CPU/req: server ${cpu.server.toFixed(2)} ms + db ${cpu.database.toFixed(2)} ms` : ""}  [load ${load()}]`;

/** check_availability's answer: HTTP 200 and the tool envelope; a domain "no" is a served answer, an internal error is not. */
function toolVerdict(status: number, body: string): Verdict {
  if (status !== 200) return { ok: false, label: `HTTP ${status}` };
  const envelope = JSON.parse(body) as { ok?: boolean; data?: { available?: boolean; reason?: string | null }; error?: { code?: string } };
  if (envelope.ok) return { ok: true, label: envelope.data?.available ? "free" : `alternatives (${envelope.data?.reason ?? "?"})` };
  const code = envelope.error?.code ?? "?";
  return { ok: !["internal_error", "branch_unavailable"].includes(code), label: `refused: ${code}` };
}

async function knownCallers(owner: DatabaseHandle, companyId: string): Promise<string[]> {
  const rows = await owner.sql.query<{ company_id: string; phone_ciphertext: string | null; email_ciphertext: string | null; notes_ciphertext: string | null }>(
    `select company_id, phone_ciphertext, email_ciphertext, notes_ciphertext from customers
      where company_id = $1 and phone_ciphertext is not null and deleted_at is null order by id limit 500`,
    [companyId],
  );
  try {
    return rows.map((r) => openCustomerFields({ companyId: r.company_id, phoneCiphertext: r.phone_ciphertext, emailCiphertext: null, notesCiphertext: null }).phone!).filter(Boolean);
  } catch {
    return []; // sealed with other keys: every booking comes from a new caller then
  }
}

type Summary = { measure: string; target: string; measured: string; verdict: string };

async function main() {
  if (!url) throw new Error("set SCALE_DATABASE_URL to the owner URL of a database filled by npm run db:seed:scale");
  requireBuild();
  const pick = process.env.BENCH_COMPANY ?? "largest";
  if (pick !== "largest" && pick !== "median") throw new Error("BENCH_COMPANY must be largest or median");
  Object.assign(process.env, benchFieldKeys());
  const runId = `${BENCH_CALL_PREFIX}${Date.now().toString(36)}`;
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const owner = await openDatabase({ role: "owner", url, max: 2 });
  const sink = await startEventSink();
  let server: Awaited<ReturnType<typeof startNextServer>> | null = null;
  const client = new HttpClient(`http://127.0.0.1:${PORT}`);
  const summary: Summary[] = [];
  const cpuRows: { label: string; cpu: NonNullable<Cpu> }[] = [];
  const keep = process.env.BENCH_KEEP === "1";
  let companyId: string | null = null;

  /** One measured phase: its figures and the server's CPU time per request meanwhile. */
  const phase = async (label: string, run: () => Promise<RunStats>, options: { quiet?: boolean } = {}) => {
    const snapshot = () => (server ? cpuSnapshot(server.pid, APP_ROLE, database) : null);
    const before = snapshot();
    const stats = await run();
    const cpu = cpuPerRequest(before, snapshot(), stats.sent);
    if (!options.quiet) {
      console.log(line(label, stats, cpu));
      if (cpu) cpuRows.push({ label, cpu });
    }
    return stats;
  };

  try {
    // The world: company, numbers, a booked calendar; leftovers of earlier runs removed.
    const world: VoiceWorld = await prepareVoiceWorld(owner, pick, process.env.BENCH_COMPANY_ID || undefined);
    companyId = world.companyId;
    const removed = await removeBenchCallRows(owner, world.companyId);
    const removedTotal = Object.values(removed).reduce((a, b) => a + b, 0);
    const added = CALENDAR_DAYS > 0 ? await fillCalendar(owner, world, CALENDAR_DAYS) : 0;
    const callers = await knownCallers(owner, world.companyId);
    console.log(
      `company ${world.companyName} (${world.companyId}, the ${process.env.BENCH_COMPANY_ID ? "one asked for" : pick === "largest" ? "largest: most staff" : "median staff count"}): ` +
        `${world.customers.toLocaleString("en")} customers, ${world.appointments.toLocaleString("en")} appointments; ` +
        `${world.branches.length} branches (${world.branches.map((b) => `${b.name} ${b.e164}, ${b.staff.length} staff`).join("; ")}), ${world.services.length} services`,
    );
    console.log(
      `calendar: next ${CALENDAR_DAYS} days booked to 60 % (${added.toLocaleString("en")} appointments added now); ${removedTotal} rows of earlier bench runs removed; ` +
        `${callers.length ? `${callers.length} returning callers` : "no returning callers (keys differ)"}`,
    );
    console.log(`machine: ${cpus().length} CPUs, load ${load()} (shared with other work: latency and throughput are for these conditions; CPU/req much less so)`);

    // The server: production build, runtime role, Retell key, Inngest in cloud mode pointed at the sink.
    server = await startNextServer({
      port: PORT,
      readyPath: "/api/health",
      unset: ["INNGEST_DEV", "INNGEST_BASE_URL", "INNGEST_API_BASE_URL", "MIGRATION_DATABASE_URL"],
      env: {
        ...benchFieldKeys(),
        DATABASE_URL: appUrlFor(url),
        AUTH_SECRET: randomBytes(32).toString("base64"),
        AUTH_URL: `http://127.0.0.1:${PORT}`,
        SMTP_URL: "smtp://127.0.0.1:2525",
        RETELL_API_KEY: API_KEY,
        INNGEST_EVENT_KEY: "bench-event-key",
        INNGEST_SIGNING_KEY: `signkey-bench-${randomBytes(16).toString("hex")}`,
        INNGEST_EVENT_API_BASE_URL: sink.baseUrl,
      },
    });
    console.log(`next start on ${server.base} (pid ${server.pid}); Inngest event API stand-in on ${sink.baseUrl}\n`);

    const health = async (): Promise<Verdict> => {
      const r = await client.send({ method: "GET", path: "/api/health" });
      return { ok: r.status === 200 && r.body === '{"status":"ok"}', label: `HTTP ${r.status}` };
    };
    const availability = (round: number) => async (i: number): Promise<Verdict> => {
      const r = await client.send(signedPost(FUNCTIONS_PATH, checkAvailabilityBody(world, runId, round, i), API_KEY));
      return toolVerdict(r.status, r.body);
    };

    // 1. check_availability vs the no-op handler.
    console.log(`1. check_availability (POST ${FUNCTIONS_PATH}) and the no-op GET /api/health`);
    await phase("warm-up", () => openLoop({ rate: RATE, durationMs: 5_000, send: health }), { quiet: true });
    if (WARMUP_S > 0) await phase(`warm-up check_availability ${RATE}/s`, () => openLoop({ rate: RATE, durationMs: WARMUP_S * 1000, send: availability(0) }));
    const openAvail = await phase(`check_availability open ${RATE}/s`, () => openLoop({ rate: RATE, durationMs: DURATION_S * 1000, send: availability(1) }));
    console.log(`${"".padEnd(34)} answers: ${labelCounts(openAvail)}`);
    const openHealth = await phase(`/api/health open ${RATE}/s`, () => openLoop({ rate: RATE, durationMs: DURATION_S * 1000, send: health }));
    const closedHealth = await phase(`/api/health closed c=${CONCURRENCY}`, () => closedLoop({ concurrency: CONCURRENCY, durationMs: CLOSED_S * 1000, send: health }));
    const closedAvail = await phase(`check_availability closed c=${CONCURRENCY}`, () =>
      closedLoop({ concurrency: CONCURRENCY, durationMs: CLOSED_S * 1000, send: availability(2) }),
    );
    console.log(`${"".padEnd(34)} answers: ${labelCounts(closedAvail)}`);
    const openRatio = openAvail.throughput / openHealth.throughput;
    const closedRatio = closedAvail.throughput / closedHealth.throughput;
    console.log(
      `throughput ratio check_availability / health: open loop at ${RATE}/s offered ${openRatio.toFixed(3)} (judged); ` +
        `closed loop c=${CONCURRENCY} max ${closedRatio.toFixed(3)} (context: ${closedAvail.throughput.toFixed(0)} vs ${closedHealth.throughput.toFixed(0)} req/s)\n`,
    );
    const failedAvail = openAvail.sent - openAvail.ok;
    summary.push(
      {
        measure: `check_availability p99 at ${RATE}/s`,
        target: `≤ ${TARGET.availabilityP99} ms`,
        measured: `${fmtMs(openAvail.p99)} (p50 ${fmtMs(openAvail.p50)}${failedAvail ? `, ${failedAvail} failed` : ""})`,
        verdict: openAvail.p99 <= TARGET.availabilityP99 && failedAvail === 0 ? "PASS" : "FAIL",
      },
      {
        measure: `throughput ratio vs /api/health, ${RATE}/s offered`,
        target: `≥ ${TARGET.ratio}`,
        measured: `${openRatio.toFixed(3)} (${openAvail.throughput.toFixed(1)} / ${openHealth.throughput.toFixed(1)} ok/s)`,
        verdict: openRatio >= TARGET.ratio ? "PASS" : "FAIL",
      },
      {
        measure: `(context) max-throughput ratio, c=${CONCURRENCY}`,
        target: `(≥ ${TARGET.ratio}, not judged)`,
        measured: `${closedRatio.toFixed(3)} (${closedAvail.throughput.toFixed(0)} / ${closedHealth.throughput.toFixed(0)} req/s)`,
        verdict: closedRatio >= TARGET.ratio ? "(would pass)" : "(would fail)",
      },
    );

    // 2. book_appointment into distinct free hours.
    console.log("2. book_appointment (distinct free hours of named staff, 4–8 weeks ahead)");
    const bookings = Math.round(BOOK_RATE * BOOK_S);
    const warmBookings = 10;
    const slots = await freeBookingSlots(owner, world, bookings + warmBookings, 29, Math.max(35, CALENDAR_DAYS));
    if (slots.length < bookings + warmBookings) throw new Error(`only ${slots.length} free hours for ${bookings + warmBookings} bookings: lower BENCH_BOOK_RATE/BENCH_BOOK_S`);
    const book = async (i: number): Promise<Verdict> => {
      const caller = callers.length && i % 2 === 0 ? callers[(i / 2) % callers.length]! : null;
      const r = await client.send(signedPost(FUNCTIONS_PATH, bookAppointmentBody(world, runId, slots[i]!, i, caller), API_KEY));
      if (r.status !== 200) return { ok: false, label: `HTTP ${r.status}` };
      const envelope = JSON.parse(r.body) as { ok?: boolean; data?: { customer_created?: boolean }; error?: { code?: string } };
      if (envelope.ok) return { ok: true, label: envelope.data?.customer_created ? "booked (new customer)" : "booked (returning customer)" };
      return { ok: false, label: `not booked: ${envelope.error?.code ?? "?"}` };
    };
    for (let i = 0; i < warmBookings; i++) await book(bookings + i);
    const booked = await phase(`book_appointment open ${BOOK_RATE}/s`, () => openLoop({ rate: BOOK_RATE, durationMs: BOOK_S * 1000, send: book }));
    console.log(`${"".padEnd(34)} answers: ${labelCounts(booked)}\n`);
    const conflicts = [...booked.labels.entries()].filter(([l]) => l.includes("slot_")).reduce((a, [, n]) => a + n, 0);
    summary.push({
      measure: `book_appointment p99 at ${BOOK_RATE}/s`,
      target: `≤ ${TARGET.bookingP99} ms`,
      measured: `${fmtMs(booked.p99)} (p50 ${fmtMs(booked.p50)}; ${booked.ok} booked, ${conflicts} conflicts, ${booked.sent - booked.ok - conflicts} other)`,
      verdict: booked.p99 <= TARGET.bookingP99 && booked.ok === booked.sent ? "PASS" : "FAIL",
    });

    // 3. Webhook acknowledgement.
    console.log(`3. webhook acknowledgement (POST ${WEBHOOK_PATH}: verify, inbox row, inngest.send over HTTP)`);
    const webhook = (bodies: string[]) => async (i: number): Promise<Verdict> => {
      const r = await client.send(signedPost(WEBHOOK_PATH, bodies[i]!, API_KEY));
      if (r.status !== 200) return { ok: false, label: `HTTP ${r.status}` };
      return r.body === '{"ok":true}' ? { ok: true, label: "stored" } : { ok: false, label: `answer ${r.body.slice(0, 40)}` };
    };
    // Warmed up at the measured rate: the first second after a jump in rate is a transient (new
    // connections, code paths compiled), not the sustained rate the target is about.
    const warmBodies = webhookBodies(world, `${runId}_whw_`, Math.ceil((WEBHOOK_RATE * 5) / 4) * 4);
    await phase("warm-up", () => openLoop({ rate: WEBHOOK_RATE, durationMs: 5_000, send: webhook(warmBodies) }), { quiet: true });
    const total = Math.round(WEBHOOK_RATE * WEBHOOK_S);
    const bodies = webhookBodies(world, `${runId}_wh_`, total);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the warm-up's last events reach the stand-in
    await sink.reset();
    const since = new Date(Date.now() - 60_000);
    const acked = await phase(`webhooks open ${WEBHOOK_RATE}/s`, () => openLoop({ rate: WEBHOOK_RATE, durationMs: WEBHOOK_S * 1000, send: webhook(bodies) }));
    console.log(`${"".padEnd(34)} answers: ${labelCounts(acked)}`);
    const inbox = await countInbox(owner, `${runId}_wh_`, since);
    // The events go to Inngest right after each answer, batched over 50 ms: wait for the last.
    let sent = await sink.stats();
    for (let waited = 0; sent.events < acked.ok && waited < 5_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sent = await sink.stats();
    }
    console.log(
      `inbox: ${inbox.events} events / ${inbox.keys} dedup keys for ${total} sent (${acked.ok} acknowledged); ` +
        `Inngest stand-in got ${sent.events} events in ${sent.requests} requests (${sent.bad} malformed)\n`,
    );
    summary.push(
      {
        measure: `webhook ack p99 at ${WEBHOOK_RATE}/s offered`,
        target: `≤ ${TARGET.webhookP99} ms`,
        measured: `${fmtMs(acked.p99)} (p50 ${fmtMs(acked.p50)}${acked.sent - acked.ok ? `, ${acked.sent - acked.ok} failed` : ""})`,
        verdict: acked.p99 <= TARGET.webhookP99 && acked.ok === acked.sent ? "PASS" : "FAIL",
      },
      {
        measure: "webhook rate sustained",
        target: `≥ ${TARGET.webhookRate}/s`,
        measured: `${acked.throughput.toFixed(1)}/s acknowledged (${WEBHOOK_RATE}/s offered for ${WEBHOOK_S} s)`,
        verdict: acked.throughput >= TARGET.webhookRate ? "PASS" : "FAIL",
      },
      {
        measure: "inbox rows = events sent",
        target: `= ${total}`,
        measured: `${inbox.events} rows (${sent.events} handed to Inngest)`,
        verdict: inbox.events === total && inbox.keys === total && sent.events === total ? "PASS" : "FAIL",
      },
    );

    const w = [46, 26, 64];
    console.log(`${"measure".padEnd(w[0]!)} ${"target".padEnd(w[1]!)} ${"measured".padEnd(w[2]!)} verdict`);
    for (const r of summary) console.log(`${r.measure.padEnd(w[0]!)} ${r.target.padEnd(w[1]!)} ${r.measured.padEnd(w[2]!)} ${r.verdict}`);

    // Where the time goes, independent of what else the machine was doing.
    if (cpuRows.length) {
      console.log(`\nCPU per request (next start process tree; ${APP_ROLE} backends of ${database}) and the ceiling it implies on ${cpus().length} idle cores`);
      for (const { label, cpu } of cpuRows) {
        const nodeCeiling = cpu.server > 0 ? 1000 / cpu.server : Number.POSITIVE_INFINITY;
        const machineCeiling = (1000 * cpus().length) / Math.max(0.001, cpu.server + cpu.database);
        console.log(
          `${label.padEnd(34)} server ${cpu.server.toFixed(2).padStart(7)} ms  db ${cpu.database.toFixed(2).padStart(6)} ms  ` +
            `→ ≤ ${Math.min(nodeCeiling, machineCeiling).toFixed(0)} req/s (one Node.js thread: ${nodeCeiling.toFixed(0)}; all cores: ${machineCeiling.toFixed(0)})`,
        );
      }
    }
    console.log(`\nload average at the end: ${load()} on ${cpus().length} CPUs`);
  } finally {
    client.close();
    if (server) await server.stop();
    await sink.close();
    if (!keep && companyId) await removeBenchCallRows(owner, companyId);
    await owner.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
