"use client";

import { Coffee, Copy, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { MAX_BREAKS, MAX_SHIFTS, type Shift, type Week, WEEKDAYS, type Weekday } from "@/lib/staff/schemas";
import { useFieldErrorText } from "./field-error";

// The weekly grid of one schedule: Monday to Sunday, each day off or with shifts (start–end), each
// shift with its breaks. Controlled: the parent keeps the week and posts it as JSON ("days").
// Errors come from the server by path ("days.1.0.breaks.0.start") and show under the entry they
// belong to; a day changed since is no longer marked (its positions may have moved).

export const emptyWeek = (): Week => Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as Week;
export const copyWeek = (week: Week): Week =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, week[d].map((s) => ({ ...s, breaks: s.breaks.map((b) => ({ ...b })) }))])) as unknown as Week;

const NEW_SHIFT: Shift = { start: "09:00", end: "17:00", breaks: [] };
const hh = (h: number) => `${String(Math.min(h, 24)).padStart(2, "0")}:00`;

/** A new shift after the day's last one: an hour after it ends, four hours long. */
function nextShift(shifts: Shift[]): Shift {
  const last = shifts[shifts.length - 1];
  if (!last || !/^\d\d:\d\d$/.test(last.end)) return { ...NEW_SHIFT, breaks: [] };
  const start = Math.min(Number(last.end.slice(0, 2)) + 1, 23);
  return { start: hh(start), end: hh(start + 4), breaks: [] };
}

/** A new break: 12:00–12:30 when it fits the shift, else half an hour in its middle. */
function nextBreak(shift: Shift): { start: string; end: string } {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  if (!/^\d\d:\d\d$/.test(shift.start) || !/^\d\d:\d\d$/.test(shift.end)) return { start: "12:00", end: "12:30" };
  const s = minutes(shift.start);
  const e = minutes(shift.end);
  if (s <= 720 && e >= 750 && shift.breaks.length === 0) return { start: "12:00", end: "12:30" };
  const mid = Math.floor((s + e) / 2 / 15) * 15;
  return { start: clock(mid), end: clock(Math.min(mid + 30, e)) };
}

function TimeInput({ value, onChange, label, error, errorId, disabled, testId }: { value: string; onChange: (value: string) => void; label: string; error: string | null; errorId: string; disabled?: boolean; testId: string }) {
  return (
    <Input
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className="h-8 w-16 px-1.5 text-center text-sm tabular-nums"
      inputMode="numeric"
      maxLength={5}
      placeholder="09:00"
      disabled={disabled}
      aria-label={label}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      data-testid={testId}
    />
  );
}

