"use client";

import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { TwoFactorActionState } from "../actions";
import { TwoFactorField } from "./code-input";
import { RecoveryCodes } from "./recovery-codes";

type Action = (previous: TwoFactorActionState, formData: FormData) => Promise<TwoFactorActionState>;

/** Password + code, then one 2FA change (new recovery codes, or off); new codes are shown once. */
export function ReauthActionForm({
  action,
  email,
  testId,
  submit,
  submitting,
  variant = "default",
}: {
  action: Action;
  email: string;
  testId: string;
  submit: string;
  submitting: string;
  variant?: "default" | "destructive";
}) {
  const t = useTranslations("twoFactor");
  const [state, run, pending] = useActionState(action, { ok: false });
  const error = (field: string) => {
    const code = state.fieldErrors?.[field];
    return code ? t(`errors.${code}` as "errors.required") : null;
  };
  return (
    <div className="flex flex-col gap-5">
      {state.ok && state.message && (
        <Alert role="status" data-testid={`${testId}-message`}>
          <CircleCheck className="text-primary" />
          <AlertDescription>{t(`messages.${state.message}`)}</AlertDescription>
        </Alert>
      )}
      {state.ok && state.recoveryCodes && <RecoveryCodes codes={state.recoveryCodes} email={email} />}
      <form action={run} className="flex max-w-md flex-col gap-4" data-testid={testId} noValidate>
        {state.error && (
          <Alert variant="destructive" role="alert" data-testid={`${testId}-error`}>
            <CircleAlert />
            <AlertDescription>{t(`errors.${state.error}` as "errors.generic")}</AlertDescription>
          </Alert>
        )}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TwoFactorField
          id={`${testId}-password`}
          name="password"
          type="password"
          label={t("reauth.password")}
          autoComplete="current-password"
          error={error("password")}
          testId={`${testId}-password`}
        />
        <TwoFactorField
          id={`${testId}-code`}
          name="code"
          label={t("reauth.code")}
          autoComplete="one-time-code"
          error={error("code")}
          testId={`${testId}-code`}
        />
        <div>
          <Button type="submit" variant={variant} disabled={pending} aria-busy={pending} data-testid={`${testId}-submit`}>
            {pending && <LoaderCircle className="animate-spin" />}
            {pending ? submitting : submit}
          </Button>
        </div>
      </form>
    </div>
  );
}
