"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState } from "react";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FormActions } from "@/components/forms/form-actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { MAX_SERVICE_DESCRIPTION, MAX_SERVICE_NAME } from "@/lib/services/schemas";
import { type ServiceFormState, saveServiceAction } from "../actions";
import { useFieldErrorText } from "./field-error";
import { messageText } from "./service-delete";

export type ServiceFormValues = {
  id?: string;
  name: string;
  description: string;
  categoryId: string;
  /** "" = all branches. */
  branchId: string;
  durationMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  price: string;
  minNoticeMinutes: string;
  sortOrder: string;
  bookableByPhone: boolean;
  bookableOnline: boolean;
  isActive: boolean;
};

type Option = { id: string; name: string };

const initial: ServiceFormState = { ok: false };

/** A new service or an existing one. Field errors inline; nothing is saved until every field is fine. */
export function ServiceForm({
  values,
  currency,
  categories,
  branches,
  allowAllBranches,
  cancelHref,
  readOnly,
}: {
  values: ServiceFormValues;
  currency: string;
  categories: Option[];
  /** The branches the user may pick (a branch manager: its own). */
  branches: Option[];
  /** Whether "all branches" (a company-wide service) may be picked. */
  allowAllBranches: boolean;
  cancelHref?: string;
  readOnly?: boolean;
}) {
  const t = useTranslations("services");
  const errorText = useFieldErrorText();
  const [state, action, pending] = useActionState(saveServiceAction, initial);
  const errors = state.fieldErrors ?? {};
  const error = (name: keyof ServiceFormValues) => errorText(errors[name], name);
  // Submitted by hand: React resets a <form action> after the action, and a refused form must keep
  // what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const id = (name: string) => `service-form-${name}`;
  // A value no longer offered (a deleted branch the service keeps) stays selectable.
  const branchOptions = values.branchId && !branches.some((b) => b.id === values.branchId) ? [{ id: values.branchId, name: "—" }, ...branches] : branches;

  const minutes = (name: "durationMinutes" | "bufferBeforeMinutes" | "bufferAfterMinutes" | "minNoticeMinutes", label: string, hint: string, min: number, max: number, span = "sm:col-span-2") => (
    <FormField id={id(name)} label={label} hint={hint} error={error(name)} className={span}>
      <Input
        name={name}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        defaultValue={values[name]}
        className="tabular-nums"
        {...fieldA11y(id(name), error(name))}
        data-testid={id(name)}
      />
    </FormField>
  );

  const flag = (name: "bookableByPhone" | "bookableOnline" | "isActive") => (
    <CheckboxField id={id(name)} name={name} defaultChecked={values[name]} label={t(`form.${name}`)} hint={t(`form.${name}Hint`)} />
  );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-6" data-testid="service-form">
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {state.message && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="service-form-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(t, state)}</AlertDescription>
        </Alert>
      )}
      <fieldset disabled={readOnly} className="flex flex-col gap-6">
        <section className="grid items-start gap-4 sm:grid-cols-6" aria-labelledby={id("basics")}>
          <h2 id={id("basics")} className="text-sm font-semibold sm:col-span-6">
            {t("form.basics")}
          </h2>
          <FormField id={id("name")} label={t("form.name")} error={error("name")} className="sm:col-span-6">
            <Input name="name" defaultValue={values.name} maxLength={MAX_SERVICE_NAME} autoComplete="off" required {...fieldA11y(id("name"), error("name"))} data-testid={id("name")} />
          </FormField>
          <FormField id={id("description")} label={t("form.description")} hint={t("form.descriptionHint")} error={error("description")} className="sm:col-span-6">
            <Textarea name="description" defaultValue={values.description} maxLength={MAX_SERVICE_DESCRIPTION} rows={3} {...fieldA11y(id("description"), error("description"))} data-testid={id("description")} />
          </FormField>
          <FormField id={id("categoryId")} label={t("form.category")} error={error("categoryId")} className="sm:col-span-3">
            <NativeSelect name="categoryId" defaultValue={values.categoryId} {...fieldA11y(id("categoryId"), error("categoryId"))} data-testid={id("categoryId")}>
              <option value="">{t("noCategory")}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            id={id("branchId")}
            label={t("form.branch")}
            hint={allowAllBranches ? t("form.branchHint") : t("form.branchHintLimited")}
            error={error("branchId")}
            className="sm:col-span-3"
          >
            <NativeSelect name="branchId" defaultValue={values.branchId} {...fieldA11y(id("branchId"), error("branchId"))} data-testid={id("branchId")}>
              {(allowAllBranches || values.branchId === "") && <option value="">{t("allBranches")}</option>}
              {branchOptions.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        </section>

        <section className="grid items-start gap-4 sm:grid-cols-6" aria-labelledby={id("timing")}>
          <h2 id={id("timing")} className="text-sm font-semibold sm:col-span-6">
            {t("form.timing")}
          </h2>
          {minutes("durationMinutes", t("form.duration"), t("form.durationHint"), 5, 1440)}
          {minutes("bufferBeforeMinutes", t("form.bufferBefore"), t("form.bufferHint"), 0, 240)}
          {minutes("bufferAfterMinutes", t("form.bufferAfter"), t("form.bufferHint"), 0, 240)}
        </section>

        <section className="grid items-start gap-4 sm:grid-cols-6" aria-labelledby={id("booking")}>
          <h2 id={id("booking")} className="text-sm font-semibold sm:col-span-6">
            {t("form.booking")}
          </h2>
          <FormField id={id("price")} label={t("form.price", { currency })} hint={t("form.priceHint")} error={error("price")} className="sm:col-span-2">
            <Input name="price" inputMode="decimal" autoComplete="off" defaultValue={values.price} className="tabular-nums" {...fieldA11y(id("price"), error("price"))} data-testid={id("price")} />
          </FormField>
          {minutes("minNoticeMinutes", t("form.minNotice"), t("form.minNoticeHint"), 0, 10080)}
          <FormField id={id("sortOrder")} label={t("form.sortOrder")} hint={t("form.sortOrderHint")} error={error("sortOrder")} className="sm:col-span-2">
            <Input name="sortOrder" type="number" inputMode="numeric" min={0} step={1} defaultValue={values.sortOrder} className="tabular-nums" {...fieldA11y(id("sortOrder"), error("sortOrder"))} data-testid={id("sortOrder")} />
          </FormField>
          <div className="grid gap-3 sm:col-span-6 sm:grid-cols-3">
            {flag("bookableByPhone")}
            {flag("bookableOnline")}
            {flag("isActive")}
          </div>
        </section>
      </fieldset>
      {!readOnly && (
        <FormActions creating={!values.id} pending={pending} cancelHref={cancelHref} testIdPrefix="service-form" />
      )}
    </form>
  );
}