export function WeekEditor({
  week,
  onChange,
  errors,
  staleDays,
  disabled,
}: {
  week: Week;
  onChange: (week: Week, changedDays: Weekday[]) => void;
  errors: Partial<Record<string, string>>;
  staleDays: ReadonlySet<Weekday>;
  disabled?: boolean;
}) {
  const t = useTranslations("staff.hours");
  const tDays = useTranslations("staff.weekdays");
  const errorText = useFieldErrorText();
  const error = (day: Weekday, path: string) => (staleDays.has(day) ? null : errorText(errors[`days.${day}${path}`]));
  const setDay = (day: Weekday, shifts: Shift[]) => onChange({ ...week, [day]: shifts }, [day]);
  const setShift = (day: Weekday, index: number, shift: Shift) => setDay(day, week[day].map((s, n) => (n === index ? shift : s)));
  const copyMonday = () => {
    const days = WEEKDAYS.slice(1, 5);
    onChange({ ...week, ...Object.fromEntries(days.map((d) => [d, copyWeek(week)["1"]])) }, [...days]);
  };
  const message = (text: string | null, id: string) =>
    text ? (
      <p id={id} className="text-sm text-destructive" data-testid={id}>
        {text}
      </p>
    ) : null;

  return (
    <div className="flex flex-col gap-3" data-testid="week-editor">
      {!disabled && (
        <div className="flex justify-end">
          <Button type="button" variant="outline" size="sm" onClick={copyMonday} disabled={week["1"].length === 0} data-testid="hours-copy-monday">
            <Copy />
            {t("copyMonday")}
          </Button>
        </div>
      )}
      <div className="divide-y rounded-lg border">
        {WEEKDAYS.map((day) => {
          const shifts = week[day];
          const works = shifts.length > 0;
          return (
            <div key={day} className="grid gap-3 px-3 py-3 sm:grid-cols-[7rem_1fr] sm:items-start" data-testid={`hours-day-${day}`}>
              <label className="flex items-center gap-2.5 pt-1 text-sm font-medium">
                <Checkbox
                  checked={works}
                  disabled={disabled}
                  onCheckedChange={(value) => setDay(day, value === true ? [{ ...NEW_SHIFT, breaks: [] }] : [])}
                  aria-label={t("worksOn", { day: tDays(day) })}
                  data-testid={`hours-works-${day}`}
                />
                {tDays(day)}
              </label>
              <div className="flex flex-col gap-2.5">
                {!works && <p className="pt-1 text-sm text-muted-foreground">{t("dayOff")}</p>}
                {shifts.map((shift, index) => {
                  const id = `hours-${day}-${index}`;
                  const startError = error(day, `.${index}.start`);
                  const endError = error(day, `.${index}.end`);
                  return (
                    <div key={index} className="flex flex-col gap-1.5" data-testid={`${id}`}>
                      <div className="flex flex-wrap items-center gap-1.5">
                        <TimeInput value={shift.start} onChange={(v) => setShift(day, index, { ...shift, start: v })} label={t("shiftStart", { day: tDays(day), n: index + 1 })} error={startError} errorId={`${id}-start-error`} disabled={disabled} testId={`${id}-start`} />
                        <span className="text-muted-foreground" aria-hidden>
                          –
                        </span>
                        <TimeInput value={shift.end} onChange={(v) => setShift(day, index, { ...shift, end: v })} label={t("shiftEnd", { day: tDays(day), n: index + 1 })} error={endError} errorId={`${id}-end-error`} disabled={disabled} testId={`${id}-end`} />
                        {!disabled && (
                          <>
                            {shift.breaks.length < MAX_BREAKS && (
                              <Button
                                type="button"
                                variant="ghost"
                                size="icon-sm"
                                onClick={() => setShift(day, index, { ...shift, breaks: [...shift.breaks, nextBreak(shift)] })}
                                aria-label={t("addBreakOn", { day: tDays(day), n: index + 1 })}
                                title={t("addBreak")}
                                data-testid={`${id}-add-break`}
                              >
                                <Coffee />
                              </Button>
                            )}
                            <Button type="button" variant="ghost" size="icon-sm" onClick={() => setDay(day, shifts.filter((_, n) => n !== index))} aria-label={t("removeShift")} title={t("removeShift")} data-testid={`${id}-remove`}>
                              <X />
                            </Button>
                          </>
                        )}
                      </div>
                      {message(startError, `${id}-start-error`)}
                      {message(endError, `${id}-end-error`)}
                      {shift.breaks.map((pause, b) => {
                        const bid = `${id}-break-${b}`;
                        const bStartError = error(day, `.${index}.breaks.${b}.start`);
                        const bEndError = error(day, `.${index}.breaks.${b}.end`);
                        const setBreak = (next: { start: string; end: string }) => setShift(day, index, { ...shift, breaks: shift.breaks.map((x, n) => (n === b ? next : x)) });
                        return (
                          <div key={b} className="ml-1 flex flex-col gap-1 border-l pl-2">
                            <div className="flex flex-wrap items-center gap-1.5">
                              <span className="text-xs text-muted-foreground">{t("break")}</span>
                              <TimeInput value={pause.start} onChange={(v) => setBreak({ ...pause, start: v })} label={t("breakStart", { day: tDays(day), n: b + 1 })} error={bStartError} errorId={`${bid}-start-error`} disabled={disabled} testId={`${bid}-start`} />
                              <span className="text-muted-foreground" aria-hidden>
                                –
                              </span>
                              <TimeInput value={pause.end} onChange={(v) => setBreak({ ...pause, end: v })} label={t("breakEnd", { day: tDays(day), n: b + 1 })} error={bEndError} errorId={`${bid}-end-error`} disabled={disabled} testId={`${bid}-end`} />
                              {!disabled && (
                                <Button type="button" variant="ghost" size="icon-sm" onClick={() => setShift(day, index, { ...shift, breaks: shift.breaks.filter((_, n) => n !== b) })} aria-label={t("removeBreak")} title={t("removeBreak")} data-testid={`${bid}-remove`}>
                                  <X />
                                </Button>
                              )}
                            </div>
                            {message(bStartError, `${bid}-start-error`)}
                            {message(bEndError, `${bid}-end-error`)}
                          </div>
                        );
                      })}
                    </div>
                  );
                })}
                {!disabled && works && shifts.length < MAX_SHIFTS && (
                  <div>
                    <Button type="button" variant="ghost" size="sm" className="text-muted-foreground" onClick={() => setDay(day, [...shifts, nextShift(shifts)])} data-testid={`hours-add-shift-${day}`}>
                      <Plus />
                      {t("addShift")}
                    </Button>
                  </div>
                )}
                {message(error(day, ""), `hours-${day}-error`)}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
