"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { requestInfo } from "@/lib/security/events";
import { replayWebhookEvents } from "@/lib/webhooks/replay-webhook-events";

// The webhook inbox's one write: replay (platform admins: webhooks:manage in lib/auth/permissions.ts;
// the database checks the platform admin again). Bad input never throws: message codes
// (webhooks.messages.<code>) come back.

export type WebhookReplayState = {
  ok: boolean;
  /** replayed | not_found | busy | unsupported | forbidden | invalid | none */
  message: string | null;
  /** How many were replayed, and skipped (bulk). */
  count?: number;
  skipped?: number;
  /** false: Inngest could not be reached; the rows wait for the redrive. */
  queued?: boolean;
  at?: number;
};

const MAX_IDS_FIELD = 10_000;

/** Replays the events named in "ids" (one id, or several separated by commas). */
export async function replayWebhooksAction(_previous: WebhookReplayState, formData: FormData): Promise<WebhookReplayState> {
  const user = await requireUser({ permission: "webhooks:manage" });
  const at = Date.now();
  const raw = formData.get("ids");
  if (typeof raw !== "string" || raw.length > MAX_IDS_FIELD) return { ok: false, message: "invalid", at };
  const ids = raw.split(",").map((id) => id.trim()).filter(Boolean);
  const { ip, userAgent } = requestInfo(await headers());
  const result = await replayWebhookEvents({ userId: user.id, ip, userAgent }, { ids });
  if (!result.ok) return { ok: false, message: result.reason, at };
  if (result.replayed.length === 0) {
    return { ok: false, message: result.skipped.length === 1 ? result.skipped[0]!.reason : "none", at };
  }
  revalidatePath("/settings/webhooks", "layout");
  return { ok: true, message: "replayed", count: result.replayed.length, skipped: result.skipped.length, queued: result.queued, at };
}
