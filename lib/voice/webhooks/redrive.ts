import "server-only";
import type { DueWebhookEvent } from "@/db/platform";
import { retellWebhookReceived } from "@/inngest/events";

// What the redrive sends for due inbox rows: pending ones the route could not hand to Inngest
// (or that Inngest has not started within the grace period), failed ones past their backoff and
// processing ones whose worker died. The Inngest event id names the row's state and attempt:
// while a row waits, every minute's redrive sends the same id and Inngest drops the repeats;
// after a failed attempt the id is new, so the retry is not swallowed by Inngest's 24-hour
// deduplication of the route's first send. Claiming makes a surplus run harmless.

export const REDRIVE_BATCH = 500;

export function redriveEvents(due: Pick<DueWebhookEvent, "id" | "provider" | "status" | "attempts">[]) {
  return due
    .filter((event) => event.provider === "retell")
    .map((event) => ({
      id: `${event.id}:${event.status}:${event.attempts}`,
      name: retellWebhookReceived.name,
      data: { webhookEventId: event.id },
    }));
}
