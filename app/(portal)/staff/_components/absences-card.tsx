"use client";

import { CircleAlert, CircleCheck, LoaderCircle, Pencil, Plus, Trash2, TriangleAlert } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { intlLocale } from "@/lib/i18n/config";
import { ABSENCE_KINDS, type AbsenceKind } from "@/lib/staff/schemas";
import { deleteAbsenceAction, saveAbsenceAction, type StaffFormState } from "../actions";
import { useFieldErrorText } from "./field-error";
import { useMessageText } from "./staff-delete";

// The staff member's absences: upcoming and current ones first, then recent past ones; add one
// (whole days or from a time to a time, in the home branch's time zone), edit or remove one. A
// save that leaves booked appointments inside the absence says how many (they are not cancelled).

export type AbsenceItem = {
  id: string;
  kind: AbsenceKind;
  startsAt: string;
  endsAt: string;
  note: string | null;
  past: boolean;
  /** The form's values in the home branch's time zone. */
  allDay: boolean;
  startDate: string;
  endDate: string;
  startLocal: string;
  endLocal: string;
};

const initial: StaffFormState = { ok: false };

export function AbsencesCard({ staffId, absences, timeZone, today, readOnly }: { staffId: string; absences: AbsenceItem[]; timeZone: string; today: string; readOnly?: boolean }) {
  const t = useTranslations("staff.absences");
  const tForms = useTranslations("forms");
  const locale = useLocale();
  const errorText = useFieldErrorText();
  const messageText = useMessageText();
  const [saveState, saveAction, saving] = useActionState(saveAbsenceAction, initial);
  const [removeState, removeAction, removing] = useActionState(deleteAbsenceAction, initial);
  const [editing, setEditing] = useState<AbsenceItem | null>(null);
  const [allDay, setAllDay] = useState(true);
  // A saved absence empties the form (remounted); a refused one keeps what was typed.
  const [resetKey, setResetKey] = useState(0);
  const [formKey, setFormKey] = useState(0);
  if (saveState.ok && saveState.at && saveState.at !== resetKey) {
    setResetKey(saveState.at);
    setEditing(null);
    setAllDay(true);
  }
  const latest = [saveState, removeState].filter((s) => s.message).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
  const errors = saveState.ok ? {} : (saveState.fieldErrors ?? {});
  const error = (name: string) => errorText(errors[name]);

  const day = new Intl.DateTimeFormat(intlLocale(locale), { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone });
  const dayTime = new Intl.DateTimeFormat(intlLocale(locale), { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
  const time = new Intl.DateTimeFormat(intlLocale(locale), { hour: "2-digit", minute: "2-digit", timeZone });
  const when = (a: AbsenceItem) => {
    const start = new Date(a.startsAt);
    const end = new Date(a.endsAt);
    if (a.allDay) {
      const last = new Date(end.getTime() - 1);
      return a.startDate === a.endDate ? day.format(start) : `${day.format(start)} – ${day.format(last)}`;
    }
    return a.startLocal.slice(0, 10) === a.endLocal.slice(0, 10) ? `${dayTime.format(start)} – ${time.format(end)}` : `${dayTime.format(start)} – ${dayTime.format(end)}`;
  };

  const edit = (a: AbsenceItem) => {
    setEditing(a);
    setAllDay(a.allDay);
    setFormKey((k) => k + 1);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => saveAction(data));
  };
  const upcoming = absences.filter((a) => !a.past);
  const past = absences.filter((a) => a.past);

  const row = (a: AbsenceItem) => (
    <li key={a.id} className="flex items-center gap-3 px-3 py-2" data-testid="absence-row" data-kind={a.kind}>
      <div className="min-w-0 flex-1">
        <p className={`flex flex-wrap items-center gap-2 text-sm ${a.past ? "text-muted-foreground" : "font-medium"}`}>
          <Badge variant={a.kind === "sick" ? "warning" : a.kind === "vacation" ? "secondary" : "outline"}>{t(`kinds.${a.kind}`)}</Badge>
          <span data-testid="absence-when">{when(a)}</span>
        </p>
        {a.note && <p className="truncate text-xs text-muted-foreground">{a.note}</p>}
      </div>
      {!readOnly && (
        <div className="flex shrink-0 gap-1">
          <Button type="button" variant="ghost" size="icon-sm" onClick={() => edit(a)} aria-label={t("edit", { when: when(a) })} title={t("edit", { when: when(a) })} data-testid="absence-edit">
            <Pencil />
          </Button>
          <form action={removeAction}>
            <input type="hidden" name="id" value={staffId} />
            <input type="hidden" name="absenceId" value={a.id} />
            <Button type="submit" variant="ghost" size="icon-sm" disabled={removing} aria-label={t("remove", { when: when(a) })} title={t("remove", { when: when(a) })} data-testid="absence-remove">
              <Trash2 />
            </Button>
          </form>
        </div>
      )}
    </li>
  );

  return (
    <div className="flex flex-col gap-4" data-testid="absences">
      {latest?.message && (
        <Alert
          variant={latest.ok ? "default" : "destructive"}
          className={latest.ok && latest.message === "absenceSavedWithAppointments" ? "border-warning/40 bg-warning/10" : undefined}
          role="status"
          data-testid="absences-message"
        >
          {!latest.ok ? <CircleAlert /> : latest.message === "absenceSavedWithAppointments" ? <TriangleAlert /> : <CircleCheck />}
          <AlertDescription>{messageText(latest)}</AlertDescription>
        </Alert>
      )}
      {!readOnly && (
        <form key={`${resetKey}-${formKey}`} onSubmit={submit} noValidate className="flex flex-col gap-3 rounded-lg border border-dashed p-3" data-testid="absence-form">
          <input type="hidden" name="id" value={staffId} />
          {editing && <input type="hidden" name="absenceId" value={editing.id} />}
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField id="absence-form-kind" label={t("kind")} error={error("kind")}>
              <NativeSelect name="kind" defaultValue={editing?.kind ?? "vacation"} {...fieldA11y("absence-form-kind", error("kind"))} data-testid="absence-form-kind">
                {ABSENCE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kinds.${kind}`)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <label className="flex items-center gap-2.5 text-sm sm:pt-6">
              <Checkbox name="allDay" checked={allDay} onCheckedChange={(v) => setAllDay(v === true)} data-testid="absence-form-all-day" />
              {t("allDay")}
            </label>
            {allDay ? (
              <>
                <FormField id="absence-form-start-date" label={t("from")} error={error("startDate")}>
                  <Input name="startDate" type="date" defaultValue={editing?.startDate ?? today} {...fieldA11y("absence-form-start-date", error("startDate"))} data-testid="absence-form-start-date" />
                </FormField>
                <FormField id="absence-form-end-date" label={t("toInclusive")} error={error("endDate")}>
                  <Input name="endDate" type="date" defaultValue={editing?.endDate ?? today} {...fieldA11y("absence-form-end-date", error("endDate"))} data-testid="absence-form-end-date" />
                </FormField>
              </>
            ) : (
              <>
                <FormField id="absence-form-starts-at" label={t("from")} error={error("startsAt")}>
                  <Input name="startsAt" type="datetime-local" defaultValue={editing?.startLocal ?? `${today}T09:00`} {...fieldA11y("absence-form-starts-at", error("startsAt"))} data-testid="absence-form-starts-at" />
                </FormField>
                <FormField id="absence-form-ends-at" label={t("to")} error={error("endsAt")}>
                  <Input name="endsAt" type="datetime-local" defaultValue={editing?.endLocal ?? `${today}T18:00`} {...fieldA11y("absence-form-ends-at", error("endsAt"))} data-testid="absence-form-ends-at" />
                </FormField>
              </>
            )}
            <FormField id="absence-form-note" label={t("note")} error={error("note")} className="sm:col-span-2">
              <Input name="note" maxLength={500} defaultValue={editing?.note ?? ""} placeholder={t("notePlaceholder")} {...fieldA11y("absence-form-note", error("note"))} data-testid="absence-form-note" />
            </FormField>
          </div>
          <p className="text-xs text-muted-foreground">{t("timeZoneHint", { timeZone })}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={saving} data-testid="absence-form-submit">
              {saving ? <LoaderCircle className="animate-spin" /> : editing ? null : <Plus />}
              {editing ? tForms("save") : t("add")}
            </Button>
            {editing && (
              <Button type="button" variant="outline" onClick={() => {
                  setEditing(null);
                  setAllDay(true);
                  setFormKey((k) => k + 1);
                }} data-testid="absence-form-cancel">
                {tForms("cancel")}
              </Button>
            )}
          </div>
        </form>
      )}
      <section aria-labelledby="absences-upcoming" className="flex flex-col gap-2">
        <h3 id="absences-upcoming" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
          {t("upcoming")}
        </h3>
        {upcoming.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="absences-none">
            {t("none")}
          </p>
        ) : (
          <ul className="divide-y rounded-lg border" data-testid="absences-upcoming">
            {upcoming.map(row)}
          </ul>
        )}
      </section>
      {past.length > 0 && (
        <details>
          <summary className="cursor-pointer text-xs font-medium tracking-wide text-muted-foreground uppercase">{t("past", { count: past.length })}</summary>
          <ul className="mt-2 divide-y rounded-lg border" data-testid="absences-past">
            {past.map(row)}
          </ul>
        </details>
      )}
    </div>
  );
}
