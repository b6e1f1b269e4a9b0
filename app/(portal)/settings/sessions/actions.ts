"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { currentRequestOrigin } from "@/lib/forms/actor";
import { endOtherOwnSessions, endOwnSession } from "@/lib/auth/user-sessions";

// The sessions page's server actions: the signed-in user ends one of their other sessions or all
// of them. Bad input never throws: it comes back as a message code (sessions.messages.<message>).

export type SessionActionState = {
  ok: boolean;
  /** A code: sessions.messages.<message>. */
  message: "ended" | "endedOther" | "endedOthers" | "endedNone" | "current" | "not_found" | "invalid" | null;
  /** How many sessions ended. */
  count?: number;
};

const endOneSchema = z.object({ sessionId: z.uuid() });

/** Ends one other session of the signed-in user. */
export async function endSessionAction(_previous: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const user = await requireUser({ permission: "settings:update" });
  const parsed = endOneSchema.safeParse({ sessionId: formData.get("sessionId") });
  if (!parsed.success) return { ok: false, message: "invalid" };
  const result = await endOwnSession(user, parsed.data.sessionId, await currentRequestOrigin());
  if (!result.ok) return { ok: false, message: result.reason };
  revalidatePath("/settings/sessions");
  return { ok: true, message: "ended", count: 1 };
}

/** Ends every session of the signed-in user but this one. */
export async function endOtherSessionsAction(_previous: SessionActionState, _formData: FormData): Promise<SessionActionState> {
  const user = await requireUser({ permission: "settings:update" });
  const result = await endOtherOwnSessions(user, await currentRequestOrigin());
  if (!result.ok) return { ok: false, message: result.reason };
  revalidatePath("/settings/sessions");
  const message = result.ended === 0 ? "endedNone" : result.ended === 1 ? "endedOther" : "endedOthers";
  return { ok: true, message, count: result.ended };
}
