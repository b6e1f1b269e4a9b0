import "server-only";
import { type ClaimedWebhookEvent, finishWebhookEvent } from "@/db/platform";
import { processRetellEvent } from "./process-retell-event";

// A claimed inbox row, processed and finished: processed (with the company it resolved),
// ignored (with the reason: an unknown number, an event type we do not handle) or failed (with
// the error; the redrive retries it with backoff and gives up after 8 attempts). Only a failure
// to record the outcome throws, so Inngest retries the step, and processing again is harmless.

/** As a claimed event arrives from an Inngest step: serialised (dates as strings). */
export type InboxEvent = Pick<ClaimedWebhookEvent, "id" | "provider" | "eventType" | "payload"> & { receivedAt: Date | string };

export type InboxOutcome = { status: "processed" | "ignored" | "failed"; companyId: string | null; detail?: string };

export async function applyInboxEvent(event: InboxEvent): Promise<InboxOutcome> {
  let outcome: InboxOutcome;
  if (event.provider !== "retell") {
    outcome = { status: "ignored", companyId: null, detail: `no processing for ${event.provider} yet` };
  } else {
    try {
      const result = await processRetellEvent(event.payload, { receivedAt: new Date(event.receivedAt) });
      outcome = result.status === "processed"
        ? { status: "processed", companyId: result.companyId, detail: result.callId }
        : { status: "ignored", companyId: result.companyId, detail: result.reason };
    } catch (error) {
      outcome = { status: "failed", companyId: null, detail: errorText(error) };
    }
  }
  await finishWebhookEvent(event.id, {
    status: outcome.status,
    companyId: outcome.companyId,
    error: outcome.status === "processed" ? null : (outcome.detail ?? null),
  });
  return outcome;
}

/** The driver's message and SQLSTATE from the end of the cause chain (Drizzle's wrapper repeats the parameters). */
function errorText(error: unknown): string {
  let inner: unknown = error;
  for (let depth = 0; depth < 5 && (inner as { cause?: unknown })?.cause; depth++) inner = (inner as { cause: unknown }).cause;
  const code = (inner as { code?: unknown })?.code;
  const message = inner instanceof Error ? inner.message : String(inner);
  return `${message.split("\n")[0]!.slice(0, 500)}${typeof code === "string" ? ` (${code})` : ""}`;
}
