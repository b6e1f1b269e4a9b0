// A local stand-in for Inngest's event API, so `inngest.send` in the server under test really
// goes over HTTP and its cost is in the figures: POST /e/<event key> with one event or an array,
// answered like Inngest answers ({"ids":[…],"status":200}). Point the app at it with
// INNGEST_EVENT_API_BASE_URL (the inngest v4 client reads it for the event API origin) and an
// INNGEST_EVENT_KEY. It runs in a worker thread so its work never delays the load generator's
// timers. It counts events per name and remembers the event ids it got (the inbox row ids), so a
// benchmark can check that every acknowledged webhook was handed on exactly once.
import { Worker } from "node:worker_threads";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { createServer } = require("node:http");
const byName = new Map();
const ids = new Set();
let requests = 0, bad = 0, events = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    requests++;
    let list;
    try {
      if (req.method !== "POST" || !/^\\/e\\/[^/]+$/.test(req.url)) throw new Error("not the event API");
      const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      list = Array.isArray(parsed) ? parsed : [parsed];
      if (list.some((e) => !e || typeof e.name !== "string")) throw new Error("event without a name");
    } catch (error) {
      bad++;
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: 400, error: String(error && error.message) }));
      return;
    }
    const out = [];
    for (const e of list) {
      events++;
      byName.set(e.name, (byName.get(e.name) || 0) + 1);
      if (typeof e.id === "string") ids.add(e.id);
      out.push("01BENCH" + events.toString(36).padStart(10, "0"));
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ids: out, status: 200 }));
  });
});
server.keepAliveTimeout = 65000;
server.listen(workerData.port, "127.0.0.1", () => parentPort.postMessage({ type: "listening", port: server.address().port }));
parentPort.on("message", (m) => {
  if (m === "stats") parentPort.postMessage({ type: "stats", requests, bad, events, byName: Object.fromEntries(byName), ids: [...ids] });
  if (m === "reset") { byName.clear(); ids.clear(); requests = 0; bad = 0; events = 0; parentPort.postMessage({ type: "reset" }); }
  if (m === "close") server.close(() => parentPort.postMessage({ type: "closed" }));
});
`;

export type SinkStats = { requests: number; bad: number; events: number; byName: Record<string, number>; ids: string[] };

export type EventSink = {
  /** The base URL for INNGEST_EVENT_API_BASE_URL. */
  baseUrl: string;
  stats: () => Promise<SinkStats>;
  reset: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startEventSink(port = 0): Promise<EventSink> {
  const worker = new Worker(WORKER, { eval: true, workerData: { port } });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m.type !== type) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(m);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  const listening = await next("listening");
  return {
    baseUrl: `http://127.0.0.1:${String(listening.port)}/`,
    stats: async () => {
      const reply = next("stats");
      worker.postMessage("stats");
      return (await reply) as unknown as SinkStats;
    },
    reset: async () => {
      const reply = next("reset");
      worker.postMessage("reset");
      await reply;
    },
    close: async () => {
      const reply = next("closed");
      worker.postMessage("close");
      await reply;
      await worker.terminate();
    },
  };
}
