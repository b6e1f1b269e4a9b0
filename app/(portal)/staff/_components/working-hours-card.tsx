"use client";

import { CalendarPlus, CircleAlert, CircleCheck, LoaderCircle, Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { type Week, WEEKDAYS, type Weekday } from "@/lib/staff/schemas";
import { deleteScheduleAction, saveWorkingHoursAction, type StaffFormState } from "../actions";
import { useFieldErrorText } from "./field-error";
import { useDateText, useMessageText } from "./staff-delete";
import { copyWeek, emptyWeek, WeekEditor } from "./week-editor";

// The staff page's working hours: per branch they may work at, the list of schedules (current,
// future, past) and the weekly editor for one of them — or for a new one from a date, which ends
// the open-ended one before it (lib/staff/set-working-hours.ts).

export type ScheduleItem = { validFrom: string; validTo: string | null; days: Week; status: "current" | "future" | "past" };
export type BranchHours = { branchId: string; branchName: string; timeZone: string; today: string; schedules: ScheduleItem[] };

type Selection = { mode: "edit"; validFrom: string } | { mode: "new" };
const initial: StaffFormState = { ok: false };

/** Consecutive days with the same shifts as one line: "Mo–Fr 09:00–17:00 (break 12:00–12:30)". */
function useWeekLines() {
  const t = useTranslations("staff.hours");
  const tShort = useTranslations("staff.weekdaysShort");
  return (week: Week): string[] => {
    const text = (day: Weekday) =>
      week[day]
        .map((s) => `${s.start}–${s.end}${s.breaks.length ? ` (${t("breakShort")} ${s.breaks.map((b) => `${b.start}–${b.end}`).join(", ")})` : ""}`)
        .join(", ");
    const lines: string[] = [];
    let from = 0;
    for (let i = 1; i <= WEEKDAYS.length; i++) {
      const a = WEEKDAYS[from]!;
      if (i < WEEKDAYS.length && text(WEEKDAYS[i]!) === text(a)) continue;
      const b = WEEKDAYS[i - 1]!;
      if (text(a)) lines.push(`${a === b ? tShort(a) : `${tShort(a)}–${tShort(b)}`} ${text(a)}`);
      from = i;
    }
    return lines;
  };
}

export function WorkingHoursCard({ staffId, branches, readOnly }: { staffId: string; branches: BranchHours[]; readOnly?: boolean }) {
  const t = useTranslations("staff.hours");
  const tForms = useTranslations("forms");
  const errorText = useFieldErrorText();
  const messageText = useMessageText();
  const dateText = useDateText();
  const weekLines = useWeekLines();
  const [branchId, setBranchId] = useState(branches[0]?.branchId ?? "");
  const branch = branches.find((b) => b.branchId === branchId) ?? branches[0];
  const current = branch?.schedules.find((s) => s.status === "current");
  const [selection, setSelection] = useState<Selection | null>(null);
  const chosen: Selection = selection ?? (current ? { mode: "edit", validFrom: current.validFrom } : { mode: "new" });
  const editing = chosen.mode === "edit" ? branch?.schedules.find((s) => s.validFrom === chosen.validFrom) : undefined;
  const editorKey = `${branch?.branchId}|${editing ? editing.validFrom : "new"}`;

  const [state, action, pending] = useActionState(saveWorkingHoursAction, initial);
  const [deleteState, deleteAction, deleting] = useActionState(deleteScheduleAction, initial);
  const [week, setWeek] = useState<Week>(() => copyWeek(editing?.days ?? emptyWeek()));
  const [shownKey, setShownKey] = useState(editorKey);
  const [stale, setStale] = useState<ReadonlySet<Weekday>>(new Set());
  const [submitted, setSubmitted] = useState<{ key: string; validFrom: string; at?: number } | null>(null);
  // Another schedule or branch picked: the editor starts from it (a new one from the current week).
  if (shownKey !== editorKey) {
    setShownKey(editorKey);
    setWeek(copyWeek(editing?.days ?? current?.days ?? emptyWeek()));
    setStale(new Set());
  }
  // Saved: the editor now edits what was saved.
  if (state.ok && state.at && submitted && submitted.at !== state.at) {
    setSubmitted({ ...submitted, at: state.at });
    setSelection({ mode: "edit", validFrom: submitted.validFrom });
  }
  const errors = !state.ok && submitted?.key === editorKey ? (state.fieldErrors ?? {}) : {};
  const latest = [state, deleteState].filter((s) => s.message).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setStale(new Set());
    setSubmitted({ key: editorKey, validFrom: String(data.get("validFrom") ?? ""), at: state.at });
    startTransition(() => action(data));
  };

  if (!branch) return <p className="text-sm text-muted-foreground">{t("noBranch")}</p>;
  const rangeText = (s: { validFrom: string; validTo: string | null }) =>
    s.validTo ? t("range", { from: dateText(s.validFrom), to: dateText(s.validTo) }) : t("rangeOpen", { from: dateText(s.validFrom) });
  const groups = (["current", "future", "past"] as const).map((status) => ({ status, items: branch.schedules.filter((s) => s.status === status) }));

  return (
    <div className="flex flex-col gap-5" data-testid="working-hours">
      {branches.length > 1 && (
        <FormField id="hours-branch" label={t("branch")} className="max-w-sm">
          <NativeSelect id="hours-branch" value={branch.branchId} onChange={(event) => { setBranchId(event.target.value); setSelection(null); }} data-testid="hours-branch">
            {branches.map((b) => (
              <option key={b.branchId} value={b.branchId}>
                {b.branchName}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      )}
      {latest?.message && (
        <Alert variant={latest.ok ? "default" : "destructive"} role="status" data-testid="hours-message">
          {latest.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(latest)}</AlertDescription>
        </Alert>
      )}

      <section className="flex flex-col gap-2" aria-labelledby="hours-schedules">
        <div className="flex items-center justify-between gap-2">
          <h3 id="hours-schedules" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
            {t("schedules")}
          </h3>
          {!readOnly && (
            <Button type="button" variant="outline" size="sm" onClick={() => setSelection({ mode: "new" })} disabled={chosen.mode === "new"} data-testid="hours-new-schedule">
              <CalendarPlus />
              {t("newSchedule")}
            </Button>
          )}
        </div>
        {branch.schedules.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="hours-none">
            {t("none")}
          </p>
        ) : (
          <ul className="divide-y rounded-lg border" data-testid="hours-schedules">
            {groups.flatMap((group) =>
              group.items.map((s) => {
                const selected = chosen.mode === "edit" && chosen.validFrom === s.validFrom;
                return (
                  <li key={s.validFrom} className={`flex items-start gap-3 px-3 py-2.5 ${selected ? "bg-muted/50" : ""}`} data-testid="hours-schedule" data-status={s.status} data-from={s.validFrom}>
                    <div className="min-w-0 flex-1">
                      <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                        {rangeText(s)}
                        <Badge variant={s.status === "current" ? "success" : s.status === "future" ? "secondary" : "muted"}>{t(`status.${s.status}`)}</Badge>
                      </p>
                      <ul className="mt-0.5 text-xs text-muted-foreground tabular-nums" data-testid="hours-schedule-lines">
                        {weekLines(s.days).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </div>
                    {!readOnly && (
                      <div className="flex shrink-0 gap-1">
                        <Button type="button" variant="ghost" size="icon-sm" onClick={() => setSelection({ mode: "edit", validFrom: s.validFrom })} aria-label={t("edit", { range: rangeText(s) })} title={t("edit", { range: rangeText(s) })} data-testid="hours-schedule-edit">
                          <Pencil />
                        </Button>
                        <form action={deleteAction}>
                          <input type="hidden" name="id" value={staffId} />
                          <input type="hidden" name="branchId" value={branch.branchId} />
                          <input type="hidden" name="validFrom" value={s.validFrom} />
                          <Button type="submit" variant="ghost" size="icon-sm" disabled={deleting} aria-label={t("delete", { range: rangeText(s) })} title={t("delete", { range: rangeText(s) })} data-testid="hours-schedule-delete" onClick={() => { if (selected) setSelection({ mode: "new" }); }}>
                            <Trash2 />
                          </Button>
                        </form>
                      </div>
                    )}
                  </li>
                );
              }),
            )}
          </ul>
        )}
      </section>

      {!readOnly && (
        <form key={editorKey} onSubmit={submit} noValidate className="flex flex-col gap-4 rounded-lg border border-dashed p-3" data-testid="hours-form">
          <h3 className="text-sm font-medium" data-testid="hours-form-title">
            {editing ? t("editing", { range: rangeText(editing) }) : t("creating")}
          </h3>
          <input type="hidden" name="id" value={staffId} />
          <input type="hidden" name="branchId" value={branch.branchId} />
          {editing && <input type="hidden" name="originalFrom" value={editing.validFrom} />}
          <input type="hidden" name="days" value={JSON.stringify(week)} />
          {errorText(errors.branchId) && <p className="text-sm text-destructive">{errorText(errors.branchId)}</p>}
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField id="hours-valid-from" label={t("validFrom")} error={errorText(errors.validFrom)}>
              <Input name="validFrom" type="date" required defaultValue={editing?.validFrom ?? branch.today} {...fieldA11y("hours-valid-from", errorText(errors.validFrom))} data-testid="hours-valid-from" />
            </FormField>
            <FormField id="hours-valid-to" label={t("validTo")} hint={t("validToHint")} error={errorText(errors.validTo)}>
              <Input name="validTo" type="date" defaultValue={editing?.validTo ?? ""} {...fieldA11y("hours-valid-to", errorText(errors.validTo))} data-testid="hours-valid-to" />
            </FormField>
          </div>
          {!editing && current && <p className="text-xs text-muted-foreground">{t("newHint")}</p>}
          {errorText(errors.days) && (
            <p className="text-sm text-destructive" data-testid="hours-days-error">
              {errorText(errors.days)}
            </p>
          )}
          <WeekEditor
            week={week}
            onChange={(next, days) => {
              setWeek(next);
              setStale((s) => new Set([...s, ...days]));
            }}
            errors={errors}
            staleDays={stale}
          />
          <p className="text-xs text-muted-foreground">{t("timeZoneHint", { timeZone: branch.timeZone })}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending} data-testid="hours-submit">
              {pending && <LoaderCircle className="animate-spin" />}
              {t("save")}
            </Button>
            {chosen.mode === "new" && current && (
              <Button type="button" variant="outline" onClick={() => setSelection(null)} data-testid="hours-cancel">
                {tForms("cancel")}
              </Button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
