import "server-only";
import { z } from "zod";
import type { Tx } from "@/db";
import { toolTransaction } from "./transaction";
import { createCallback } from "@/lib/callbacks/create-callback";
import { runToolOnce } from "@/lib/calls/tool-idempotency";
import { parseDatePhrase } from "@/lib/voice/date-phrases";
import { localIso, spokenDateTime } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { optionalArg, requiredArg } from "./args";
import { ensureLiveCall } from "./call-row";
import { findCallerCustomers } from "./caller";
import { callerNameFrom } from "./caller-customer";
import { fail, invalidArgs, ok } from "./result";
import { defineTool, type ToolContext, type ToolResult } from "./types";

// request_callback: a callback request for the called branch with the caller's number, through
// THE callback use case (lib/callbacks: the number sealed with its blind index). Due at the
// preferred time the caller named ("morgen Vormittag" → its start), else within the hour; a
// phrase we cannot read is kept in the reason for staff. An unknown caller must give a name; a
// withheld number cannot be called back. Idempotent: a retried delivery makes no second request.

const DEFAULT_DUE_MS = 60 * 60_000;

const argsSchema = z.object({
  reason: requiredArg(1000),
  preferred_time: optionalArg(),
  customer_name: optionalArg(200),
  first_name: optionalArg(100),
  last_name: optionalArg(100),
});
type CallbackArgs = z.output<typeof argsSchema>;

export const requestCallbackTool = defineTool({
  name: "request_callback",
  args: argsSchema,
  run: (args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const key = { companyId: ctx.companyId, retellCallId: ctx.callId, tool: "request_callback", args };
      const { response } = await runToolOnce(tx, key, () => requestCallback(tx, args, ctx));
      return response;
    }),
});

type CallbackData = { callback_id: string; due_at: string };

async function requestCallback(tx: Tx, args: CallbackArgs, ctx: ToolContext): Promise<ToolResult<CallbackData>> {
  const p = phrasesFor(ctx.locale);
  if (!ctx.fromNumber) return fail("withheld_number", p.withheldForCallback);
  const [callRowId, matches] = await Promise.all([ensureLiveCall(tx, ctx), findCallerCustomers(tx, ctx.companyId, ctx.fromNumber)]);
  if (!callRowId) return fail("branch_unavailable", p.branchUnavailable);
  const name = callerNameFrom(args);
  const spokenName = name ? `${name.firstName} ${name.lastName}` : (args.customer_name ?? null);
  if (matches.length === 0 && !spokenName) return invalidArgs(ctx.locale, ["customer_name"], []);
  const customer = (name && matches.find((m) => m.firstName === name.firstName && m.lastName === name.lastName)) || matches[0];

  const preferred = args.preferred_time ? parseDatePhrase(args.preferred_time, { now: ctx.now, timeZone: ctx.timeZone }) : null;
  const preferredAt = preferred?.ok ? (preferred.exact ?? preferred.from) : null;
  const dueAt = preferredAt ?? new Date(ctx.now.getTime() + DEFAULT_DUE_MS);
  const reason = args.preferred_time && !preferredAt ? `${args.reason} (${args.preferred_time})` : args.reason;

  const result = await createCallback(
    ctx.companyId,
    {
      branchId: ctx.branchId,
      callId: callRowId,
      customerId: customer?.id,
      name: spokenName ?? `${customer!.firstName} ${customer!.lastName}`,
      phone: ctx.fromNumber,
      reason: reason.slice(0, 2000),
      dueAt,
    },
    { branchIds: null, now: ctx.now, context: { tx, requestId: ctx.requestId } },
  );
  if (!result.ok) return fail("branch_unavailable", p.branchUnavailable);
  return ok(p.callbackCreated(preferredAt ? spokenDateTime(preferredAt, ctx.timeZone, ctx.locale) : null), {
    callback_id: result.callback.id,
    due_at: localIso(result.callback.dueAt, ctx.timeZone),
  });
}
