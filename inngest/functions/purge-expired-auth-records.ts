import { cron } from "inngest";
import { purgeAuthRecords } from "@/lib/auth/retention";
import { inngest } from "../client";

// Daily at 03:30 Berlin time, when nobody signs in.
export const purgeExpiredAuthRecords = inngest.createFunction(
  { id: "purge-expired-auth-records", triggers: [cron("TZ=Europe/Berlin 30 3 * * *")], retries: 3 },
  async ({ step }) => step.run("purge-auth-records", () => purgeAuthRecords()),
);
