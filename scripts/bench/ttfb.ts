// Server time-to-first-byte of the list pages, for npm run bench:lists: starts the production
// build (`next start`, `npm run build` first) against the scale database as the runtime role,
// signs a bench user of the big company in through POST /api/auth/sign-in (a viewer: it reads
// every list company-wide and needs no second factor), then times GET requests of the real page
// URLs (filters and keyset cursor in the query, as a bookmarked view would send them).
//
// TTFB = request start → first byte of the body. The list pages stream (loading.tsx shows the
// skeleton first), so the first byte can leave before the rows are queried; "complete" = the
// whole HTML document including the streamed table, which is what the operator waits for.
import { randomBytes } from "node:crypto";
import type { DatabaseHandle } from "@/db";
import { newId } from "@/db/schema/_columns";
import { hashPassword } from "@/lib/auth/password";
import { percentile } from "./load";
import { benchFieldKeys, requireBuild, startNextServer } from "./next-server";

export type PageScenario = { list: string; label: string; page: number; path: string };
export type PageTiming = { ttfb50: number; ttfb95: number; full50: number; full95: number };

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const BASE = `http://127.0.0.1:${PORT}`;

export function buildPresent(): boolean {
  try {
    requireBuild();
    return true;
  } catch {
    return false;
  }
}

/** Creates (or reuses) the bench viewer in the company and returns its credentials. */
async function benchUser(owner: DatabaseHandle, companyId: string) {
  const email = "bench-viewer@scale.invalid";
  const password = `Bench-${randomBytes(12).toString("hex")}`;
  const hash = await hashPassword(password);
  await owner.sql.query(
    `insert into users (id, company_id, email, name, password_hash, role, locale, is_active)
       values ($1, $2, $3, 'Bench viewer', $4, 'viewer', 'en', true)
     on conflict ((lower(email))) do update set password_hash = excluded.password_hash, company_id = excluded.company_id, is_active = true`,
    [newId(), companyId, email, hash],
  );
  return { email, password };
}

async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch(`${BASE}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`bench sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (!cookies.some((c) => c.includes("session-token"))) throw new Error("bench sign-in set no session cookie");
  return cookies.join("; ");
}

async function timeOnce(path: string, cookie: string): Promise<{ ttfb: number; full: number }> {
  const t0 = performance.now();
  const response = await fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} (${response.headers.get("location") ?? ""})`);
  const reader = response.body!.getReader();
  const first = await reader.read();
  const ttfb = performance.now() - t0;
  let done = first.done;
  let html = first.value ? Buffer.from(first.value).toString("utf8") : "";
  while (!done) {
    const chunk = await reader.read();
    done = chunk.done;
    if (chunk.value && html.length < 4_000_000) html += Buffer.from(chunk.value).toString("utf8");
  }
  if (!html.includes("<table")) throw new Error(`${path}: no table in the page`);
  return { ttfb, full: performance.now() - t0 };
}

export async function timePages(options: {
  owner: DatabaseHandle;
  companyId: string;
  appUrl: string;
  scenarios: PageScenario[];
  iterations: number;
}): Promise<Map<string, PageTiming>> {
  const { email, password } = await benchUser(options.owner, options.companyId);
  const server = await startNextServer({
    port: PORT,
    readyPath: "/sign-in",
    env: {
      ...benchFieldKeys(),
      DATABASE_URL: options.appUrl,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      AUTH_URL: BASE,
      SMTP_URL: "smtp://127.0.0.1:2525",
      INNGEST_DEV: "1",
      // Required in production with a DATABASE_URL; the list pages never use it.
      RETELL_API_KEY: `bench-retell-${randomBytes(12).toString("hex")}`,
      API_RATE_LIMIT_PER_MINUTE: "100000",
    },
  });
  const results = new Map<string, PageTiming>();
  try {
    const cookie = await signIn(email, password);
    for (const scenario of options.scenarios) {
      for (let i = 0; i < 5; i++) await timeOnce(scenario.path, cookie);
      const ttfb: number[] = [];
      const full: number[] = [];
      for (let i = 0; i < options.iterations; i++) {
        const r = await timeOnce(scenario.path, cookie);
        ttfb.push(r.ttfb);
        full.push(r.full);
      }
      ttfb.sort((a, b) => a - b);
      full.sort((a, b) => a - b);
      results.set(`${scenario.list}|${scenario.label}|${scenario.page}`, {
        ttfb50: percentile(ttfb, 50),
        ttfb95: percentile(ttfb, 95),
        full50: percentile(full, 50),
        full95: percentile(full, 95),
      });
    }
  } catch (error) {
    const said = server.stderr();
    if (said) console.error(`[bench] next start said:\n${said}`);
    throw error;
  } finally {
    await server.stop();
  }
  return results;
}
