"use client";

import { CalendarPlus, CircleAlert, CircleCheck, LoaderCircle, Plus, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { intlLocale } from "@/lib/i18n/config";
import { addClosureAction, addHolidaysAction, type BranchActionState, type ClosureFormState, removeClosureAction } from "../actions";
import { messageText } from "./branch-delete";
import { useFieldErrorText } from "./field-error";

export type ClosureItem = { id: string; date: string; reason: string | null };

const initialForm: ClosureFormState = { ok: false, message: null };
const initialAction: BranchActionState = { ok: true, message: null };

/**
 * The branch's special closing days: upcoming ones first (soonest on top), then recent past ones;
 * add one (date, reason), remove one, or add the nationwide public holidays of a year.
 */
export function ClosuresCard({ branchId, upcoming, past, years, readOnly }: { branchId: string; upcoming: ClosureItem[]; past: ClosureItem[]; years: number[]; readOnly?: boolean }) {
  const t = useTranslations("branches");
  const locale = useLocale();
  const errorText = useFieldErrorText();
  const [addState, addAction, adding] = useActionState(addClosureAction, initialForm);
  const [removeState, removeAction, removing] = useActionState(removeClosureAction, initialAction);
  const [holidayState, holidayAction, addingHolidays] = useActionState(addHolidaysAction, initialAction);
  // A new closing day empties the add form (remounted); a refused one keeps what was typed.
  const [resetKey, setResetKey] = useState(0);
  if (addState.ok && addState.at && addState.at !== resetKey) setResetKey(addState.at);
  const format = new Intl.DateTimeFormat(intlLocale(locale), { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const dateText = (date: string) => format.format(new Date(`${date}T00:00:00Z`));
  const latest = [addState, removeState, holidayState]
    .filter((s) => s.message)
    .sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];

  const submitAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => addAction(data));
  };
  const dateError = errorText(addState.fieldErrors?.date);
  const reasonError = errorText(addState.fieldErrors?.reason);

  const row = (closure: ClosureItem, isPast: boolean) => (
    <li key={closure.id} className="flex items-center gap-3 px-3 py-2" data-testid="closure-row" data-date={closure.date}>
      <div className="min-w-0 flex-1">
        <p className={isPast ? "text-sm text-muted-foreground" : "text-sm font-medium"} data-testid="closure-date">
          {dateText(closure.date)}
        </p>
        {closure.reason && (
          <p className="truncate text-xs text-muted-foreground" data-testid="closure-reason">
            {closure.reason}
          </p>
        )}
      </div>
      {!readOnly && (
        <form action={removeAction}>
          <input type="hidden" name="branchId" value={branchId} />
          <input type="hidden" name="closureId" value={closure.id} />
          <Button type="submit" variant="ghost" size="icon-sm" disabled={removing} aria-label={t("closures.remove", { date: dateText(closure.date) })} title={t("closures.remove", { date: dateText(closure.date) })} data-testid="closure-remove">
            <Trash2 />
          </Button>
        </form>
      )}
    </li>
  );

  return (
    <div className="flex flex-col gap-4" data-testid="closures">
      {latest?.message && (
        <Alert variant={latest.ok ? "default" : "destructive"} role="status" data-testid="closures-message">
          {latest.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(t, latest)}</AlertDescription>
        </Alert>
      )}
      {!readOnly && (
        <form onSubmit={submitAdd} noValidate className="grid gap-3 sm:grid-cols-[11rem_1fr_auto] sm:items-start" data-testid="closure-form">
          <input type="hidden" name="branchId" value={branchId} />
          <FormField id="closure-form-date" label={t("closures.date")} error={dateError}>
            <Input name="date" type="date" required key={`date-${resetKey}`} {...fieldA11y("closure-form-date", dateError)} data-testid="closure-form-date" />
          </FormField>
          <FormField id="closure-form-reason" label={t("closures.reason")} error={reasonError}>
            <Input name="reason" maxLength={200} placeholder={t("closures.reasonPlaceholder")} key={`reason-${resetKey}`} {...fieldA11y("closure-form-reason", reasonError)} data-testid="closure-form-reason" />
          </FormField>
          <Button type="submit" disabled={adding} className="sm:mt-[1.375rem]" data-testid="closure-form-submit">
            {adding ? <LoaderCircle className="animate-spin" /> : <Plus />}
            {t("closures.add")}
          </Button>
        </form>
      )}

      <section aria-labelledby="closures-upcoming" className="flex flex-col gap-2">
        <h3 id="closures-upcoming" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
          {t("closures.upcoming")}
        </h3>
        {upcoming.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="closures-none">
            {t("closures.none")}
          </p>
        ) : (
          <ul className="divide-y rounded-lg border" data-testid="closures-upcoming">
            {upcoming.map((c) => row(c, false))}
          </ul>
        )}
      </section>
      {past.length > 0 && (
        <details className="group">
          <summary className="cursor-pointer text-xs font-medium tracking-wide text-muted-foreground uppercase">{t("closures.past", { count: past.length })}</summary>
          <ul className="mt-2 divide-y rounded-lg border" data-testid="closures-past">
            {past.map((c) => row(c, true))}
          </ul>
        </details>
      )}

      {!readOnly && (
        <form action={holidayAction} className="flex flex-col gap-2 rounded-lg border border-dashed p-3" data-testid="holidays-form">
          <input type="hidden" name="branchId" value={branchId} />
          <p className="text-sm text-muted-foreground">{t("closures.holidaysHint")}</p>
          <div className="flex gap-2">
            <NativeSelect name="year" defaultValue={String(years[0])} aria-label={t("closures.holidaysYear")} className="w-24" data-testid="holidays-year">
              {years.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </NativeSelect>
            <Button type="submit" variant="outline" disabled={addingHolidays} data-testid="holidays-add">
              {addingHolidays ? <LoaderCircle className="animate-spin" /> : <CalendarPlus />}
              {t("closures.holidaysAdd")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
