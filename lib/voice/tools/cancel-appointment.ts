import "server-only";
import { z } from "zod";
import type { Tx } from "@/db";
import { toolTransaction } from "./transaction";
import { cancelAppointment } from "@/lib/appointments/change";
import { runToolOnce } from "@/lib/calls/tool-idempotency";
import { spokenDateTime } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { optionalArg } from "./args";
import { appointmentSelectorArgs, findOwnAppointment } from "./own-appointment";
import { fail, ok } from "./result";
import { defineTool, type ToolContext, type ToolResult } from "./types";

// cancel_appointment: cancels one of the caller's own upcoming appointments (./own-appointment.ts)
// through THE cancel use case; idempotent like every writing tool (a retried delivery answers
// what the first did, instead of "not found" for the appointment it just cancelled).

const argsSchema = z.object({ ...appointmentSelectorArgs, reason: optionalArg(500) });
type CancelArgs = z.output<typeof argsSchema>;

export const cancelAppointmentTool = defineTool({
  name: "cancel_appointment",
  args: argsSchema,
  run: (args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const key = { companyId: ctx.companyId, retellCallId: ctx.callId, tool: "cancel_appointment", args };
      const { response } = await runToolOnce(tx, key, () => cancel(tx, args, ctx));
      return response;
    }),
});

async function cancel(tx: Tx, args: CancelArgs, ctx: ToolContext): Promise<ToolResult<{ appointment_id: string; spoken: string }>> {
  const p = phrasesFor(ctx.locale);
  const own = await findOwnAppointment(tx, ctx, args);
  if (!own.ok) return own.result;
  const { appointment } = own;
  const result = await cancelAppointment(ctx.companyId, appointment.id, { reason: args.reason }, { context: { tx, requestId: ctx.requestId }, now: ctx.now });
  if (!result.ok) return result.reason === "not_found" ? fail("appointment_not_found", p.appointmentNotFound) : fail("not_changeable", p.notChangeable);
  const when = spokenDateTime(appointment.startsAt, ctx.timeZone, ctx.locale);
  return ok(p.cancelled({ service: appointment.serviceName, when }), { appointment_id: appointment.id, spoken: when });
}
