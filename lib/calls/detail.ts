import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, withCompany } from "@/db";
import { appointments, branches, callbackRequests, callTranscripts, calls, customers, functionTraces, services, type Call, type FunctionTraceOutcome } from "@/db/schema";
import { FieldDecryptionError } from "@/lib/crypto/field-encryption";
import { openTranscript, type TranscriptTurn } from "./transcripts";

// One call for its page (/calls/[id]): the row, its branch, the linked customer, the transcript
// (decrypted here, never sent anywhere else), the tool calls in order, the appointments booked in
// the call and the callback requests made from it. Within the viewer's branches: a call of
// another branch, another company or a malformed id is simply not found.

// The columns the page shows (never metadata or the raw analysis).
const callColumns = {
  id: calls.id,
  branchId: calls.branchId,
  customerId: calls.customerId,
  retellCallId: calls.retellCallId,
  direction: calls.direction,
  status: calls.status,
  fromNumber: calls.fromNumber,
  toNumber: calls.toNumber,
  startedAt: calls.startedAt,
  endedAt: calls.endedAt,
  analyzedAt: calls.analyzedAt,
  durationMs: calls.durationMs,
  disconnectionReason: calls.disconnectionReason,
  summary: calls.summary,
  sentiment: calls.sentiment,
  successful: calls.successful,
  transferStatus: calls.transferStatus,
  transferDestination: calls.transferDestination,
  transferredAt: calls.transferredAt,
  recordingUrl: calls.recordingUrl,
  publicLogUrl: calls.publicLogUrl,
};

export type CallDetail = {
  call: Pick<Call, Exclude<keyof typeof callColumns, never>>;
  branch: { id: string; name: string; timeZone: string } | null;
  customer: { id: string; name: string } | null;
  /** null: no transcript stored; "unreadable": it does not decrypt (a lost key). */
  transcript: { turns: TranscriptTurn[]; isFinal: boolean } | "unreadable" | null;
  traces: {
    id: string;
    toolName: string;
    rawName: string;
    arguments: Record<string, unknown>;
    result: unknown;
    outcome: FunctionTraceOutcome;
    errorCode: string | null;
    latencyMs: number;
    createdAt: Date;
  }[];
  appointments: { id: string; startsAt: Date; status: string; serviceName: string }[];
  callbacks: { id: string; status: string; priority: string; dueAt: Date }[];
};

export type CallDetailOptions = CompanyContext & { branchIds: readonly string[] | null };

export async function getCallDetail(companyId: string, id: unknown, options: CallDetailOptions): Promise<CallDetail | null> {
  const parsed = z.guid().safeParse(id);
  if (!parsed.success) return null;
  const callId = parsed.data;
  const scope = options.branchIds;
  if (scope !== null && scope.length === 0) return null;

  return withCompany(
    companyId,
    async (tx) => {
      const [row] = await tx
        .select(callColumns)
        .from(calls)
        .where(and(eq(calls.companyId, companyId), eq(calls.id, callId), scope ? inArray(calls.branchId, [...scope]) : undefined))
        .limit(1);
      if (!row) return null;

      const [branch] = row.branchId
        ? await tx
            .select({ id: branches.id, name: branches.name, timeZone: branches.timeZone })
            .from(branches)
            .where(and(eq(branches.companyId, companyId), eq(branches.id, row.branchId)))
        : [];
      const [customer] = row.customerId
        ? await tx
            .select({ id: customers.id, firstName: customers.firstName, lastName: customers.lastName })
            .from(customers)
            .where(and(eq(customers.companyId, companyId), eq(customers.id, row.customerId), isNull(customers.deletedAt)))
        : [];
      const [stored] = await tx
        .select({ companyId: callTranscripts.companyId, turnsCiphertext: callTranscripts.turnsCiphertext, isFinal: callTranscripts.isFinal })
        .from(callTranscripts)
        .where(and(eq(callTranscripts.companyId, companyId), eq(callTranscripts.callId, callId)));
      const traces = await tx
        .select({
          id: functionTraces.id,
          toolName: functionTraces.toolName,
          rawName: functionTraces.rawName,
          arguments: functionTraces.arguments,
          result: functionTraces.result,
          outcome: functionTraces.outcome,
          errorCode: functionTraces.errorCode,
          latencyMs: functionTraces.latencyMs,
          createdAt: functionTraces.createdAt,
        })
        .from(functionTraces)
        .where(and(eq(functionTraces.companyId, companyId), eq(functionTraces.callId, callId)))
        .orderBy(asc(functionTraces.createdAt), asc(functionTraces.id));
      const booked = await tx
        .select({ id: appointments.id, startsAt: appointments.startsAt, status: appointments.status, serviceName: services.name })
        .from(appointments)
        .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
        .where(and(eq(appointments.companyId, companyId), eq(appointments.bookedByCallId, callId), isNull(appointments.deletedAt)))
        .orderBy(asc(appointments.startsAt));
      const callbacks = await tx
        .select({ id: callbackRequests.id, status: callbackRequests.status, priority: callbackRequests.priority, dueAt: callbackRequests.dueAt })
        .from(callbackRequests)
        .where(and(eq(callbackRequests.companyId, companyId), eq(callbackRequests.callId, callId), isNull(callbackRequests.deletedAt)))
        .orderBy(asc(callbackRequests.dueAt));

      let transcript: CallDetail["transcript"] = null;
      if (stored) {
        try {
          transcript = { turns: openTranscript(stored), isFinal: stored.isFinal };
        } catch (error) {
          if (!(error instanceof FieldDecryptionError)) throw error;
          transcript = "unreadable";
        }
      }
      return {
        call: { ...row, durationMs: row.durationMs === null ? null : Number(row.durationMs) },
        branch: branch ?? null,
        customer: customer ? { id: customer.id, name: `${customer.firstName} ${customer.lastName}`.trim() } : null,
        transcript,
        traces,
        appointments: booked,
        callbacks,
      };
    },
    options,
  );
}
