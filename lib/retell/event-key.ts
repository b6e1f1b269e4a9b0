import { createHash } from "node:crypto";
import type { RetellCallWebhook } from "@/lib/retell/payloads";

// The provider event id of a Retell call webhook: the inbox's unique key and the Inngest event id,
// so a redelivery is a no-op in both. Retell sends no event id of its own (integrations.md §1.1):
//   lifecycle events   event + call_id                    (one each per call)
//   transfer events    + start_timestamp + destination    (a call may transfer more than once)
//   transcript_updated + a hash of the raw body           (a stream: each turn is new, a retry of
//                                                          the same delivery is identical bytes)

const hash = (value: string | Uint8Array) => createHash("sha256").update(value).digest("hex").slice(0, 32);

/** Stable JSON (sorted keys) so a destination object hashes the same whatever its key order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function retellEventKey(webhook: RetellCallWebhook, rawBody: string | Uint8Array): string {
  const { event, call } = webhook;
  switch (event) {
    case "call_started":
    case "call_ended":
    case "call_analyzed":
      return `retell:${call.call_id}:${event}`;
    case "transcript_updated":
      return `retell:${call.call_id}:${event}:${hash(rawBody)}`;
    default:
      return `retell:${call.call_id}:${event}:${call.start_timestamp ?? ""}:${hash(stable(webhook.transfer_destination ?? null))}`;
  }
}
