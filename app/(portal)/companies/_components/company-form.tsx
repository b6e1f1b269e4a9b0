"use client";

import { CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState } from "react";
import { FormActions } from "@/components/forms/form-actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import { COMPANY_CURRENCIES, COMPANY_PLANS, type CompanyField, EDITABLE_COMPANY_STATUSES } from "@/lib/companies/schemas";
import { type CompanyFormState, saveCompanyAction } from "../actions";

export type CompanyFormValues = {
  id?: string;
  name: string;
  slug: string;
  status: string;
  plan: string;
  locale: string;
  timeZone: string;
  currency: string;
  contactEmail: string;
  contactPhone: string;
  branchName?: string;
};

const initial: CompanyFormState = { ok: false };

/** New or edited company; field errors inline, nothing saved until every field is fine. */
export function CompanyForm({ values, timeZones }: { values: CompanyFormValues; timeZones: string[] }) {
  const t = useTranslations("companies");
  const tStatus = useTranslations("companyStatus");
  const [state, action, pending] = useActionState(saveCompanyAction, initial);
  const errors = state.fieldErrors ?? {};
  const fieldErrorText = useFieldErrorText("companies.fieldErrors");
  const error = (name: CompanyField) => fieldErrorText(errors[name]);
  // Submitted by hand: React resets a <form action> after the action, and a refused form must keep what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const creating = !values.id;
  const field = (name: CompanyField) => ({ name, ...fieldA11y(`company-form-${name}`, error(name)), "data-testid": `company-form-${name}` });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="company-form">
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {state.message && (
        <Alert variant="destructive" role="status" data-testid="company-form-message">
          <CircleAlert />
          <AlertDescription>{t(`messages.${state.message}` as "messages.invalid")}</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("form.sectionCompany")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField className="content-start" id="company-form-name" label={t("form.name")} error={error("name")}>
            <Input defaultValue={values.name} maxLength={120} autoComplete="off" required {...field("name")} />
          </FormField>
          <FormField className="content-start" id="company-form-slug" label={t("form.slug")} hint={t("form.slugHint")} error={error("slug")}>
            <Input defaultValue={values.slug} maxLength={60} autoComplete="off" spellCheck={false} className="font-mono" required {...field("slug")} />
          </FormField>
          {creating && (
            <FormField className="content-start" id="company-form-branchName" label={t("form.branchName")} hint={t("form.branchNameHint")} error={error("branchName")}>
              <Input defaultValue={values.branchName} maxLength={120} autoComplete="off" required {...field("branchName")} />
            </FormField>
          )}
          <FormField className="content-start" id="company-form-status" label={t("form.status")} error={error("status")}>
            <NativeSelect defaultValue={values.status} {...field("status")}>
              {EDITABLE_COMPANY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tStatus(s)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("form.sectionContract")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField className="content-start" id="company-form-plan" label={t("form.plan")} error={error("plan")}>
            <NativeSelect defaultValue={values.plan} {...field("plan")}>
              {COMPANY_PLANS.map((p) => (
                <option key={p} value={p}>
                  {t(`plans.${p}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField className="content-start" id="company-form-currency" label={t("form.currency")} error={error("currency")}>
            <NativeSelect defaultValue={values.currency} {...field("currency")}>
              {COMPANY_CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField className="content-start" id="company-form-locale" label={t("form.locale")} error={error("locale")}>
            <NativeSelect defaultValue={values.locale} {...field("locale")}>
              <option value="de">{t("languages.de")}</option>
              <option value="en">{t("languages.en")}</option>
            </NativeSelect>
          </FormField>
          <FormField className="content-start" id="company-form-timeZone" label={t("form.timeZone")} error={error("timeZone")}>
            <NativeSelect defaultValue={values.timeZone} {...field("timeZone")}>
              {!timeZones.includes(values.timeZone) && <option value={values.timeZone}>{values.timeZone}</option>}
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("form.sectionContact")}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField className="content-start" id="company-form-contactEmail" label={t("form.contactEmail")} error={error("contactEmail")}>
            <Input type="email" defaultValue={values.contactEmail} maxLength={254} autoComplete="off" {...field("contactEmail")} />
          </FormField>
          <FormField className="content-start" id="company-form-contactPhone" label={t("form.contactPhone")} hint={t("form.contactPhoneHint")} error={error("contactPhone")}>
            <Input type="tel" defaultValue={values.contactPhone} autoComplete="off" {...field("contactPhone")} />
          </FormField>
        </CardContent>
      </Card>
      <FormActions creating={creating} pending={pending} cancelHref="/companies" testIdPrefix="company-form" />
    </form>
  );
}
