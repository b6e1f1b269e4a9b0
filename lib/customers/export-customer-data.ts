import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { appointmentNotes, appointments, branches, callbackRequests, calls, callTranscripts, type Customer, customers, functionTraces, services, staff } from "@/db/schema";
import { openCallbackPhone } from "@/lib/callbacks/protect";
import { openTranscript, type TranscriptTurn } from "@/lib/calls/transcripts";
import { FieldDecryptionError } from "@/lib/crypto/field-encryption";
import { mergedFamily } from "./erase-customer";
import { openCustomerFields } from "./protect";
import { personVoiceScope } from "./voice-data";
import { customerIdSchema } from "./schemas";
import type { CustomerNotFound } from "./update-customer";

// GDPR access request (Art. 15) and portability (Art. 20): everything stored about one person as
// one JSON document. That is the customer's profile (decrypted), the records merged into it, every
// appointment of any branch (deleted ones too) with its service, staff member, branch, status and
// free text, and what the voice agent kept (./voice-data.ts): the customer's calls with summary,
// analysis, links, the decrypted transcript and the tool calls, and their callback requests with
// the decrypted number. Deleted and erased customers can be exported: their rows are still stored.

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
  /**
   * The calls linked to the customer and those linked to nobody from (or to) one of their
   * numbers (customerId null), each with what the voice agent kept of it.
   */
  calls: {
    id: string;
    customerId: string | null;
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
    successful: boolean | null;
    /** What the post-call analysis extracted (Retell's custom analysis data). */
    analysis: Record<string, unknown> | null;
    recordingUrl: string | null;
    publicLogUrl: string | null;
    /** The turns, decrypted; null when none is stored, "unreadable" under a lost key. */
    transcript: TranscriptTurn[] | "unreadable" | null;
    /** The agent's tool calls in the call (phone numbers and e-mail addresses masked when logged). */
    toolCalls: { tool: string; requestedName: string; arguments: Record<string, unknown>; result: unknown; outcome: string; createdAt: string }[];
  }[];
  /** Callback requests for the customer, from one of their numbers or in one of their calls. */
  callbacks: {
    id: string;
    customerId: string | null;
    callId: string | null;
    branch: string;
    /** Decrypted; null under a lost key, "" once erased. */
    phone: string | null;
    name: string | null;
    reason: string | null;
    priority: string;
    status: string;
    dueAt: string;
    createdAt: string;
    contactedAt: string | null;
    completedAt: string | null;
    expiredAt: string | null;
    deletedAt: string | null;
  }[];
};

export type ExportCustomerDataResult = { ok: true; data: CustomerDataExport } | CustomerNotFound;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A decrypted value, or the fallback when it is under a key the ring no longer has. */
function readable<T, F>(open: () => T, fallback: F): T | F {
  try {
    return open();
  } catch (error) {
    if (error instanceof FieldDecryptionError) return fallback;
    throw error;
  }
}

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

      const voice = await personVoiceScope(tx, companyId, family);
      const callIds = voice.calls.map((c) => c.id);
      const callRows = callIds.length
        ? await tx
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
              successful: calls.successful,
              analysis: calls.analysis,
              recordingUrl: calls.recordingUrl,
              publicLogUrl: calls.publicLogUrl,
            })
            .from(calls)
            .leftJoin(branches, and(eq(branches.companyId, calls.companyId), eq(branches.id, calls.branchId)))
            .where(and(eq(calls.companyId, companyId), inArray(calls.id, callIds)))
            .orderBy(asc(calls.startedAt), asc(calls.id))
        : [];
      const transcriptRows = callIds.length
        ? await tx
            .select()
            .from(callTranscripts)
            .where(and(eq(callTranscripts.companyId, companyId), inArray(callTranscripts.callId, callIds)))
        : [];
      const traceRows = callIds.length
        ? await tx
            .select({
              callId: functionTraces.callId,
              tool: functionTraces.toolName,
              requestedName: functionTraces.rawName,
              arguments: functionTraces.arguments,
              result: functionTraces.result,
              outcome: functionTraces.outcome,
              createdAt: functionTraces.createdAt,
            })
            .from(functionTraces)
            .where(and(eq(functionTraces.companyId, companyId), inArray(functionTraces.callId, callIds)))
            .orderBy(asc(functionTraces.createdAt), asc(functionTraces.id))
        : [];
      const callbackRows = voice.callbackIds.length
        ? await tx
            .select({
              id: callbackRequests.id,
              companyId: callbackRequests.companyId,
              customerId: callbackRequests.customerId,
              callId: callbackRequests.callId,
              branch: branches.name,
              phoneCiphertext: callbackRequests.phoneCiphertext,
              name: callbackRequests.name,
              reason: callbackRequests.reason,
              priority: callbackRequests.priority,
              status: callbackRequests.status,
              dueAt: callbackRequests.dueAt,
              createdAt: callbackRequests.createdAt,
              contactedAt: callbackRequests.contactedAt,
              completedAt: callbackRequests.completedAt,
              expiredAt: callbackRequests.expiredAt,
              deletedAt: callbackRequests.deletedAt,
            })
            .from(callbackRequests)
            .innerJoin(branches, and(eq(branches.companyId, callbackRequests.companyId), eq(branches.id, callbackRequests.branchId)))
            .where(and(eq(callbackRequests.companyId, companyId), inArray(callbackRequests.id, voice.callbackIds)))
            .orderBy(asc(callbackRequests.createdAt), asc(callbackRequests.id))
        : [];

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
          calls: callRows.map((c) => {
            const stored = transcriptRows.find((t) => t.callId === c.id);
            return {
              ...c,
              durationMs: c.durationMs === null ? null : Number(c.durationMs),
              startedAt: iso(c.startedAt),
              endedAt: iso(c.endedAt),
              transcript: stored ? readable(() => openTranscript(stored), "unreadable" as const) : null,
              toolCalls: traceRows
                .filter((t) => t.callId === c.id)
                .map(({ callId: _, createdAt, ...t }) => ({ ...t, createdAt: createdAt.toISOString() })),
            };
          }),
          callbacks: callbackRows.map(({ companyId: _, phoneCiphertext, ...c }) => ({
            ...c,
            phone: readable(() => openCallbackPhone({ companyId, phoneCiphertext }), null),
            dueAt: c.dueAt.toISOString(),
            createdAt: c.createdAt.toISOString(),
            contactedAt: iso(c.contactedAt),
            completedAt: iso(c.completedAt),
            expiredAt: iso(c.expiredAt),
            deletedAt: iso(c.deletedAt),
          })),
        },
      };
    },
    context,
  );
}
