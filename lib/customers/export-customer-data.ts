import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { appointmentNotes, appointments, branches, calls, type Customer, customers, services, staff } from "@/db/schema";
import { mergedFamily } from "./erase-customer";
import { openCustomerFields } from "./protect";
import { customerIdSchema } from "./schemas";
import type { CustomerNotFound } from "./update-customer";

// GDPR access request (Art. 15) and portability (Art. 20): everything stored about one person as
// one JSON document. That is the customer's profile (decrypted), the records merged into it, every
// appointment of any branch (deleted ones too) with its service, staff member, branch, status and
// free text, and the calls linked to the customer. Deleted and erased customers can be exported:
// their rows are still stored.

export const CUSTOMER_EXPORT_FORMAT = "askproai.customer-export.v1";

export type CustomerProfileExport = {
  id: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  notes: string | null;
  locale: "de" | "en";
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  anonymizedAt: string | null;
  mergedIntoId: string | null;
};

export type CustomerDataExport = {
  format: typeof CUSTOMER_EXPORT_FORMAT;
  exportedAt: string;
  customer: CustomerProfileExport;
  mergedRecords: CustomerProfileExport[];
  appointments: {
    id: string;
    customerId: string;
    startsAt: string;
    endsAt: string;
    status: string;
    source: string;
    service: string;
    staff: string | null;
    branch: string;
    priceCents: number;
    currency: string;
    notes: string | null;
    cancelledAt: string | null;
    cancellationReason: string | null;
    createdAt: string;
    deletedAt: string | null;
    noteLog: { body: string; createdAt: string }[];
  }[];
  calls: {
    id: string;
    customerId: string;
    direction: string;
    status: string;
    branch: string | null;
    fromNumber: string | null;
    toNumber: string | null;
    startedAt: string | null;
    endedAt: string | null;
    durationMs: number | null;
    summary: string | null;
    sentiment: string | null;
  }[];
};

export type ExportCustomerDataResult = { ok: true; data: CustomerDataExport } | CustomerNotFound;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function profileOf(row: Customer): CustomerProfileExport {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    ...openCustomerFields(row),
    birthday: row.birthday,
    locale: row.locale,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: iso(row.deletedAt),
    anonymizedAt: iso(row.anonymizedAt),
    mergedIntoId: row.mergedIntoId,
  };
}

export async function exportCustomerData(companyId: string, id: string, context: CompanyContext & { now?: Date } = {}): Promise<ExportCustomerDataResult> {
  if (!customerIdSchema.safeParse(id).success) return { ok: false, reason: "not_found" };
  return withCompany(
    companyId,
    async (tx): Promise<ExportCustomerDataResult> => {
      const [row] = await tx
        .select()
        .from(customers)
        .where(and(eq(customers.companyId, companyId), eq(customers.id, id)));
      if (!row) return { ok: false, reason: "not_found" };
      const family = await mergedFamily(tx, companyId, id);
      const merged = family.length > 1
        ? await tx
            .select()
            .from(customers)
            .where(and(eq(customers.companyId, companyId), inArray(customers.id, family.slice(1))))
            .orderBy(asc(customers.createdAt), asc(customers.id))
        : [];

      const appointmentRows = await tx
        .select({
          id: appointments.id,
          customerId: appointments.customerId,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          status: appointments.status,
          source: appointments.source,
          service: services.name,
          staff: staff.displayName,
          branch: branches.name,
          priceCents: appointments.priceCents,
          currency: appointments.currency,
          notes: appointments.notes,
          cancelledAt: appointments.cancelledAt,
          cancellationReason: appointments.cancellationReason,
          createdAt: appointments.createdAt,
          deletedAt: appointments.deletedAt,
        })
        .from(appointments)
        .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
        .innerJoin(branches, and(eq(branches.companyId, appointments.companyId), eq(branches.id, appointments.branchId)))
        .leftJoin(staff, and(eq(staff.companyId, appointments.companyId), eq(staff.id, appointments.staffId)))
        .where(and(eq(appointments.companyId, companyId), inArray(appointments.customerId, family)))
        .orderBy(asc(appointments.startsAt), asc(appointments.id));
      const noteRows = appointmentRows.length
        ? await tx
            .select({ appointmentId: appointmentNotes.appointmentId, body: appointmentNotes.body, createdAt: appointmentNotes.createdAt })
            .from(appointmentNotes)
            .where(and(eq(appointmentNotes.companyId, companyId), inArray(appointmentNotes.appointmentId, appointmentRows.map((a) => a.id))))
            .orderBy(asc(appointmentNotes.createdAt), asc(appointmentNotes.id))
        : [];

      const callRows = await tx
        .select({
          id: calls.id,
          customerId: calls.customerId,
          direction: calls.direction,
          status: calls.status,
          branch: branches.name,
          fromNumber: calls.fromNumber,
          toNumber: calls.toNumber,
          startedAt: calls.startedAt,
          endedAt: calls.endedAt,
          durationMs: calls.durationMs,
          summary: calls.summary,
          sentiment: calls.sentiment,
        })
        .from(calls)
        .leftJoin(branches, and(eq(branches.companyId, calls.companyId), eq(branches.id, calls.branchId)))
        .where(and(eq(calls.companyId, companyId), inArray(calls.customerId, family)))
        .orderBy(asc(calls.startedAt), asc(calls.id));

      return {
        ok: true,
        data: {
          format: CUSTOMER_EXPORT_FORMAT,
          exportedAt: (context.now ?? new Date()).toISOString(),
          customer: profileOf(row),
          mergedRecords: merged.map(profileOf),
          appointments: appointmentRows.map((a) => ({
            ...a,
            startsAt: a.startsAt.toISOString(),
            endsAt: a.endsAt.toISOString(),
            cancelledAt: iso(a.cancelledAt),
            createdAt: a.createdAt.toISOString(),
            deletedAt: iso(a.deletedAt),
            noteLog: noteRows.filter((n) => n.appointmentId === a.id).map((n) => ({ body: n.body, createdAt: n.createdAt.toISOString() })),
          })),
          calls: callRows.map((c) => ({ ...c, customerId: c.customerId!, startedAt: iso(c.startedAt), endedAt: iso(c.endedAt) })),
        },
      };
    },
    context,
  );
}
