import { cron } from "inngest";
import { listDueWebhookEvents } from "@/db/platform";
import { REDRIVE_BATCH, redriveEvents } from "@/lib/voice/webhooks/redrive";
import { inngest } from "../client";

// Every minute: inbox rows that are due again are sent to Inngest once more (lib/voice/webhooks/redrive.ts).
export const redriveWebhooks = inngest.createFunction(
  { id: "redrive-webhooks", triggers: [cron("* * * * *")], retries: 1, singleton: { mode: "skip" } },
  async ({ step }) => {
    const due = await step.run("list-due-events", async () => redriveEvents(await listDueWebhookEvents(REDRIVE_BATCH)));
    if (due.length === 0) return { sent: 0 };
    await step.sendEvent("send-due-events", due);
    return { sent: due.length };
  },
);
