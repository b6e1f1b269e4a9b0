"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { confirmEnrollmentAction, startEnrollmentAction, type TwoFactorActionState } from "../actions";
import { TwoFactorField } from "./code-input";
import { RecoveryCodes } from "./recovery-codes";

const initial: TwoFactorActionState = { ok: false };

/**
 * Enrolment in three steps: the current password; the QR code (and the key as text) and a code
 * from the app; the recovery codes, shown once. `done` is where "I have saved the codes" leads.
 */
export function TwoFactorEnrollment({ email, done }: { email: string; done: string }) {
  const t = useTranslations("twoFactor");
  const [started, start, starting] = useActionState(startEnrollmentAction, initial);
  const [confirmed, confirm, confirming] = useActionState(confirmEnrollmentAction, initial);
  const error = (state: TwoFactorActionState, field: string) => {
    const code = state.fieldErrors?.[field];
    return code ? t(`errors.${code}` as "errors.required") : null;
  };

  if (confirmed.ok && confirmed.recoveryCodes) {
    return (
      <div className="flex flex-col gap-4" data-testid="two-factor-enrolled">
        <Alert role="status" data-testid="two-factor-message">
          <AlertDescription>{t("messages.enabled")}</AlertDescription>
        </Alert>
        <RecoveryCodes codes={confirmed.recoveryCodes} email={email}>
          <div>
            {/* A full load: the server decides where the user may go now. */}
            <Button asChild data-testid="recovery-codes-done">
              <a href={done}>{t("recovery.done")}</a>
            </Button>
          </div>
        </RecoveryCodes>
      </div>
    );
  }

  if (started.ok && started.secret && started.qrSvg) {
    const qrSrc = `data:image/svg+xml;base64,${btoa(started.qrSvg)}`;
    return (
      <form action={confirm} className="flex flex-col gap-5" data-testid="two-factor-confirm-form" noValidate>
        <div className="space-y-1">
          <h2 className="font-semibold">{t("enroll.scanTitle")}</h2>
          <p className="text-sm text-muted-foreground">{t("enroll.scanDescription")}</p>
        </div>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URI made on our server, no optimisation to gain */}
        <img src={qrSrc} alt={t("enroll.qrAlt")} width={192} height={192} className="size-48 rounded-lg border bg-white p-2" data-testid="two-factor-qr" />
        <div className="space-y-1">
          <p className="text-sm text-muted-foreground">{t("enroll.secretLabel")}</p>
          <code className="block rounded-md border bg-muted/40 px-3 py-2 font-mono text-sm break-all" data-testid="two-factor-secret">
            {started.secret}
          </code>
        </div>
        <TwoFactorField
          id="two-factor-confirm-code"
          name="code"
          label={t("enroll.codeLabel")}
          autoComplete="one-time-code"
          inputMode="numeric"
          error={error(confirmed, "code") ?? (confirmed.error === "invalid_code" ? t("errors.invalid_code") : null)}
          testId="two-factor-confirm-code"
        />
        {confirmed.error && confirmed.error !== "invalid_code" && (
          <Alert variant="destructive" role="alert" data-testid="two-factor-error">
            <CircleAlert />
            <AlertDescription>{t(`errors.${confirmed.error}` as "errors.generic")}</AlertDescription>
          </Alert>
        )}
        <div>
          <Button type="submit" disabled={confirming} aria-busy={confirming} data-testid="two-factor-confirm-submit">
            {confirming && <LoaderCircle className="animate-spin" />}
            {confirming ? t("enroll.confirming") : t("enroll.confirm")}
          </Button>
        </div>
      </form>
    );
  }

  return (
    <form action={start} className="flex flex-col gap-5" data-testid="two-factor-start-form" noValidate>
      <div className="space-y-1">
        <h2 className="font-semibold">{t("enroll.startTitle")}</h2>
        <p className="text-sm text-muted-foreground">{t("enroll.startDescription")}</p>
      </div>
      {started.error && (
        <Alert variant="destructive" role="alert" data-testid="two-factor-error">
          <CircleAlert />
          <AlertDescription>{t(`errors.${started.error}` as "errors.generic")}</AlertDescription>
        </Alert>
      )}
      {/* For password managers: whose password this is. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TwoFactorField
        id="two-factor-start-password"
        name="password"
        type="password"
        label={t("enroll.password")}
        autoComplete="current-password"
        error={error(started, "password")}
        testId="two-factor-start-password"
      />
      <div>
        <Button type="submit" disabled={starting} aria-busy={starting} data-testid="two-factor-start-submit">
          {starting && <LoaderCircle className="animate-spin" />}
          {starting ? t("enroll.starting") : t("enroll.start")}
        </Button>
      </div>
    </form>
  );
}
