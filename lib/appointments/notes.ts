import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { appointmentNotes, appointments, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";

// Internal notes about an appointment (appointment_notes), written by operators after booking:
// add, list, delete. Like the other appointment changes, every call runs in one transaction of
// the company (RLS) and limits the appointment to the actor's branches; a note of an
// appointment outside them, or of another company, is "not found". The author is always the
// acting user, never a field of the input.

/** The form's limit (the column allows more, for imports). */
export const MAX_NOTE_LENGTH = 2000;

export const addNoteSchema = z.object({
  appointmentId: z.guid({ error: "uuid" }),
  body: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required", abort: true })
    .max(MAX_NOTE_LENGTH, { error: "tooLong" }),
});

export type NoteView = {
  id: string;
  body: string;
  createdAt: Date;
  /** Null when the author is gone or not of the company (a platform admin). */
  author: { id: string; name: string } | null;
  authorUserId: string | null;
};

export type NoteScope = {
  /** The acting user: the author of what it adds. */
  userId: string;
  /** The actor's branch scope (branchScope): null = all of the company's. */
  branchIds: readonly string[] | null;
  context?: CompanyContext;
};

export type AddNoteResult =
  | { ok: true; note: NoteView }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<"body", string>> }
  | { ok: false; reason: "not_found" };

export type DeleteNoteResult = { ok: true } | { ok: false; reason: "not_found" | "forbidden" };

const UUID = z.guid();

function inScope(branchIds: readonly string[] | null) {
  if (!branchIds) return undefined;
  return branchIds.length ? inArray(appointments.branchId, [...branchIds]) : sql`false`;
}

/** Whether the appointment is the company's, not deleted and in the actor's branches. */
async function visibleAppointment(tx: Tx, companyId: string, appointmentId: string, branchIds: readonly string[] | null) {
  const [row] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.companyId, companyId), eq(appointments.id, appointmentId), isNull(appointments.deletedAt), inScope(branchIds)));
  return Boolean(row);
}

const noteColumns = {
  id: appointmentNotes.id,
  body: appointmentNotes.body,
  createdAt: appointmentNotes.createdAt,
  authorUserId: appointmentNotes.authorUserId,
  authorName: users.name,
};

const toView = (row: { id: string; body: string; createdAt: Date; authorUserId: string | null; authorName: string | null }): NoteView => ({
  id: row.id,
  body: row.body,
  createdAt: row.createdAt,
  authorUserId: row.authorUserId,
  author: row.authorUserId && row.authorName !== null ? { id: row.authorUserId, name: row.authorName } : null,
});

export async function addNote(companyId: string, input: unknown, scope: NoteScope): Promise<AddNoteResult> {
  const parsed = addNoteSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<"body", string>> = {};
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === "appointmentId") return { ok: false, reason: "not_found" };
      if (issue.path[0] === "body" && !fieldErrors.body) fieldErrors.body = issue.message;
    }
    return { ok: false, reason: "invalid", fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : { body: "required" } };
  }
  const { appointmentId, body } = parsed.data;
  return withCompany(
    companyId,
    async (tx): Promise<AddNoteResult> => {
      if (!(await visibleAppointment(tx, companyId, appointmentId, scope.branchIds))) return { ok: false, reason: "not_found" };
      const [row] = await tx
        .insert(appointmentNotes)
        .values({ id: newId(), companyId, appointmentId, authorUserId: scope.userId, body })
        .returning({ id: appointmentNotes.id, body: appointmentNotes.body, createdAt: appointmentNotes.createdAt, authorUserId: appointmentNotes.authorUserId });
      const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, scope.userId));
      return { ok: true, note: toView({ ...row!, authorName: author?.name ?? null }) };
    },
    { userId: scope.userId, ...scope.context },
  );
}

/** The appointment's notes, oldest first; null when the appointment is not visible to the actor. */
export async function listNotes(
  companyId: string,
  appointmentId: string,
  scope: Pick<NoteScope, "branchIds" | "context">,
): Promise<NoteView[] | null> {
  if (!UUID.safeParse(appointmentId).success) return null;
  return withCompany(
    companyId,
    async (tx) => {
      if (!(await visibleAppointment(tx, companyId, appointmentId, scope.branchIds))) return null;
      const rows = await tx
        .select(noteColumns)
        .from(appointmentNotes)
        .leftJoin(users, eq(users.id, appointmentNotes.authorUserId))
        .where(and(eq(appointmentNotes.companyId, companyId), eq(appointmentNotes.appointmentId, appointmentId)))
        .orderBy(asc(appointmentNotes.createdAt), asc(appointmentNotes.id));
      return rows.map(toView);
    },
    scope.context,
  );
}

/**
 * Deletes a note (notes have no soft delete: they are the operator's scratch text, and the audit
 * log keeps the deleted row). The author may delete their own; others' only with mayDeleteAny.
 */
export async function deleteNote(
  companyId: string,
  noteId: unknown,
  scope: NoteScope & { mayDeleteAny?: boolean },
): Promise<DeleteNoteResult> {
  const id = UUID.safeParse(noteId);
  if (!id.success) return { ok: false, reason: "not_found" };
  return withCompany(
    companyId,
    async (tx): Promise<DeleteNoteResult> => {
      const [note] = await tx
        .select({ id: appointmentNotes.id, authorUserId: appointmentNotes.authorUserId })
        .from(appointmentNotes)
        .innerJoin(appointments, and(eq(appointments.companyId, appointmentNotes.companyId), eq(appointments.id, appointmentNotes.appointmentId)))
        .where(and(eq(appointmentNotes.companyId, companyId), eq(appointmentNotes.id, id.data), isNull(appointments.deletedAt), inScope(scope.branchIds)));
      if (!note) return { ok: false, reason: "not_found" };
      if (note.authorUserId !== scope.userId && !scope.mayDeleteAny) return { ok: false, reason: "forbidden" };
      await tx.delete(appointmentNotes).where(and(eq(appointmentNotes.companyId, companyId), eq(appointmentNotes.id, note.id)));
      return { ok: true };
    },
    { userId: scope.userId, ...scope.context },
  );
}
