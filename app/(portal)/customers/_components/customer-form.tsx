"use client";

import { CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState } from "react";
import { FormActions } from "@/components/forms/form-actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import { type CustomerFormState, saveCustomerAction } from "../actions";

export type CustomerFormValues = {
  id?: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  birthday: string;
  locale: "de" | "en";
  notes: string;
};

const initial: CustomerFormState = { ok: false };

/** New or edited customer; field errors inline, nothing saved until every field is fine. */
export function CustomerForm({ values, cancelHref }: { values: CustomerFormValues; cancelHref: string }) {
  const t = useTranslations("customers.form");
  const tLang = useTranslations("customers.languages");
  const [state, action, pending] = useActionState(saveCustomerAction, initial);
  const errors = state.fieldErrors ?? {};
  const fieldErrorText = useFieldErrorText();
  const error = (name: keyof typeof errors) => fieldErrorText(errors[name]);
  // Submitted by hand: React resets a <form action> after the action, and a refused form must keep
  // what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="customer-form">
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {state.message && (
        <Alert variant="destructive" role="status" data-testid="customer-form-message">
          <CircleAlert />
          <AlertDescription>{t(`messages.${state.message}` as "messages.invalid")}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField className="content-start" id="customer-form-firstName" label={t("firstName")} error={error("firstName")}>
          <Input name="firstName" defaultValue={values.firstName} maxLength={100} autoComplete="off" required {...fieldA11y("customer-form-firstName", error("firstName"))} data-testid="customer-form-firstName" />
        </FormField>
        <FormField className="content-start" id="customer-form-lastName" label={t("lastName")} error={error("lastName")}>
          <Input name="lastName" defaultValue={values.lastName} maxLength={100} autoComplete="off" required {...fieldA11y("customer-form-lastName", error("lastName"))} data-testid="customer-form-lastName" />
        </FormField>
        <FormField className="content-start" id="customer-form-phone" label={t("phone")} hint={t("phoneHint")} error={error("phone")}>
          <Input name="phone" type="tel" defaultValue={values.phone} autoComplete="off" {...fieldA11y("customer-form-phone", error("phone"))} data-testid="customer-form-phone" />
        </FormField>
        <FormField className="content-start" id="customer-form-email" label={t("email")} error={error("email")}>
          <Input name="email" type="email" defaultValue={values.email} maxLength={254} autoComplete="off" {...fieldA11y("customer-form-email", error("email"))} data-testid="customer-form-email" />
        </FormField>
        <FormField className="content-start" id="customer-form-birthday" label={t("birthday")} error={error("birthday")}>
          <Input name="birthday" type="date" defaultValue={values.birthday} {...fieldA11y("customer-form-birthday", error("birthday"))} data-testid="customer-form-birthday" />
        </FormField>
        <FormField className="content-start" id="customer-form-locale" label={t("language")} hint={t("languageHint")} error={error("locale")}>
          <NativeSelect name="locale" defaultValue={values.locale} {...fieldA11y("customer-form-locale", error("locale"))} data-testid="customer-form-locale">
            <option value="de">{tLang("de")}</option>
            <option value="en">{tLang("en")}</option>
          </NativeSelect>
        </FormField>
        <FormField id="customer-form-notes" label={t("notes")} hint={t("notesHint")} error={error("notes")} className="content-start sm:col-span-2">
          <Textarea name="notes" defaultValue={values.notes} maxLength={2000} rows={4} {...fieldA11y("customer-form-notes", error("notes"))} data-testid="customer-form-notes" />
        </FormField>
      </div>
      <FormActions creating={!values.id} pending={pending} cancelHref={cancelHref} testIdPrefix="customer-form" />
    </form>
  );
}
