"use client";

import { Copy, Info, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import type { OpeningHours, OpeningInterval } from "@/db/schema/companies";
import { MAX_INTERVALS, WEEKDAYS, type Weekday } from "@/lib/branches/opening-hours";
import { useFieldErrorText } from "./field-error";

// The weekly grid: Monday to Sunday, each day closed or open with up to MAX_INTERVALS intervals.
// Controlled: the parent keeps the week and posts it as JSON ("openingHours"). Errors come from
// the server by path ("openingHours.1.0.close") and show under the interval they belong to; a day
// changed since is no longer marked (its positions may have moved).

export type Week = Record<Weekday, OpeningInterval[]>;

export const weekOf = (hours: OpeningHours): Week =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, (hours[day] ?? []).map((i) => ({ ...i }))])) as Week;

const NEW_INTERVAL: OpeningInterval = { open: "09:00", close: "18:00" };

/** A new interval after the day's last one: from its close, four hours (capped at the day's end). */
function nextInterval(intervals: OpeningInterval[]): OpeningInterval {
  const last = intervals[intervals.length - 1];
  if (!last || !/^\d\d:\d\d$/.test(last.close)) return { ...NEW_INTERVAL };
  const start = Math.min(Number(last.close.slice(0, 2)) + 1, 23);
  const end = Math.min(start + 4, 24);
  const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
  return { open: hh(start), close: hh(end) };
}

export function OpeningHoursEditor({
  week,
  onChange,
  errors,
  staleDays,
  disabled,
}: {
  week: Week;
  onChange: (week: Week, changedDays: Weekday[]) => void;
  errors: Partial<Record<string, string>>;
  /** Days changed since the errors came back. */
  staleDays: ReadonlySet<Weekday>;
  disabled?: boolean;
}) {
  const t = useTranslations("branches.hours");
  const tDays = useTranslations("branches.weekdays");
  const errorText = useFieldErrorText();
  const error = (day: Weekday, path: string) => (staleDays.has(day) ? null : errorText(errors[`openingHours.${day}${path}`]));
  const setDay = (day: Weekday, intervals: OpeningInterval[]) => onChange({ ...week, [day]: intervals }, [day]);
  const empty = WEEKDAYS.every((day) => week[day].length === 0);
  const copyMonday = () => {
    const days = WEEKDAYS.slice(1, 5);
    onChange({ ...week, ...Object.fromEntries(days.map((day) => [day, week["1"].map((i) => ({ ...i }))])) }, [...days]);
  };

  return (
    <div className="flex flex-col gap-3" data-testid="opening-hours-editor">
      {!disabled && (
        <div className="flex justify-end">
          <Button type="button" variant="outline" size="sm" onClick={copyMonday} disabled={week["1"].length === 0 && WEEKDAYS.slice(1, 5).every((d) => week[d].length === 0)} data-testid="opening-hours-copy-monday">
            <Copy />
            {t("copyMonday")}
          </Button>
        </div>
      )}
      {errorText(errors.openingHours) && (
        <p className="text-sm text-destructive" data-testid="opening-hours-error">
          {errorText(errors.openingHours)}
        </p>
      )}
      <div className="divide-y rounded-lg border">
        {WEEKDAYS.map((day) => {
          const intervals = week[day];
          const open = intervals.length > 0;
          const dayError = error(day, "");
          return (
            <div key={day} className="grid gap-3 px-3 py-3 sm:grid-cols-[7.5rem_1fr] sm:items-start" data-testid={`opening-hours-day-${day}`}>
              <label className="flex items-center gap-2.5 pt-1.5 text-sm font-medium">
                <Checkbox
                  checked={open}
                  disabled={disabled}
                  onCheckedChange={(value) => setDay(day, value === true ? [{ ...NEW_INTERVAL }] : [])}
                  aria-label={t("openOn", { day: tDays(day) })}
                  data-testid={`opening-hours-open-${day}`}
                />
                {tDays(day)}
              </label>
              <div className="flex flex-col gap-2">
                {!open && <p className="pt-1.5 text-sm text-muted-foreground">{t("closed")}</p>}
                {intervals.map((interval, index) => {
                  const openError = error(day, `.${index}.open`);
                  const closeError = error(day, `.${index}.close`);
                  const id = `opening-hours-${day}-${index}`;
                  return (
                    <div key={index} className="flex flex-col gap-1">
                      <div className="flex flex-wrap items-center gap-1.5">
                        <Input
                          value={interval.open}
                          onChange={(event) => setDay(day, intervals.map((i, n) => (n === index ? { ...i, open: event.target.value } : i)))}
                          className="w-[4.5rem] px-2 text-center tabular-nums"
                          inputMode="numeric"
                          maxLength={5}
                          placeholder="09:00"
                          disabled={disabled}
                          aria-label={t("opensAt", { day: tDays(day), n: index + 1 })}
                          aria-invalid={openError ? true : undefined}
                          aria-describedby={openError ? `${id}-open-error` : undefined}
                          data-testid={`${id}-open`}
                        />
                        <span className="text-muted-foreground" aria-hidden>
                          –
                        </span>
                        <Input
                          value={interval.close}
                          onChange={(event) => setDay(day, intervals.map((i, n) => (n === index ? { ...i, close: event.target.value } : i)))}
                          className="w-[4.5rem] px-2 text-center tabular-nums"
                          inputMode="numeric"
                          maxLength={5}
                          placeholder="18:00"
                          disabled={disabled}
                          aria-label={t("closesAt", { day: tDays(day), n: index + 1 })}
                          aria-invalid={closeError ? true : undefined}
                          aria-describedby={closeError ? `${id}-close-error` : undefined}
                          data-testid={`${id}-close`}
                        />
                        {!disabled && (
                          <Button
                            type="button"
                            variant="ghost"
                            size="icon-sm"
                            onClick={() => setDay(day, intervals.filter((_, n) => n !== index))}
                            aria-label={t("removeInterval")}
                            title={t("removeInterval")}
                            data-testid={`${id}-remove`}
                          >
                            <X />
                          </Button>
                        )}
                        {!disabled && index === intervals.length - 1 && intervals.length < MAX_INTERVALS && (
                          <Button
                            type="button"
                            variant="ghost"
                            size="icon-sm"
                            onClick={() => setDay(day, [...intervals, nextInterval(intervals)])}
                            aria-label={t("addIntervalOn", { day: tDays(day) })}
                            title={t("addInterval")}
                            data-testid={`opening-hours-add-${day}`}
                          >
                            <Plus />
                          </Button>
                        )}
                      </div>
                      {openError && (
                        <p id={`${id}-open-error`} className="text-sm text-destructive" data-testid={`${id}-open-error`}>
                          {openError}
                        </p>
                      )}
                      {closeError && (
                        <p id={`${id}-close-error`} className="text-sm text-destructive" data-testid={`${id}-close-error`}>
                          {closeError}
                        </p>
                      )}
                    </div>
                  );
                })}
                {dayError && (
                  <p className="text-sm text-destructive" data-testid={`opening-hours-${day}-error`}>
                    {dayError}
                  </p>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {empty && (
        <p className="flex items-start gap-1.5 text-xs text-muted-foreground" data-testid="opening-hours-none">
          <Info className="mt-px size-3.5 shrink-0" aria-hidden />
          {t("noneHint")}
        </p>
      )}
    </div>
  );
}
