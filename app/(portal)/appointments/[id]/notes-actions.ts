"use server";

import { revalidatePath } from "next/cache";
import { addNote, deleteNote } from "@/lib/appointments/notes";
import { can } from "@/lib/auth/permissions";
import { companyActor } from "@/lib/forms/actor";

// The appointment page's notes: add one (the acting user is its author) and delete one (one's
// own with appointments:update, anyone's with appointments:delete). Both are limited to the
// actor's branches; answers are codes (appointmentForm.notes.*), bad input never throws.

export type NoteActionState = {
  ok: boolean;
  message: "added" | "deleted" | "not_found" | "forbidden" | "invalid" | null;
  fieldErrors: { body?: string };
  /** Changes with every answer, so the form can clear itself after a success. */
  at?: number;
};

async function actor() {
  const { user, context, branchIds } = await companyActor("appointments:update");
  return { user, scope: { userId: user.id, branchIds, context: { requestId: context.requestId } } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const refresh = (appointmentId: string | undefined) => {
  if (appointmentId && UUID.test(appointmentId)) revalidatePath(`/appointments/${appointmentId}`);
};

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function addNoteAction(_previous: NoteActionState, formData: FormData): Promise<NoteActionState> {
  const { user, scope } = await actor();
  const appointmentId = text(formData, "appointmentId");
  const result = await addNote(user.companyId, { appointmentId, body: text(formData, "body") }, scope);
  if (!result.ok) {
    return result.reason === "invalid"
      ? { ok: false, message: "invalid", fieldErrors: result.fieldErrors, at: Date.now() }
      : { ok: false, message: "not_found", fieldErrors: {}, at: Date.now() };
  }
  refresh(appointmentId);
  return { ok: true, message: "added", fieldErrors: {}, at: Date.now() };
}

export async function deleteNoteAction(_previous: NoteActionState, formData: FormData): Promise<NoteActionState> {
  const { user, scope } = await actor();
  const result = await deleteNote(user.companyId, text(formData, "noteId"), { ...scope, mayDeleteAny: can(user.role, "appointments:delete") });
  if (!result.ok) return { ok: false, message: result.reason, fieldErrors: {}, at: Date.now() };
  refresh(text(formData, "appointmentId"));
  return { ok: true, message: "deleted", fieldErrors: {}, at: Date.now() };
}
