import "server-only";
import { z } from "zod";
import type { Tx } from "@/db";
import { toolTransaction } from "./transaction";
import { runToolOnce } from "@/lib/calls/tool-idempotency";
import { createAppointment, type CreateAppointmentResult } from "@/lib/appointments/create";
import { localIso, spokenDateTime, spokenSlots } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { optionalArg, optionalInstantArg, requiredArg } from "./args";
import { readBranch } from "./branch";
import { ensureLiveCall, linkCallCustomer } from "./call-row";
import { callerNameFrom, resolveCallerCustomer } from "./caller-customer";
import { readEligibleStaff } from "@/lib/scheduling/load";
import { checkAvailabilityIn, pickService } from "./check-availability";
import { heldByOtherCall, ownHoldAt, releaseHolds } from "./holds";
import { matchByName } from "./match";
import { fail, invalidArgs, ok } from "./result";
import { readPhoneServices } from "./services";
import { resolveStart } from "./start-time";
import { defineTool, type ToolContext, type ToolError, type ToolResult } from "./types";

// book_appointment: books the service at the exact start for the caller, through THE booking use
// case (createAppointment: source "phone", booked_by_call_id = our calls row). Idempotent on
// (call, tool, normalized arguments): Retell retries a slow tool, and three identical deliveries
// must book once and answer the same (runToolOnce, the booking in its transaction). The caller is
// the customer with the calling number, created when unknown and a name is given. Staff: the one
// this call holds the slot for (check_availability), else the one named, else the first eligible
// who is free then — never one whose time another call holds. Refused: the nearest alternatives.

const MAX_CANDIDATES = 10;

type Refusal = "taken" | "unavailable";

/** Rolls the booking's savepoint back (nothing was booked). */
class NotBooked extends Error {
  constructor(readonly refusal: Refusal) {
    super("not booked");
  }
}

const argsSchema = z
  .object({
    service: requiredArg(),
    staff: optionalArg(),
    starts_at: optionalInstantArg(),
    date_phrase: optionalArg(),
    time: optionalArg(40),
    first_name: optionalArg(100),
    last_name: optionalArg(100),
    customer_name: optionalArg(200),
    notes: optionalArg(500),
  })
  .refine((a) => Boolean(a?.date_phrase || a?.starts_at), { path: ["date_phrase"], message: "required", when: () => true });

type BookArgs = z.output<typeof argsSchema>;

export type BookAppointmentData = {
  appointment_id: string;
  service: string;
  staff: string | null;
  starts_at: string;
  ends_at: string;
  spoken: string;
  customer_created: boolean;
};

export const bookAppointmentTool = defineTool({
  name: "book_appointment",
  args: argsSchema,
  run: (args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const key = { companyId: ctx.companyId, retellCallId: ctx.callId, tool: "book_appointment", args };
      const { response } = await runToolOnce(tx, key, () => book(tx, args, ctx));
      return response;
    }),
});

