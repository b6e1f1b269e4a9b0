"use client";

import { CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState } from "react";
import { FormActions } from "@/components/forms/form-actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import type { TelephonyOptions } from "@/lib/telephony/queries";
import type { PhoneNumberInput } from "@/lib/telephony/schemas";
import { type PhoneNumberFormState, savePhoneNumberAction } from "../actions";

export type PhoneNumberFormValues = { id?: string; e164: string; label: string; branchId: string; agentId: string; isActive: boolean };

const initial: PhoneNumberFormState = { ok: false };

/** New or edited number; field errors inline, nothing saved until every field is fine. */
export function PhoneNumberForm({ values, options }: { values: PhoneNumberFormValues; options: TelephonyOptions }) {
  const t = useTranslations("phoneNumbers");
  const [state, action, pending] = useActionState(savePhoneNumberAction, initial);
  const errors = state.fieldErrors ?? {};
  const fieldErrorText = useFieldErrorText("phoneNumbers.fieldErrors", { aliases: { taken: "numberTaken" } });
  const error = (name: keyof PhoneNumberInput) => fieldErrorText(errors[name]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const field = (name: keyof PhoneNumberInput) => ({ name, ...fieldA11y(`phone-number-form-${name}`, error(name)), "data-testid": `phone-number-form-${name}` });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="phone-number-form">
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {state.message && (
        <Alert variant="destructive" role="status" data-testid="phone-number-form-message">
          <CircleAlert />
          <AlertDescription>{t(`messages.${state.message}` as "messages.invalid")}</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField className="content-start" id="phone-number-form-e164" label={t("form.e164")} hint={t("form.e164Hint")} error={error("e164")}>
            <Input type="tel" defaultValue={values.e164} autoComplete="off" className="font-mono" required {...field("e164")} />
          </FormField>
          <FormField className="content-start" id="phone-number-form-label" label={t("form.label")} hint={t("form.labelHint")} error={error("label")}>
            <Input defaultValue={values.label} maxLength={80} autoComplete="off" {...field("label")} />
          </FormField>
          <FormField className="content-start" id="phone-number-form-branchId" label={t("form.branch")} error={error("branchId")}>
            <NativeSelect defaultValue={values.branchId} required {...field("branchId")}>
              <option value="">{t("form.chooseBranch")}</option>
              {options.branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField className="content-start" id="phone-number-form-agentId" label={t("form.agent")} error={error("agentId")}>
            <NativeSelect defaultValue={values.agentId} {...field("agentId")}>
              <option value="">{t("form.noAgent")}</option>
              {options.agents
                .filter((a) => a.isActive || a.id === values.agentId)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.isActive ? a.name : t("form.inactiveAgent", { name: a.name })}
                  </option>
                ))}
            </NativeSelect>
          </FormField>
          <label className="flex items-start gap-3 sm:col-span-2" htmlFor="phone-number-form-isActive">
            <input
              id="phone-number-form-isActive"
              type="checkbox"
              name="isActive"
              defaultChecked={values.isActive}
              className="mt-0.5 size-4 accent-primary"
              data-testid="phone-number-form-isActive"
            />
            <span className="grid gap-0.5">
              <span className="text-sm font-medium">{t("form.isActive")}</span>
              <span className="text-xs text-muted-foreground">{t("form.isActiveHint")}</span>
            </span>
          </label>
        </CardContent>
      </Card>
      <FormActions creating={!values.id} pending={pending} cancelHref="/phone-numbers" testIdPrefix="phone-number-form" />
    </form>
  );
}
