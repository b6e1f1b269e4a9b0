import { cron } from "inngest";
import { escalateCallback, expireCallback, listCallbackSweepWork, sendEscalationMail } from "@/lib/callbacks/sweep";
import { inngest } from "../client";

const SWEEP_BATCH = 100;

// Every 15 minutes: overdue callbacks are escalated once (the branch managers get a mail), stale
// ones expire (the rules: lib/callbacks/sweep.ts). One step per item and per mail, so a failed
// mail is retried alone and an escalation already recorded is never mailed twice.
export const sweepCallbacks = inngest.createFunction(
  { id: "sweep-callbacks", triggers: [cron("*/15 * * * *")], retries: 3, singleton: { mode: "skip" } },
  async ({ step }) => {
    const items = await step.run("list-sweep-items", () => listCallbackSweepWork(new Date(), SWEEP_BATCH));
    let escalated = 0;
    let expired = 0;
    let mailed = 0;
    for (const item of items) {
      if (item.action === "expire") {
        if (await step.run(`expire-${item.id}`, () => expireCallback(item.companyId, item.id))) expired++;
        continue;
      }
      const mails = await step.run(`escalate-${item.id}`, () => escalateCallback(item.companyId, item.id));
      if (mails.length > 0) escalated++;
      for (const [index, mail] of mails.entries()) {
        await step.run(`mail-${item.id}-${index}`, () => sendEscalationMail(mail));
        mailed++;
      }
    }
    return { escalated, expired, mailed };
  },
);