async function book(tx: Tx, args: BookArgs, ctx: ToolContext): Promise<ToolResult<BookAppointmentData>> {
  const p = phrasesFor(ctx.locale);
  const start = resolveStart(args, ctx);
  if (!start.ok) {
    if (start.problem === "in_the_past") return fail("in_the_past", p.inThePast);
    if (start.problem === "unparseable") return fail("unparseable_date", p.unparseableDate);
    return fail("invalid_args", p.needTime, { missing: ["time"] });
  }
  const startsAt = start.startsAt;
  const when = spokenDateTime(startsAt, ctx.timeZone, ctx.locale);

  const [branch, offered, callRowId] = await Promise.all([
    readBranch(tx, ctx.companyId, ctx.branchId),
    readPhoneServices(tx, ctx.companyId, ctx.branchId),
    ensureLiveCall(tx, ctx),
  ]);
  if (!branch || !branch.isActive || !callRowId) return fail("branch_unavailable", p.branchUnavailable);
  const service = pickService(args.service, offered);
  if (service.kind === "none") {
    const examples = offered.slice(0, 3).map((s) => s.name);
    return fail("service_not_found", p.serviceNotFound(args.service, examples), { options: examples });
  }
  if (service.kind === "ambiguous") {
    const names = service.items.slice(0, 5).map((s) => s.name);
    return fail("ambiguous_service", p.ambiguous(names), { options: names });
  }
  const chosen = service.item;

  const eligible = await readEligibleStaff(tx, { branchId: ctx.branchId, serviceId: chosen.id });
  let candidates = eligible;
  if (args.staff) {
    const names = eligible.map((s) => s.displayName);
    const match = matchByName(args.staff, eligible, (s) => [s.displayName, s.firstName, `${s.firstName} ${s.lastName}`]);
    if (match.kind === "none") return fail("staff_not_found", p.staffNotFound(args.staff, names), { options: names });
    if (match.kind === "ambiguous") {
      const options = match.items.map((s) => s.displayName);
      return fail("ambiguous_staff", p.ambiguous(options), { options });
    }
    candidates = [match.item];
  }
  const held = await ownHoldAt(tx, ctx, startsAt);
  if (held) candidates = [...candidates].sort((a, b) => Number(b.id === held) - Number(a.id === held));

  // In a savepoint: a caller created for this booking is not kept when nothing could be booked.
  const endOfService = new Date(startsAt.getTime() + chosen.durationMinutes * 60_000);
  try {
    return await tx.transaction(async (sp): Promise<ToolResult<BookAppointmentData>> => {
      const customer = await resolveCallerCustomer(sp, ctx, callerNameFrom(args));
      if (!customer.ok) return invalidArgs(ctx.locale, ["first_name", "last_name"], []);
      // THE use case, as a savepoint of this transaction (withCompany's tx option).
      const context = { tx: sp, requestId: ctx.requestId };
      let refusal: Refusal = "unavailable";
      for (const member of candidates.slice(0, MAX_CANDIDATES)) {
        if (await heldByOtherCall(sp, ctx, member.id, startsAt, endOfService)) {
          refusal = "taken";
          continue;
        }
        const result: CreateAppointmentResult = await createAppointment(
          ctx.companyId,
          { branchId: ctx.branchId, serviceId: chosen.id, staffId: member.id, customerId: customer.customerId, startsAt: startsAt.toISOString(), notes: args.notes },
          { source: "phone", bookedByCallId: callRowId, context, now: ctx.now },
        );
        if (result.ok) {
          const appointment = result.appointment;
          await releaseHolds(sp, ctx);
          await linkCallCustomer(sp, ctx.companyId, callRowId, customer.customerId);
          return ok(p.booked({ service: chosen.name, when, staff: member.displayName }), {
            appointment_id: appointment.id,
            service: chosen.name,
            staff: member.displayName,
            starts_at: localIso(appointment.startsAt, ctx.timeZone),
            ends_at: localIso(appointment.endsAt, ctx.timeZone),
            spoken: when,
            customer_created: customer.created,
          });
        }
        if (result.reason === "slot_taken") refusal = "taken";
      }
      throw new NotBooked(refusal);
    });
  } catch (error) {
    if (!(error instanceof NotBooked)) throw error;
    return refuse(tx, ctx, { service: chosen.id, staff: args.staff, startsAt, when, refusal: error.refusal });
  }
}

/** The refusal with the nearest free alternatives (check_availability's, which holds the first). */
export async function refuse(
  tx: Tx,
  ctx: ToolContext,
  r: { service: string; staff?: string; startsAt: Date; when: string; refusal: Refusal },
): Promise<ToolResult<never>> {
  const p = phrasesFor(ctx.locale);
  const check = await checkAvailabilityIn(tx, { service: r.service, staff: r.staff, starts_at: localIso(r.startsAt, ctx.timeZone) }, ctx);
  const requested = r.startsAt.getTime();
  const slots: NonNullable<ToolError["slots"]> = check.ok
    ? check.data.slots.filter((s) => new Date(s.starts_at).getTime() !== requested).map((s) => ({ starts_at: s.starts_at, spoken: s.spoken, staff: s.staff }))
    : [];
  const code = r.refusal === "taken" ? "slot_taken" : "slot_unavailable";
  if (slots.length === 0) return fail(code, p.takenNoAlternatives(r.when), { slots });
  const alternatives = spokenSlots(
    slots.map((s) => new Date(s.starts_at)),
    ctx.timeZone,
    ctx.locale,
  );
  return fail(code, r.refusal === "taken" ? p.justTaken(r.when, alternatives) : p.notBookable(r.when, alternatives), { slots });
}
