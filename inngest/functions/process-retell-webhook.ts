import { claimWebhookEvent } from "@/db/platform";
import { applyInboxEvent } from "@/lib/voice/webhooks/apply-inbox-event";
import { inngest } from "../client";
import { retellWebhookReceived } from "../events";

// One stored Retell webhook: claim the inbox row (a second run for the same row, from a redrive
// or a duplicate send, finds it claimed or finished and stops), then apply it and record the
// outcome. Failures of the processing itself are recorded on the row and retried by the redrive
// with backoff, not by Inngest; Inngest retries only a step that could not reach the database.
export const processRetellWebhook = inngest.createFunction(
  { id: "process-retell-webhook", triggers: [retellWebhookReceived], retries: 3 },
  async ({ event, step }) => {
    const claimed = await step.run("claim-event", () => claimWebhookEvent(event.data.webhookEventId));
    if (!claimed) return { status: "skipped" as const };
    return step.run("apply-event", () => applyInboxEvent(claimed));
  },
);
