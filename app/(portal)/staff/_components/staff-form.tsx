"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FormActions } from "@/components/forms/form-actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { saveStaffAction, type StaffFormState } from "../actions";
import { useFieldErrorText } from "./field-error";
import { useMessageText } from "./staff-delete";

export type StaffFormValues = {
  id?: string;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
  phone: string;
  color: string;
  bio: string;
  isActive: boolean;
  branchId: string;
  branchIds: string[];
};

const initial: StaffFormState = { ok: false };

/**
 * A new staff member or the profile of an existing one: names, contact, calendar colour, home
 * branch and the other branches they may work at. Field errors inline; nothing is saved until
 * every field is fine.
 */
export function StaffForm({
  values,
  branches,
  cancelHref,
  readOnly,
}: {
  values: StaffFormValues;
  /** The branches the actor may pick (a branch role: its own). */
  branches: { id: string; name: string }[];
  cancelHref?: string;
  readOnly?: boolean;
}) {
  const t = useTranslations("staff");
  const errorText = useFieldErrorText();
  const messageText = useMessageText();
  const [state, action, pending] = useActionState(saveStaffAction, initial);
  const [home, setHome] = useState(values.branchId);
  const [color, setColor] = useState(values.color);
  const errors = state.fieldErrors ?? {};
  const error = (name: string) => errorText(errors[name]);
  // Submitted by hand: React resets a <form action> after the action, and a refused form must keep
  // what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const id = (name: string) => `staff-form-${name}`;
  const others = branches.filter((b) => b.id !== home);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="staff-form">
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {state.message && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="staff-form-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(state)}</AlertDescription>
        </Alert>
      )}
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-6">
        <FormField id={id("firstName")} label={t("form.firstName")} error={error("firstName")} className="content-start sm:col-span-3">
          <Input name="firstName" defaultValue={values.firstName} maxLength={100} autoComplete="off" required {...fieldA11y(id("firstName"), error("firstName"))} data-testid={id("firstName")} />
        </FormField>
        <FormField id={id("lastName")} label={t("form.lastName")} error={error("lastName")} className="content-start sm:col-span-3">
          <Input name="lastName" defaultValue={values.lastName} maxLength={100} autoComplete="off" required {...fieldA11y(id("lastName"), error("lastName"))} data-testid={id("lastName")} />
        </FormField>
        <FormField id={id("displayName")} label={t("form.displayName")} hint={t("form.displayNameHint")} error={error("displayName")} className="content-start sm:col-span-4">
          <Input name="displayName" defaultValue={values.displayName} maxLength={100} autoComplete="off" {...fieldA11y(id("displayName"), error("displayName"))} data-testid={id("displayName")} />
        </FormField>
        <FormField id={id("color")} label={t("form.color")} error={error("color")} className="content-start sm:col-span-2">
          <div className="flex gap-2">
            <input
              type="color"
              value={/^#[0-9a-fA-F]{6}$/.test(color) ? color : "#6366f1"}
              onChange={(event) => setColor(event.target.value)}
              className="h-9 w-11 shrink-0 cursor-pointer rounded-md border border-input bg-transparent p-1"
              aria-label={t("form.colorPicker")}
              disabled={readOnly}
            />
            <Input name="color" value={color} onChange={(event) => setColor(event.target.value)} maxLength={7} className="font-mono" {...fieldA11y(id("color"), error("color"))} data-testid={id("color")} />
          </div>
        </FormField>
        <FormField id={id("email")} label={t("form.email")} error={error("email")} className="content-start sm:col-span-3">
          <Input name="email" type="email" defaultValue={values.email} maxLength={254} autoComplete="off" {...fieldA11y(id("email"), error("email"))} data-testid={id("email")} />
        </FormField>
        <FormField id={id("phone")} label={t("form.phone")} hint={t("form.phoneHint")} error={error("phone")} className="content-start sm:col-span-3">
          <Input name="phone" type="tel" defaultValue={values.phone} autoComplete="off" {...fieldA11y(id("phone"), error("phone"))} data-testid={id("phone")} />
        </FormField>
        <FormField id={id("branchId")} label={t("form.homeBranch")} hint={t("form.homeBranchHint")} error={error("branchId")} className="content-start sm:col-span-6">
          <NativeSelect name="branchId" value={home} onChange={(event) => setHome(event.target.value)} {...fieldA11y(id("branchId"), error("branchId"))} data-testid={id("branchId")}>
            {!home && <option value="">{t("form.chooseBranch")}</option>}
            {branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        {others.length > 0 && (
          <fieldset className="grid gap-2 sm:col-span-6" aria-describedby={error("branchIds") ? id("branchIds-error") : undefined}>
            <legend className="mb-1 text-sm font-medium">{t("form.otherBranches")}</legend>
            <p className="-mt-1 text-xs text-muted-foreground">{t("form.otherBranchesHint")}</p>
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {others.map((b) => (
                <label key={b.id} className="flex items-center gap-2 text-sm">
                  <Checkbox name="branchIds" value={b.id} defaultChecked={values.branchIds.includes(b.id)} data-testid={`staff-form-branch-${b.id}`} />
                  {b.name}
                </label>
              ))}
            </div>
            {error("branchIds") && (
              <p id={id("branchIds-error")} className="text-sm text-destructive" data-testid={id("branchIds-error")}>
                {error("branchIds")}
              </p>
            )}
          </fieldset>
        )}
        <FormField id={id("bio")} label={t("form.bio")} hint={t("form.bioHint")} error={error("bio")} className="content-start sm:col-span-6">
          <Textarea name="bio" defaultValue={values.bio} maxLength={2000} rows={3} {...fieldA11y(id("bio"), error("bio"))} data-testid={id("bio")} />
        </FormField>
        <CheckboxField id={id("isActive")} name="isActive" defaultChecked={values.isActive} label={t("form.isActive")} hint={t("form.isActiveHint")} className="sm:col-span-6" />
      </fieldset>
      {!readOnly && (
        <FormActions creating={!values.id} pending={pending} cancelHref={cancelHref} testIdPrefix="staff-form" />
      )}
    </form>
  );
}
