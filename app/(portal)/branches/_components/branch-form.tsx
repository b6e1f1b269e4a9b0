"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FormActions } from "@/components/forms/form-actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import type { OpeningHours } from "@/db/schema/companies";
import type { Weekday } from "@/lib/branches/opening-hours";
import { type BranchFormState, saveBranchAction } from "../actions";
import { messageText } from "./branch-delete";
import { useFieldErrorText } from "./field-error";
import { OpeningHoursEditor, type Week, weekOf } from "./opening-hours-editor";

export type BranchFormValues = {
  id?: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  timeZone: string;
  locale: "de" | "en";
  phone: string;
  email: string;
  isActive: boolean;
};

const initial: BranchFormState = { ok: false };

/**
 * A new branch (with its opening hours) or the details of an existing one (its opening hours have
 * their own card). Field errors inline; nothing is saved until every field is fine.
 */
export function BranchForm({
  values,
  timeZones,
  openingHours,
  cancelHref,
  readOnly,
}: {
  values: BranchFormValues;
  timeZones: string[];
  /** Given for a new branch: the weekly grid is part of this form. */
  openingHours?: OpeningHours;
  cancelHref?: string;
  readOnly?: boolean;
}) {
  const t = useTranslations("branches");
  const errorText = useFieldErrorText();
  const [state, action, pending] = useActionState(saveBranchAction, initial);
  const [week, setWeek] = useState<Week | null>(() => (openingHours ? weekOf(openingHours) : null));
  const [stale, setStale] = useState<ReadonlySet<Weekday>>(new Set());
  const errors = state.fieldErrors ?? {};
  const error = (name: string) => errorText(errors[name]);
  // Submitted by hand: React resets a <form action> after the action, and a refused form must keep
  // what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setStale(new Set());
    startTransition(() => action(data));
  };
  const id = (name: string) => `branch-form-${name}`;
  const zones = timeZones.includes(values.timeZone) ? timeZones : [values.timeZone, ...timeZones];

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="branch-form">
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {week && <input type="hidden" name="openingHours" value={JSON.stringify(week)} />}
      {state.message && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="branch-form-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(t, state)}</AlertDescription>
        </Alert>
      )}
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-6">
        <FormField id={id("name")} label={t("form.name")} error={error("name")} className="sm:col-span-6">
          <Input name="name" defaultValue={values.name} maxLength={100} autoComplete="off" required {...fieldA11y(id("name"), error("name"))} data-testid={id("name")} />
        </FormField>
        <FormField id={id("street")} label={t("form.street")} error={error("street")} className="sm:col-span-6">
          <Input name="street" defaultValue={values.street} maxLength={200} autoComplete="off" {...fieldA11y(id("street"), error("street"))} data-testid={id("street")} />
        </FormField>
        <FormField id={id("postalCode")} label={t("form.postalCode")} error={error("postalCode")} className="sm:col-span-2">
          <Input name="postalCode" defaultValue={values.postalCode} maxLength={20} autoComplete="off" {...fieldA11y(id("postalCode"), error("postalCode"))} data-testid={id("postalCode")} />
        </FormField>
        <FormField id={id("city")} label={t("form.city")} error={error("city")} className="sm:col-span-3">
          <Input name="city" defaultValue={values.city} maxLength={100} autoComplete="off" {...fieldA11y(id("city"), error("city"))} data-testid={id("city")} />
        </FormField>
        <FormField id={id("country")} label={t("form.country")} error={error("country")} className="sm:col-span-1">
          <Input name="country" defaultValue={values.country} maxLength={2} autoComplete="off" className="uppercase" {...fieldA11y(id("country"), error("country"))} data-testid={id("country")} />
        </FormField>
        <FormField id={id("timeZone")} label={t("form.timeZone")} hint={t("form.timeZoneHint")} error={error("timeZone")} className="sm:col-span-3">
          <NativeSelect name="timeZone" defaultValue={values.timeZone} {...fieldA11y(id("timeZone"), error("timeZone"))} data-testid={id("timeZone")}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id={id("locale")} label={t("form.locale")} hint={t("form.localeHint")} error={error("locale")} className="sm:col-span-3">
          <NativeSelect name="locale" defaultValue={values.locale} {...fieldA11y(id("locale"), error("locale"))} data-testid={id("locale")}>
            <option value="de">{t("languages.de")}</option>
            <option value="en">{t("languages.en")}</option>
          </NativeSelect>
        </FormField>
        <FormField id={id("phone")} label={t("form.phone")} hint={t("form.phoneHint")} error={error("phone")} className="sm:col-span-3">
          <Input name="phone" type="tel" defaultValue={values.phone} autoComplete="off" {...fieldA11y(id("phone"), error("phone"))} data-testid={id("phone")} />
        </FormField>
        <FormField id={id("email")} label={t("form.email")} error={error("email")} className="sm:col-span-3">
          <Input name="email" type="email" defaultValue={values.email} maxLength={254} autoComplete="off" {...fieldA11y(id("email"), error("email"))} data-testid={id("email")} />
        </FormField>
        <CheckboxField id={id("isActive")} name="isActive" defaultChecked={values.isActive} label={t("form.isActive")} hint={t("form.isActiveHint")} className="sm:col-span-6" />
      </fieldset>
      {week && (
        <section className="flex flex-col gap-2" aria-labelledby="branch-form-hours">
          <h2 id="branch-form-hours" className="text-sm font-medium">
            {t("hours.title")}
          </h2>
          <OpeningHoursEditor
            week={week}
            onChange={(next, days) => {
              setWeek(next);
              setStale((current) => new Set([...current, ...days]));
            }}
            errors={errors}
            staleDays={stale}
          />
        </section>
      )}
      {!readOnly && (
        <FormActions creating={!values.id} pending={pending} cancelHref={cancelHref} testIdPrefix="branch-form" />
      )}
    </form>
  );
}
