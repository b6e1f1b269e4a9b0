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
import type { AgentInput } from "@/lib/telephony/schemas";
import { type AgentFormState, saveAgentAction } from "../actions";

export type AgentFormValues = { id?: string; retellAgentId: string; name: string; language: string; voiceId: string; isActive: boolean };

const initial: AgentFormState = { ok: false };

/** New or edited Retell agent; field errors inline. */
export function AgentForm({ values }: { values: AgentFormValues }) {
  const t = useTranslations("phoneNumbers");
  const [state, action, pending] = useActionState(saveAgentAction, initial);
  const errors = state.fieldErrors ?? {};
  const fieldErrorText = useFieldErrorText("phoneNumbers.fieldErrors", { aliases: { taken: "agentTaken" } });
  const error = (name: keyof AgentInput) => fieldErrorText(errors[name]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const field = (name: keyof AgentInput) => ({ name, ...fieldA11y(`agent-form-${name}`, error(name)), "data-testid": `agent-form-${name}` });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" data-testid="agent-form">
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {state.message && (
        <Alert variant="destructive" role="status" data-testid="agent-form-message">
          <CircleAlert />
          <AlertDescription>{t(`messages.${state.message}` as "messages.invalid")}</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField className="content-start" id="agent-form-name" label={t("agents.form.name")} error={error("name")}>
            <Input defaultValue={values.name} maxLength={100} autoComplete="off" required {...field("name")} />
          </FormField>
          <FormField className="content-start" id="agent-form-retellAgentId" label={t("agents.form.retellAgentId")} hint={t("agents.form.retellAgentIdHint")} error={error("retellAgentId")}>
            <Input defaultValue={values.retellAgentId} maxLength={106} autoComplete="off" spellCheck={false} className="font-mono" required {...field("retellAgentId")} />
          </FormField>
          <FormField className="content-start" id="agent-form-language" label={t("agents.form.language")} error={error("language")}>
            <NativeSelect defaultValue={values.language} {...field("language")}>
              <option value="de">{t("languages.de")}</option>
              <option value="en">{t("languages.en")}</option>
            </NativeSelect>
          </FormField>
          <FormField className="content-start" id="agent-form-voiceId" label={t("agents.form.voiceId")} hint={t("agents.form.voiceIdHint")} error={error("voiceId")}>
            <Input defaultValue={values.voiceId} maxLength={100} autoComplete="off" spellCheck={false} {...field("voiceId")} />
          </FormField>
          <label className="flex items-start gap-3 sm:col-span-2" htmlFor="agent-form-isActive">
            <input id="agent-form-isActive" type="checkbox" name="isActive" defaultChecked={values.isActive} className="mt-0.5 size-4 accent-primary" data-testid="agent-form-isActive" />
            <span className="grid gap-0.5">
              <span className="text-sm font-medium">{t("agents.form.isActive")}</span>
              <span className="text-xs text-muted-foreground">{t("agents.form.isActiveHint")}</span>
            </span>
          </label>
        </CardContent>
      </Card>
      <FormActions creating={!values.id} pending={pending} cancelHref="/phone-numbers/agents" testIdPrefix="agent-form" />
    </form>
  );
}
