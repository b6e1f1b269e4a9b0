import { processRetellWebhook } from "./functions/process-retell-webhook";
import { purgeExpiredAuthRecords } from "./functions/purge-expired-auth-records";
import { purgeWebhooks } from "./functions/purge-webhooks";
import { redriveWebhooks } from "./functions/redrive-webhooks";
import { sweepCallbacks } from "./functions/sweep-callbacks";
import { webhookPartitions } from "./functions/webhook-partitions";

export { inngest } from "./client";

/** Every function the app serves; later issues add theirs here. */
export const functions = [purgeExpiredAuthRecords, processRetellWebhook, redriveWebhooks, webhookPartitions, purgeWebhooks, sweepCallbacks];
