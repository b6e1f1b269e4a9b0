import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { claimWebhookEvent, finishWebhookEvent, insertWebhookEvent } from "@/db/platform";
import { callEndedFixture } from "@/lib/retell/fixtures";
import { newCallId } from "@/lib/voice/webhooks/test-support";
import { redriveEvents } from "@/lib/voice/webhooks/redrive";
import { redriveWebhooks } from "./redrive-webhooks";

const store = (redriveAfterSeconds: number, provider: "retell" | "stripe" = "retell") =>
  insertWebhookEvent({
    provider,
    eventType: "call_ended",
    providerEventId: `retell:${newCallId()}:call_ended`,
    payload: callEndedFixture({ callId: newCallId() }),
    redriveAfterSeconds,
  });

describe("redrive-webhooks", () => {
  it("sends due Retell rows again with an id per state and attempt; fresh and finished rows are left", async () => {
    const due = await store(0);
    const fresh = await store(600);
    const finished = await store(0);
    await claimWebhookEvent(finished.id);
    await finishWebhookEvent(finished.id, { status: "processed" });
    const failed = await store(0);
    await claimWebhookEvent(failed.id);
    await finishWebhookEvent(failed.id, { status: "failed", error: "boom" });
    const stripe = await store(0, "stripe");

    // @inngest/test does not mock step.sendEvent (it would need an event key): the step is mocked, its spy keeps the payload.
    const t = new InngestTestEngine({ function: redriveWebhooks, steps: [{ id: "send-due-events", handler: () => ({ ids: [] }) }] });
    const { result, error, ctx } = await t.execute();
    expect(error).toBeUndefined();
    expect((result as { sent: number }).sent).toBeGreaterThanOrEqual(1);
    expect(ctx.step.sendEvent).toHaveBeenCalledTimes(1);
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { id: string; name: string; data: { webhookEventId: string } }[]][] } }).mock.calls[0]![1];
    const ids = sent.map((e) => e.data.webhookEventId);
    expect(sent.find((e) => e.data.webhookEventId === due.id)).toEqual({
      id: `${due.id}:pending:0`,
      name: "retell/webhook.received",
      data: { webhookEventId: due.id },
    });
    // A failed row is due only after its backoff; a fresh one after the grace period; a finished one never.
    for (const id of [fresh.id, finished.id, failed.id, stripe.id]) expect(ids).not.toContain(id);
  });

  it("a retry after a failure gets a new Inngest id (the first send's id is deduplicated by Inngest for 24 h)", () => {
    const id = "0190f0e0-0000-7000-8000-000000000001";
    expect(redriveEvents([{ id, provider: "retell", status: "failed", attempts: 2 }])[0]?.id).toBe(`${id}:failed:2`);
    expect(redriveEvents([{ id, provider: "calcom", status: "pending", attempts: 0 }])).toEqual([]);
  });
});
