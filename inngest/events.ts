import { eventType } from "inngest";
import { z } from "zod";

// The app's own events (integrations.md §4: v4 eventType with a zod schema, validated on receipt).

/**
 * A verified webhook delivery waits in the inbox (webhook_events). Sent by the route with the
 * inbox id as the Inngest event id, and again by the redrive; processing claims the row, so a
 * second run of the same row does nothing.
 */
export const retellWebhookReceived = eventType("retell/webhook.received", {
  schema: z.object({ webhookEventId: z.uuid() }),
});

export type RetellWebhookReceivedData = { webhookEventId: string };
