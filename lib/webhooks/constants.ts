import type { WebhookEventStatus, WebhookProvider } from "@/db/schema/webhooks";
import { CALL_EVENTS } from "@/lib/calls/status";
import type { RetellCallEventName } from "@/lib/retell/payloads";

// The webhook inbox's value sets, spelled out for the client (the URL parsers and the table read
// them too, so nothing here may import server code); checked against the database enums by type.

export const WEBHOOK_PROVIDERS = ["retell", "calcom", "stripe"] as const satisfies readonly WebhookProvider[];
export const WEBHOOK_STATUSES = ["pending", "processing", "processed", "failed", "ignored"] as const satisfies readonly WebhookEventStatus[];

/** The event types the filter offers (Retell's call events); any other type still filters from the URL. */
export const WEBHOOK_EVENT_TYPES = CALL_EVENTS satisfies readonly RetellCallEventName[];

/** Providers whose events have a processing function, so a replay does something. */
export const REPLAYABLE_PROVIDERS = ["retell"] as const satisfies readonly WebhookProvider[];

export const isReplayableProvider = (provider: string) => (REPLAYABLE_PROVIDERS as readonly string[]).includes(provider);

/** How many events one bulk replay may name (the largest page of the list). */
export const MAX_BULK_REPLAY = 100;

export const webhookStatusVariant = {
  pending: "warning",
  processing: "secondary",
  processed: "success",
  failed: "destructive",
  ignored: "muted",
} as const satisfies Record<WebhookEventStatus, "warning" | "secondary" | "success" | "destructive" | "muted">;
