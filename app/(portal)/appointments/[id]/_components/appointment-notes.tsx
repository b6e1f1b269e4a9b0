"use client";

import { CircleAlert, CircleCheck, LoaderCircle, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { addNoteAction, deleteNoteAction, type NoteActionState } from "../notes-actions";

export type NoteItem = { id: string; body: string; author: string | null; when: string; canDelete: boolean };

const initial: NoteActionState = { ok: true, message: null, fieldErrors: {} };
const MAX_NOTE_LENGTH = 2000;

/** All note forms share one state, so the message shown answers the latest action. */
function run(previous: NoteActionState, formData: FormData) {
  return formData.get("intent") === "delete" ? deleteNoteAction(previous, formData) : addNoteAction(previous, formData);
}

export function AppointmentNotes({ appointmentId, notes, canAdd }: { appointmentId: string; notes: NoteItem[]; canAdd: boolean }) {
  const t = useTranslations("appointmentForm.notes");
  const [state, action, pending] = useActionState(run, initial);
  const form = useRef<HTMLFormElement>(null);
  const bodyError = state.fieldErrors.body ? t(`fieldErrors.${state.fieldErrors.body}` as "fieldErrors.required", { max: MAX_NOTE_LENGTH }) : null;

  // After a note was added, empty the field for the next one.
  useEffect(() => {
    if (state.ok && state.message === "added") form.current?.reset();
  }, [state]);

  return (
    <div className="flex flex-col gap-4">
      {notes.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="appointment-notes-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="flex flex-col divide-y" data-testid="appointment-notes">
          {notes.map((note) => (
            <li key={note.id} className="flex items-start gap-3 py-3 first:pt-0" data-testid="appointment-note">
              <div className="min-w-0 flex-1">
                <p className="text-xs text-muted-foreground">
                  <span className="font-medium text-foreground" data-testid="appointment-note-author">
                    {note.author ?? t("unknownAuthor")}
                  </span>{" "}
                  · <time>{note.when}</time>
                </p>
                <p className="mt-1 text-sm break-words whitespace-pre-wrap" data-testid="appointment-note-body">
                  {note.body}
                </p>
              </div>
              {note.canDelete && (
                <form action={action}>
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="appointmentId" value={appointmentId} />
                  <input type="hidden" name="noteId" value={note.id} />
                  <Button
                    type="submit"
                    variant="ghost"
                    size="icon"
                    disabled={pending}
                    aria-label={t("deleteLabel", { author: note.author ?? t("unknownAuthor") })}
                    title={t("delete")}
                    data-testid="appointment-note-delete"
                  >
                    <Trash2 />
                  </Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}

      {state.message && state.message !== "invalid" && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="appointment-notes-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{t(state.message)}</AlertDescription>
        </Alert>
      )}

      {canAdd && (
        <form ref={form} action={action} className="flex flex-col gap-3" data-testid="appointment-note-form">
          <input type="hidden" name="appointmentId" value={appointmentId} />
          <FormField id="appointment-note-body" label={t("label")} error={bodyError}>
            <Textarea
              {...fieldA11y("appointment-note-body", bodyError)}
              name="body"
              rows={3}
              maxLength={MAX_NOTE_LENGTH}
              placeholder={t("placeholder")}
              data-testid="appointment-note-input"
            />
          </FormField>
          <div>
            <Button type="submit" disabled={pending} data-testid="appointment-note-submit">
              {pending && <LoaderCircle className="animate-spin" />}
              {pending ? t("adding") : t("add")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
