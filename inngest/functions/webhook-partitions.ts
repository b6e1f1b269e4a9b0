import { cron } from "inngest";
import { ensureWebhookEventPartitions } from "@/db/platform";
import { inngest } from "../client";

// The inbox's month partitions, made three months ahead. Daily rather than monthly: it is a
// no-op when they exist, and a missed run cannot leave a month without one (the insert function
// would create it on the spot anyway, under load).
export const webhookPartitions = inngest.createFunction(
  { id: "webhook-partitions", triggers: [cron("TZ=Europe/Berlin 10 3 * * *")], retries: 3 },
  async ({ step }) => step.run("ensure-partitions", async () => ({ created: await ensureWebhookEventPartitions(new Date(), 3) })),
);
