import { cron } from "inngest";
import { purgeExpiredVoiceRecords, purgeWebhookEvents } from "@/db/platform";
import { inngest } from "../client";

const DAY = 24 * 60 * 60 * 1000;
/** Inbox events are kept about six months (whole month partitions are dropped). */
export const WEBHOOK_EVENT_RETENTION_DAYS = 183;
/** Dedupe keys outlive Retell's and Stripe's redelivery windows by far. */
export const WEBHOOK_KEY_RETENTION_DAYS = 35;
/** Idempotency records of tool calls: a call lasts minutes; a day covers every retry. */
export const TOOL_INVOCATION_RETENTION_DAYS = 1;

// Daily at 03:40 Berlin time: old inbox partitions and dedupe keys (in batches until none are
// left), expired slot holds and old tool idempotency keys.
export const purgeWebhooks = inngest.createFunction(
  { id: "purge-webhooks", triggers: [cron("TZ=Europe/Berlin 40 3 * * *")], retries: 3 },
  async ({ step }) => {
    const inbox = await step.run("purge-inbox", async () => {
      const now = Date.now();
      const options = { eventsBefore: new Date(now - WEBHOOK_EVENT_RETENTION_DAYS * DAY), keysBefore: new Date(now - WEBHOOK_KEY_RETENTION_DAYS * DAY) };
      const total = { partitionsDropped: 0, keysDeleted: 0 };
      for (let batch = 0; batch < 100; batch++) {
        const result = await purgeWebhookEvents(options);
        total.partitionsDropped += result.partitionsDropped;
        total.keysDeleted += result.keysDeleted;
        if (result.keysDeleted === 0) break;
      }
      return total;
    });
    const voice = await step.run("purge-voice-records", () =>
      purgeExpiredVoiceRecords({ now: new Date(), invocationsBefore: new Date(Date.now() - TOOL_INVOCATION_RETENTION_DAYS * DAY) }),
    );
    return { ...inbox, ...voice };
  },
);
