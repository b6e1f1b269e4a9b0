// Load generation for the HTTP benchmarks (npm run bench:voice): plain node:http over keep-alive
// connections (less client overhead than fetch at hundreds of requests per second, so the
// figures are the server's), an open-loop and a closed-loop driver, and percentiles.
//
// Open loop: request i is due at t0 + i / rate whether or not earlier ones have answered (how
// independent callers arrive), and its latency is counted from when it was DUE, not from when the
// client got round to sending it — a server that falls behind shows it in the latency instead of
// silently slowing the generator down (coordinated omission). `sendLag` says how late the
// generator itself was. Closed loop: `concurrency` workers each send the next request as soon as
// the previous one answered, for a fixed time: the maximum throughput at that concurrency.
import { Agent, request as httpRequest } from "node:http";

export type HttpResult = { status: number; body: string };
export type RequestSpec = { method: "GET" | "POST"; path: string; body?: string; headers?: Record<string, string> };

export class HttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(base: string, maxSockets = 256) {
    this.url = new URL(base);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send(spec: RequestSpec, timeoutMs = 30_000): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...spec.headers };
      if (spec.body !== undefined) headers["content-length"] = Buffer.byteLength(spec.body);
      const req = httpRequest(
        { host: this.url.hostname, port: this.url.port, method: spec.method, path: spec.path, headers, agent: this.agent, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on("error", reject);
      req.end(spec.body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** What the caller makes of one answer: ok (counted as served), and a label to count by. */
export type Verdict = { ok: boolean; label: string };

export type Sample = { latencyMs: number; serviceMs: number; sendLagMs: number; ok: boolean; label: string; endedAt: number };

export type RunStats = {
  /** Requests sent / answered as expected. */
  sent: number;
  ok: number;
  /** Count per verdict label (and "error: …" for transport errors). */
  labels: Map<string, number>;
  /** Latency percentiles in ms over all requests, failed ones included (open loop: from the due time). */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /**
   * Answered-ok requests per second. Closed loop: over the phase (start → last answer). Open loop:
   * the rate of the ok answers between the first and the last of them — a server that keeps up
   * answers at the offered rate, one that falls behind spreads its answers out.
   */
  throughput: number;
  /** Only open loop: the offered rate and how late the generator sent (p99, ms). */
  offered?: number;
  sendLagP99?: number;
  elapsedS: number;
};

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarize(samples: Sample[], sent: number, startedAt: number, extra: Partial<RunStats> = {}): RunStats {
  const labels = new Map<string, number>();
  for (const s of samples) labels.set(s.label, (labels.get(s.label) ?? 0) + 1);
  const good = samples.filter((s) => s.ok);
  const latencies = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  const lastEnd = samples.reduce((m, s) => Math.max(m, s.endedAt), startedAt);
  const elapsedS = (lastEnd - startedAt) / 1000;
  return {
    sent,
    ok: good.length,
    labels,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    throughput: elapsedS > 0 ? good.length / elapsedS : 0,
    elapsedS,
    ...extra,
  };
}

async function timed(send: () => Promise<Verdict>, dueAt: number): Promise<Sample> {
  const sentAt = performance.now();
  let verdict: Verdict;
  try {
    verdict = await send();
  } catch (error) {
    verdict = { ok: false, label: `error: ${error instanceof Error ? error.message.slice(0, 60) : String(error)}` };
  }
  const endedAt = performance.now();
  return { latencyMs: endedAt - dueAt, serviceMs: endedAt - sentAt, sendLagMs: sentAt - dueAt, ok: verdict.ok, label: verdict.label, endedAt };
}

/** `rate` requests per second for `durationMs`; request i is made by `send(i)`. */
export async function openLoop(options: { rate: number; durationMs: number; send: (i: number) => Promise<Verdict> }): Promise<RunStats> {
  const interval = 1000 / options.rate;
  const total = Math.max(1, Math.round((options.rate * options.durationMs) / 1000));
  const t0 = performance.now() + 20;
  const running: Promise<Sample>[] = [];
  await new Promise<void>((done) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && t0 + next * interval <= now) {
        const i = next++;
        running.push(timed(() => options.send(i), t0 + i * interval));
      }
      if (next >= total) return done();
      setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  const samples = await Promise.all(running);
  const lags = samples.map((s) => s.sendLagMs).sort((a, b) => a - b);
  const ends = samples.filter((s) => s.ok).map((s) => s.endedAt);
  const span = ends.length > 1 ? (Math.max(...ends) - Math.min(...ends)) / 1000 : 0;
  const throughput = span > 0 ? (ends.length - 1) / span : 0;
  return summarize(samples, total, t0, { offered: options.rate, sendLagP99: percentile(lags, 99), throughput });
}

/** `concurrency` back-to-back workers for `durationMs`; latency from the actual send. */
export async function closedLoop(options: { concurrency: number; durationMs: number; send: (i: number) => Promise<Verdict> }): Promise<RunStats> {
  const startedAt = performance.now();
  const stopAt = startedAt + options.durationMs;
  const samples: Sample[] = [];
  let next = 0;
  const worker = async () => {
    while (performance.now() < stopAt) {
      const i = next++;
      samples.push(await timed(() => options.send(i), performance.now()));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return summarize(samples, next, startedAt);
}

export const fmtMs = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : "–");

export function labelCounts(stats: RunStats): string {
  return [...stats.labels.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${label} ${n}`)
    .join(", ");
}
