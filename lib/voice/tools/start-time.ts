import { parseDatePhrase } from "@/lib/voice/date-phrases";
import type { ToolContext } from "./types";

// The exact start a writing tool books or moves to: an ISO instant (what check_availability
// offered; it wins), else a phrase with a clock time ("morgen um 14:30"), optionally split into
// a day phrase and a time ("morgen" + "14:30"). A phrase without a time is no start: the agent
// asks for it. Read in the branch's zone against the context's clock.

export type StartArgs = { starts_at?: string; date_phrase?: string; time?: string };

export type ResolvedStart = { ok: true; startsAt: Date } | { ok: false; problem: "in_the_past" | "unparseable" | "need_time" };

export function resolveStart(args: StartArgs, ctx: ToolContext): ResolvedStart {
  if (args.starts_at) {
    const startsAt = new Date(args.starts_at);
    return startsAt.getTime() <= ctx.now.getTime() ? { ok: false, problem: "in_the_past" } : { ok: true, startsAt };
  }
  const phrase = [args.date_phrase, args.time && /^\d/.test(args.time) ? `um ${args.time}` : args.time].filter(Boolean).join(" ");
  const parsed = parseDatePhrase(phrase, { now: ctx.now, timeZone: ctx.timeZone });
  if (!parsed.ok) return { ok: false, problem: parsed.error };
  if (!parsed.exact) return { ok: false, problem: "need_time" };
  if (parsed.exact.getTime() <= ctx.now.getTime()) return { ok: false, problem: "in_the_past" };
  return { ok: true, startsAt: parsed.exact };
}
