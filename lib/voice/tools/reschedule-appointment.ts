import "server-only";
import { z } from "zod";
import type { Tx } from "@/db";
import { toolTransaction } from "./transaction";
import { rescheduleAppointment } from "@/lib/appointments/change";
import { runToolOnce } from "@/lib/calls/tool-idempotency";
import { localIso, spokenDateTime } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { optionalArg, optionalInstantArg } from "./args";
import { refuse } from "./book-appointment";
import { heldByOtherCall, releaseHolds } from "./holds";
import { appointmentSelectorArgs, findOwnAppointment } from "./own-appointment";
import { fail, ok } from "./result";
import { resolveStart } from "./start-time";
import { defineTool, type ToolContext, type ToolResult } from "./types";

// reschedule_appointment: moves one of the caller's own upcoming appointments
// (./own-appointment.ts) to a new exact start with the same staff member, through THE
// reschedule use case (availability with the appointment's own time not counting as busy).
// A time another call holds is refused like a taken one, with alternatives; idempotent.

const argsSchema = z
  .object({ ...appointmentSelectorArgs, new_starts_at: optionalInstantArg(), new_date_phrase: optionalArg(), new_time: optionalArg(40) })
  .refine((a) => Boolean(a?.new_date_phrase || a?.new_starts_at), { path: ["new_date_phrase"], message: "required", when: () => true });
type RescheduleArgs = z.output<typeof argsSchema>;

export const rescheduleAppointmentTool = defineTool({
  name: "reschedule_appointment",
  args: argsSchema,
  run: (args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const key = { companyId: ctx.companyId, retellCallId: ctx.callId, tool: "reschedule_appointment", args };
      const { response } = await runToolOnce(tx, key, () => reschedule(tx, args, ctx));
      return response;
    }),
});

type RescheduleData = { appointment_id: string; starts_at: string; ends_at: string; spoken: string };

async function reschedule(tx: Tx, args: RescheduleArgs, ctx: ToolContext): Promise<ToolResult<RescheduleData>> {
  const p = phrasesFor(ctx.locale);
  const start = resolveStart({ starts_at: args.new_starts_at, date_phrase: args.new_date_phrase, time: args.new_time }, ctx);
  if (!start.ok) {
    if (start.problem === "in_the_past") return fail("in_the_past", p.inThePast);
    if (start.problem === "unparseable") return fail("unparseable_date", p.unparseableDate);
    return fail("invalid_args", p.needTime, { missing: ["new_time"] });
  }
  const own = await findOwnAppointment(tx, ctx, args);
  if (!own.ok) return own.result;
  const { appointment } = own;
  const startsAt = start.startsAt;
  const when = spokenDateTime(startsAt, ctx.timeZone, ctx.locale);
  const refusal = (kind: "taken" | "unavailable") =>
    refuse(tx, ctx, { service: appointment.serviceId, staff: appointment.staffName ?? undefined, startsAt, when, refusal: kind });

  const duration = appointment.endsAt.getTime() - appointment.startsAt.getTime();
  if (appointment.staffId && (await heldByOtherCall(tx, ctx, appointment.staffId, startsAt, new Date(startsAt.getTime() + duration)))) return refusal("taken");

  const context = { tx, requestId: ctx.requestId };
  const result = await rescheduleAppointment(ctx.companyId, appointment.id, { startsAt: startsAt.toISOString() }, { context, now: ctx.now, enforceNotice: true });
  if (result.ok) {
    await releaseHolds(tx, ctx);
    return ok(p.rescheduled({ service: appointment.serviceName, when, staff: appointment.staffName }), {
      appointment_id: appointment.id,
      starts_at: localIso(result.appointment.startsAt, ctx.timeZone),
      ends_at: localIso(result.appointment.endsAt, ctx.timeZone),
      spoken: when,
    });
  }
  if (result.reason === "not_found") return fail("appointment_not_found", p.appointmentNotFound);
  if (result.reason === "not_changeable") return fail("not_changeable", p.notChangeable);
  return refusal(result.reason === "slot_taken" ? "taken" : "unavailable");
}
