import "server-only";
import { and, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { appointmentNotes, appointments, customers } from "@/db/schema";
import type { CustomerNotFound } from "./update-customer";
import { lockCustomer } from "./update-customer";
import { eraseVoiceData, personVoiceScope } from "./voice-data";

// GDPR erasure (Art. 17): the person's data goes, the business facts stay. The customer row keeps
// its id (appointments and calls refer to it, so revenue and visit statistics still add up) but
// its name becomes a placeholder and phone, email, notes and birthday are removed, blind indexes
// included (no lookup finds it any more). The free text around its appointments (notes, the
// cancellation reason, the appointment_notes log) is cleared too, and so is what the voice agent
// stored (./voice-data.ts): the customer's number, summary, analysis and links on their calls,
// the transcripts, the tool calls' arguments and results, their callback requests' number, name
// and reason; durations, statuses and usage stay. Duplicates merged into the customer are the
// same person: they are erased with it. Erasing again changes nothing. The audit trail never
// held the customer's values in the clear (drizzle/0004, 0008 redact them); calls.analysis and
// calls.metadata are not on the calls trigger's redaction list (drizzle/0024), so their old
// values do reach the audit log when a webhook or this erasure changes them.

/** The name an erased customer keeps: neutral in both languages, sorted under "A". */
export const ERASED_FIRST_NAME = "";
export const ERASED_LAST_NAME = "Anonym";

export type EraseCustomerResult = { ok: true; changed: boolean } | CustomerNotFound;

/** The customer and every customer merged into it (directly or through earlier merges). */
export async function mergedFamily(tx: Tx, companyId: string, id: string): Promise<string[]> {
  const family = [id];
  let frontier = [id];
  for (let depth = 0; frontier.length > 0 && depth < 20; depth++) {
    const next = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.companyId, companyId), inArray(customers.mergedIntoId, frontier)));
    frontier = next.map((r) => r.id).filter((n) => !family.includes(n));
    family.push(...frontier);
  }
  return family;
}

export async function eraseCustomer(companyId: string, id: string, context: CompanyContext = {}): Promise<EraseCustomerResult> {
  return withCompany(
    companyId,
    async (tx): Promise<EraseCustomerResult> => {
      const current = await lockCustomer(tx, companyId, id);
      if (!current) return { ok: false, reason: "not_found" };
      const family = await mergedFamily(tx, companyId, id);
      const now = new Date();
      // Before the customer's numbers are removed: unlinked calls and callbacks are found by them.
      const voiceScope = await personVoiceScope(tx, companyId, family);

      const erased = await tx
        .update(customers)
        .set({
          firstName: ERASED_FIRST_NAME,
          lastName: ERASED_LAST_NAME,
          phoneCiphertext: null,
          phoneBlindIndex: null,
          emailCiphertext: null,
          emailBlindIndex: null,
          notesCiphertext: null,
          birthday: null,
          anonymizedAt: now,
        })
        .where(and(eq(customers.companyId, companyId), inArray(customers.id, family), isNull(customers.anonymizedAt)))
        .returning({ id: customers.id });

      const ofFamily = and(eq(appointments.companyId, companyId), inArray(appointments.customerId, family));
      const clearedAppointments = await tx
        .update(appointments)
        .set({ notes: null, cancellationReason: null })
        .where(and(ofFamily, or(isNotNull(appointments.notes), isNotNull(appointments.cancellationReason))))
        .returning({ id: appointments.id });
      const deletedNotes = await tx
        .delete(appointmentNotes)
        .where(
          and(
            eq(appointmentNotes.companyId, companyId),
            inArray(appointmentNotes.appointmentId, tx.select({ id: appointments.id }).from(appointments).where(ofFamily)),
          ),
        )
        .returning({ id: appointmentNotes.id });

      // Calls, transcripts, tool calls and callbacks (./voice-data.ts), found before the numbers go.
      const voice = await eraseVoiceData(tx, companyId, voiceScope, now);

      const voiceChanges = voice.calls + voice.transcripts + voice.traces + voice.invocations + voice.inbox + voice.callbacks;
      const changed = erased.length + clearedAppointments.length + deletedNotes.length + voiceChanges > 0;
      return { ok: true, changed };
    },
    context,
  );
}
