"use client";

import { CircleAlert, LoaderCircle, PhoneCall } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { type FormState, initialFormState } from "@/lib/forms/form-state";
import { createCallbackAction } from "../actions";

export type CallbackPrefill = {
  callId: string;
  customerId: string;
  branchId: string;
  name: string;
  phone: string;
  reason: string;
  priority: string;
  dueDate: string;
  dueTime: string;
};

const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const FIELD_CODES = ["required", "tooLong", "phone", "uuid", "datetime", "past", "priority"] as const;

export function CallbackForm({ branches, prefill, timeZone }: { branches: { id: string; name: string }[]; prefill: CallbackPrefill; timeZone: string }) {
  const t = useTranslations("callbacks");
  const tForms = useTranslations("forms");
  const [state, action, pending] = useActionState<FormState, FormData>(createCallbackAction, initialFormState);
  const v = { ...prefill, ...(state.values ?? {}) } as CallbackPrefill;
  const error = (field: string) => {
    const code = state.fieldErrors?.[field];
    if (!code) return null;
    return (FIELD_CODES as readonly string[]).includes(code) ? t(`fieldErrors.${code as (typeof FIELD_CODES)[number]}`) : tForms("invalid");
  };
  // React resets uncontrolled fields after an action: the key remounts them with the echoed values.
  const key = JSON.stringify(state.values ?? {});

  return (
    <form action={action} noValidate className="flex flex-col gap-4" data-testid="callback-form" key={key}>
      {state.message && !state.ok && (
        <Alert variant="destructive" role="status" data-testid="callback-form-message">
          <CircleAlert />
          <AlertDescription>{state.message === "not_found" ? tForms("notFound") : tForms("invalid")}</AlertDescription>
        </Alert>
      )}
      <input type="hidden" name="callId" value={v.callId} />
      <input type="hidden" name="customerId" value={v.customerId} />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField id="callback-name" label={t("form.name")} error={error("name")}>
          <Input {...fieldA11y("callback-name", error("name"))} name="name" defaultValue={v.name} maxLength={200} autoComplete="off" data-testid="callback-form-name" />
        </FormField>
        <FormField id="callback-phone" label={t("form.phone")} error={error("phone")} hint={t("form.phoneHint")}>
          <Input {...fieldA11y("callback-phone", error("phone"))} name="phone" type="tel" defaultValue={v.phone} required autoComplete="off" data-testid="callback-form-phone" />
        </FormField>
        <FormField id="callback-branch" label={t("form.branch")} error={error("branchId")}>
          <NativeSelect {...fieldA11y("callback-branch", error("branchId"))} name="branchId" defaultValue={v.branchId} data-testid="callback-form-branch">
            <option value="">{t("form.chooseBranch")}</option>
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="callback-priority" label={t("form.priority")} error={error("priority")}>
          <NativeSelect {...fieldA11y("callback-priority", error("priority"))} name="priority" defaultValue={v.priority} data-testid="callback-form-priority">
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priorities.${p}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="callback-due-date" label={t("form.dueDate")} error={error("dueDate")} hint={t("form.dueHint", { timeZone })}>
          <Input {...fieldA11y("callback-due-date", error("dueDate"))} name="dueDate" type="date" defaultValue={v.dueDate} data-testid="callback-form-due-date" />
        </FormField>
        <FormField id="callback-due-time" label={t("form.dueTime")}>
          <Input id="callback-due-time" name="dueTime" type="time" defaultValue={v.dueTime} data-testid="callback-form-due-time" />
        </FormField>
      </div>
      <FormField id="callback-reason" label={t("form.reason")} error={error("reason")}>
        <Textarea {...fieldA11y("callback-reason", error("reason"))} name="reason" rows={4} maxLength={2000} defaultValue={v.reason} data-testid="callback-form-reason" />
      </FormField>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending} data-testid="callback-form-submit">
          {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : <PhoneCall aria-hidden />}
          {t("form.submit")}
        </Button>
      </div>
    </form>
  );
}
