// GET /api/health – liveness: the process is up and serving requests (no database, no session)
//
// For load balancers and uptime checks, and the no-op baseline of npm run bench:voice. Reachable
// signed out: proxy.ts does not run on /api/* at all. Deliberately touches nothing else: a
// database outage must not make an orchestrator restart healthy processes in a loop.

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
