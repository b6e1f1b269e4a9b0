// CPU time spent by the server under test, from /proc (Linux): the next start process and its
// children, and the PostgreSQL backends of one role and database (their process titles read
// "postgres: [<cluster>: ]<role> <database> …"). On a machine shared with other work, latency and throughput
// depend on what else runs; CPU milliseconds per request do much less, and say where the time
// goes (the Node.js server or the database). Elsewhere than Linux: null, and nothing is shown.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

type Proc = { pid: number; ppid: number; cpuMs: number; title: string };

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the ")" that closes the command name: state ppid … utime(14) stime(15).
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      out.push({ pid: Number(entry), ppid: Number(rest[1]), cpuMs: (Number(rest[11]) + Number(rest[12])) * TICK_MS, title });
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return out;
}

export type CpuSnapshot = { serverMs: number; databaseMs: number };

/** CPU ms so far of the process tree under `rootPid` and of the backends of `role` on `database`. */
export function cpuSnapshot(rootPid: number, role: string, database: string): CpuSnapshot | null {
  let all: Proc[];
  try {
    all = processes();
  } catch {
    return null;
  }
  if (all.length === 0) return null;
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  // "postgres: <role> <db> …", or with a cluster name (Debian): "postgres: 15/main: <role> <db> …".
  const backend = (title: string) => {
    const rest = title.replace(/^postgres: (?:[^\s:]+: )?/, "");
    return rest !== title && rest.startsWith(`${role} ${database} `);
  };
  return {
    serverMs: all.filter((p) => tree.has(p.pid)).reduce((sum, p) => sum + p.cpuMs, 0),
    databaseMs: all.filter((p) => backend(p.title)).reduce((sum, p) => sum + p.cpuMs, 0),
  };
}

/** CPU ms per request between two snapshots, e.g. "server 12.3 + db 4.5 ms CPU/req". */
export function cpuPerRequest(before: CpuSnapshot | null, after: CpuSnapshot | null, requests: number): { server: number; database: number } | null {
  if (!before || !after || requests <= 0) return null;
  return { server: (after.serverMs - before.serverMs) / requests, database: (after.databaseMs - before.databaseMs) / requests };
}
