import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { ownerHandle } from "@/db/testing/fixtures";
import { purgeWebhooks } from "./purge-webhooks";
import { webhookPartitions } from "./webhook-partitions";

const partitions = async () =>
  rowsOf<{ name: string }>(
    await (await ownerHandle()).db.execute(
      sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'public.webhook_events'::regclass`,
    ),
  ).map((r) => r.name);

const monthName = (offset: number) => {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return `webhook_events_${d.toISOString().slice(0, 7).replace("-", "_")}`;
};

describe("webhook-partitions and purge-webhooks", () => {
  it("makes the next months' partitions (a second run makes none); the purge runs and reports", async () => {
    const first = await new InngestTestEngine({ function: webhookPartitions }).execute();
    expect(first.error).toBeUndefined();
    expect(await partitions()).toEqual(expect.arrayContaining([monthName(0), monthName(1), monthName(2)]));
    const again = await new InngestTestEngine({ function: webhookPartitions }).execute();
    expect(again.result).toEqual({ created: 0 });

    const purge = await new InngestTestEngine({ function: purgeWebhooks }).execute();
    expect(purge.error).toBeUndefined();
    expect(purge.result).toEqual({ partitionsDropped: expect.any(Number), keysDeleted: expect.any(Number), slotHolds: expect.any(Number), toolInvocations: expect.any(Number) });
    // This month's partition is far inside the retention.
    expect(await partitions()).toContain(monthName(0));
  });
});
