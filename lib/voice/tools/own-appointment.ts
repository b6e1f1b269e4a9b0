import "server-only";
import { and, asc, eq, gte, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { appointments, services, staff } from "@/db/schema";
import { ACTIVE_APPOINTMENT_STATUSES } from "@/lib/appointments/status";
import { parseDatePhrase } from "@/lib/voice/date-phrases";
import { spokenDateTime } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { optionalArg, optionalInstantArg } from "./args";
import { findCallerCustomers } from "./caller";
import { fail } from "./result";
import type { ToolContext, ToolResult } from "./types";

// Which of the caller's own appointments cancel/reschedule mean: only upcoming, active ones of
// the customers with the calling number (blind index), never anything else — an id of another
// customer's (or company's) appointment reads exactly like one that does not exist. The agent
// may name it by id (from find_appointments), by its time ("morgen um halb drei"), or not at
// all when there is just one; several fitting → the agent asks which.

const UUID = z.guid();
const LIMIT = 20;

export const appointmentSelectorArgs = {
  appointment_id: optionalArg(64),
  appointment_starts_at: optionalInstantArg(),
  appointment_date_phrase: optionalArg(),
};

export type AppointmentSelector = { appointment_id?: string; appointment_starts_at?: string; appointment_date_phrase?: string };

export type OwnAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  serviceId: string;
  serviceName: string;
  staffId: string | null;
  staffName: string | null;
  customerId: string;
};

export async function findOwnAppointment(tx: Tx, ctx: ToolContext, selector: AppointmentSelector): Promise<{ ok: true; appointment: OwnAppointment } | { ok: false; result: ToolResult<never> }> {
  const p = phrasesFor(ctx.locale);
  const notFound = { ok: false as const, result: fail("appointment_not_found", p.appointmentNotFound) };
  if (!ctx.fromNumber) return { ok: false, result: fail("withheld_number", p.withheldNumber) };
  if (selector.appointment_id && !UUID.safeParse(selector.appointment_id).success) return notFound;
  const matches = await findCallerCustomers(tx, ctx.companyId, ctx.fromNumber);
  if (matches.length === 0) return notFound;
  const rows = await tx
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      serviceId: appointments.serviceId,
      serviceName: services.name,
      staffId: appointments.staffId,
      staffName: staff.displayName,
      customerId: appointments.customerId,
    })
    .from(appointments)
    .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
    .leftJoin(staff, and(eq(staff.companyId, appointments.companyId), eq(staff.id, appointments.staffId)))
    .where(
      and(
        eq(appointments.companyId, ctx.companyId),
        inArray(appointments.customerId, matches.map((m) => m.id)),
        inArray(appointments.status, [...ACTIVE_APPOINTMENT_STATUSES]),
        gte(appointments.startsAt, ctx.now),
        isNull(appointments.deletedAt),
        selector.appointment_id ? eq(appointments.id, selector.appointment_id.toLowerCase()) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(LIMIT);

  let fitting = rows as OwnAppointment[];
  if (!selector.appointment_id && selector.appointment_starts_at) {
    const t = new Date(selector.appointment_starts_at).getTime();
    fitting = fitting.filter((a) => a.startsAt.getTime() === t);
  } else if (!selector.appointment_id && selector.appointment_date_phrase) {
    const parsed = parseDatePhrase(selector.appointment_date_phrase, { now: ctx.now, timeZone: ctx.timeZone });
    if (!parsed.ok) return { ok: false, result: fail(parsed.error === "in_the_past" ? "in_the_past" : "unparseable_date", parsed.error === "in_the_past" ? p.inThePast : p.unparseableDate) };
    const exact = parsed.exact?.getTime();
    fitting = fitting.filter((a) => (exact !== undefined ? a.startsAt.getTime() === exact : a.startsAt >= parsed.from && a.startsAt < parsed.to));
  }
  if (fitting.length === 0) return notFound;
  if (fitting.length > 1) {
    const items = fitting.slice(0, 3).map((a) => p.appointmentItem({ service: a.serviceName, when: spokenDateTime(a.startsAt, ctx.timeZone, ctx.locale), staff: a.staffName, branch: null }));
    return { ok: false, result: fail("invalid_args", p.whichAppointment(items), { missing: ["appointment_id"], options: items }) };
  }
  return { ok: true, appointment: fitting[0]! };
}
