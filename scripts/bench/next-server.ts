// The production build (`next start`) as a child process for a benchmark: started in its own
// process group (stopped as a group, so no next-server is left behind — stack-notes pitfall 10),
// ready once a GET of `readyPath` answers 200. Needs a prior `npm run build` in the working
// directory; `requireBuild` says so clearly instead of letting `next start` fail.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export type NextServer = { base: string; pid: number; stop: () => Promise<void>; stderr: () => string };

export function requireBuild(): void {
  if (!existsSync(resolve(".next/BUILD_ID"))) {
    throw new Error(`no production build in ${resolve(".next")}: run npm run build first (the benchmark measures next start, not next dev)`);
  }
}

/** The field-encryption keys the scale database was sealed with: the environment's, else the local demo ring. */
export function benchFieldKeys(): { FIELD_ENCRYPTION_KEYS: string; FIELD_BLIND_INDEX_KEY: string } {
  if (process.env.FIELD_ENCRYPTION_KEYS && process.env.FIELD_BLIND_INDEX_KEY) {
    return { FIELD_ENCRYPTION_KEYS: process.env.FIELD_ENCRYPTION_KEYS, FIELD_BLIND_INDEX_KEY: process.env.FIELD_BLIND_INDEX_KEY };
  }
  const file = resolve(".data/field-keys.json");
  if (!existsSync(file)) {
    throw new Error(`no field-encryption keys: set FIELD_ENCRYPTION_KEYS and FIELD_BLIND_INDEX_KEY (those db:seed:scale used), or run from the checkout whose ${file} it made`);
  }
  const keys = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return { FIELD_ENCRYPTION_KEYS: keys.FIELD_ENCRYPTION_KEYS!, FIELD_BLIND_INDEX_KEY: keys.FIELD_BLIND_INDEX_KEY! };
}

async function waitReady(child: ChildProcess, url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`next start did not answer ${url} within ${timeoutMs / 1000} s`);
}

export async function startNextServer(options: {
  port: number;
  env: Record<string, string>;
  /** Variables of this process's environment the server must not inherit. */
  unset?: readonly string[];
  readyPath: string;
  timeoutMs?: number;
}): Promise<NextServer> {
  requireBuild();
  const base = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of options.unset ?? []) delete env[name];
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let tail = "";
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-8_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitReady(child, `${base}${options.readyPath}`, options.timeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    if (tail) console.error(`[bench] next start said:\n${tail}`);
    throw error;
  }
  return { base, pid: child.pid!, stop, stderr: () => tail };
}
