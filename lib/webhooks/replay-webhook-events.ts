import "server-only";
import { z } from "zod";
import type { DatabaseHandle } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { getWebhookEventForPlatformAdmin, replayWebhookEventAsPlatformAdmin, type WebhookEventStatus, type WebhookProvider } from "@/db/platform";
import { newId } from "@/db/schema/_columns";
import { inngest } from "@/inngest/client";
import { retellWebhookReceived } from "@/inngest/events";
import { recordSecurityEvent } from "@/lib/security/events";
import { isReplayableProvider, MAX_BULK_REPLAY } from "./constants";
import { webhookEventIdSchema } from "./list";

// A platform admin replays inbox events (one from its row or page, or the selected rows): each is
// put back to pending and due now (app_platform_replay_webhook_event; attempts and the last error
// stay as history), handed to Inngest as the webhook route hands it over, and leaves a
// webhook_replayed security event naming the event and the admin.
//
// The Inngest event is the route's (retell/webhook.received with the inbox id) under a fresh
// event id: Inngest drops a repeated id for 24 hours, and the route already used the inbox id.
// If Inngest cannot be reached the replay still stands: the row is pending and due, and the
// redrive (inngest/functions/redrive-webhooks.ts) sends it within a minute or two of Inngest
// being back. So a failed send is reported (queued: false), never an error.
// Only providers with a processing function can be replayed (a pending stripe row would wait
// forever); an event being processed right now is left alone ("busy").

export const replayWebhookEventsSchema = z.object({
  ids: z.array(webhookEventIdSchema).min(1).max(MAX_BULK_REPLAY),
});

export type ReplayActor = { userId: string; ip?: string | null; userAgent?: string | null };

export type WebhookEventSender = (events: { id: string; name: string; data: { webhookEventId: string } }[]) => Promise<unknown>;

export type ReplayDeps = { send?: WebhookEventSender; handle?: DatabaseHandle };

export type ReplaySkipReason = "not_found" | "busy" | "unsupported";

export type ReplayedWebhookEvent = {
  id: string;
  provider: WebhookProvider;
  eventType: string;
  providerEventId: string;
  companyId: string | null;
  previousStatus: WebhookEventStatus;
};

export type ReplayResult =
  | { ok: true; replayed: ReplayedWebhookEvent[]; skipped: { id: string; reason: ReplaySkipReason }[]; queued: boolean }
  | { ok: false; reason: "invalid" | "forbidden" };

const inngestSend: WebhookEventSender = (events) => inngest.send(events);

export async function replayWebhookEvents(actor: ReplayActor, input: { ids: unknown }, deps: ReplayDeps = {}): Promise<ReplayResult> {
  const parsed = replayWebhookEventsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const ids = [...new Set(parsed.data.ids)];

  const replayed: ReplayedWebhookEvent[] = [];
  const skipped: { id: string; reason: ReplaySkipReason }[] = [];
  try {
    for (const id of ids) {
      const event = await getWebhookEventForPlatformAdmin(actor.userId, id, deps.handle);
      if (!event) {
        skipped.push({ id, reason: "not_found" });
        continue;
      }
      if (!isReplayableProvider(event.provider)) {
        skipped.push({ id, reason: "unsupported" });
        continue;
      }
      if (!(await replayWebhookEventAsPlatformAdmin(actor.userId, id, deps.handle))) {
        // It exists (read above), so it is being processed right now (or vanished meanwhile).
        skipped.push({ id, reason: "busy" });
        continue;
      }
      const { provider, eventType, providerEventId, companyId, status } = event;
      replayed.push({ id, provider, eventType, providerEventId, companyId, previousStatus: status });
    }
  } catch (error) {
    // The database checks the platform admin in every call: anyone else is refused before anything
    // changed. (Deactivated half-way through a bulk replay: what was replayed is still reported.)
    if (sqlStateOf(error) !== SQLSTATE.insufficientPrivilege) throw error;
    if (replayed.length === 0) return { ok: false, reason: "forbidden" };
  }

  let queued = false;
  if (replayed.length > 0) {
    try {
      await (deps.send ?? inngestSend)(
        replayed.map((e) => ({ id: `${e.id}:replay:${newId()}`, name: retellWebhookReceived.name, data: { webhookEventId: e.id } })),
      );
      queued = true;
    } catch (error) {
      console.warn(`[webhooks/replay] inngest.send failed, left for the redrive: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  for (const e of replayed) {
    await recordSecurityEvent({
      type: "webhook_replayed",
      companyId: null,
      userId: actor.userId,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
      details: {
        eventId: e.id,
        provider: e.provider,
        eventType: e.eventType,
        providerEventId: e.providerEventId,
        eventCompanyId: e.companyId,
        previousStatus: e.previousStatus,
        queued,
        ...(ids.length > 1 ? { bulk: ids.length } : {}),
      },
    });
  }
  return { ok: true, replayed, skipped, queued };
}
