import "server-only";
import { and, asc, eq, gte, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { toolTransaction } from "./transaction";
import { appointments, branches, services, staff } from "@/db/schema";
import { ACTIVE_APPOINTMENT_STATUSES } from "@/lib/appointments/status";
import { localIso, spokenDateTime } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { findCallerCustomers } from "./caller";
import { ok } from "./result";
import { defineTool } from "./types";

// find_appointments: the caller's own upcoming appointments, and only theirs — matched by the
// calling number (blind index → customers → appointments), never by anything the LLM passes.
// Another branch of the company is named; the called one is not.

const LIMIT = 10;
const SPOKEN = 3;

export const findAppointmentsTool = defineTool({
  name: "find_appointments",
  args: z.object({}),
  run: (_args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const p = phrasesFor(ctx.locale);
      if (!ctx.fromNumber) return ok(p.withheldNumber, { caller_known: false, appointments: [] });
      const matches = await findCallerCustomers(tx, ctx.companyId, ctx.fromNumber);
      if (matches.length === 0) return ok(p.noAppointments, { caller_known: false, appointments: [] });
      const rows = await tx
        .select({
          id: appointments.id,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          status: appointments.status,
          branchId: appointments.branchId,
          branchName: branches.name,
          serviceName: services.name,
          staffName: staff.displayName,
        })
        .from(appointments)
        .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
        .innerJoin(branches, and(eq(branches.companyId, appointments.companyId), eq(branches.id, appointments.branchId)))
        .leftJoin(staff, and(eq(staff.companyId, appointments.companyId), eq(staff.id, appointments.staffId)))
        .where(
          and(
            eq(appointments.companyId, ctx.companyId),
            inArray(appointments.customerId, matches.map((m) => m.id)),
            inArray(appointments.status, [...ACTIVE_APPOINTMENT_STATUSES]),
            gte(appointments.startsAt, ctx.now),
            isNull(appointments.deletedAt),
          ),
        )
        .orderBy(asc(appointments.startsAt), asc(appointments.id))
        .limit(LIMIT);
      const list = rows.map((r) => ({
        id: r.id,
        starts_at: localIso(r.startsAt, ctx.timeZone),
        ends_at: localIso(r.endsAt, ctx.timeZone),
        spoken: spokenDateTime(r.startsAt, ctx.timeZone, ctx.locale),
        service: r.serviceName,
        staff: r.staffName,
        branch: r.branchName,
        status: r.status,
        other_branch: r.branchId !== ctx.branchId,
      }));
      if (list.length === 0) return ok(p.noAppointments, { caller_known: true, appointments: list });
      const items = list
        .slice(0, SPOKEN)
        .map((a) => p.appointmentItem({ service: a.service, when: a.spoken, staff: a.staff, branch: a.other_branch ? a.branch : null }));
      return ok(p.appointments(items, list.length - items.length), { caller_known: true, appointments: list });
    }),
});
