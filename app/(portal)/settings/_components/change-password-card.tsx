"use client";

import { CircleAlert, CircleCheck, KeyRound, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { IconCardHeader } from "@/components/layout/icon-card-header";

// The codes lib/auth/password-policy.ts can return for the new password and its confirmation.
const POLICY_CODES = ["required", "too_short", "too_long", "common", "contains_email", "mismatch"] as const;
type PolicyCode = (typeof POLICY_CODES)[number];
const policyCode = (code: string | undefined): PolicyCode | undefined =>
  code === undefined ? undefined : (POLICY_CODES as readonly string[]).includes(code) ? (code as PolicyCode) : "required";

type Field = "currentPassword" | "newPassword" | "confirmPassword";
type Errors = {
  currentPassword?: "required" | "wrong_current_password";
  newPassword?: PolicyCode;
  confirmPassword?: PolicyCode;
  code?: "code_required" | "invalid_code" | "invalid_format";
};
type ChangeResponse = {
  ok: boolean;
  error?: string;
  signedIn?: boolean;
  redirectTo?: string;
  fieldErrors?: Partial<Record<string, string[]>>;
};

/**
 * Posts to /api/account/password. The answer carries a fresh session cookie for this browser
 * (every other session of the account has ended); if that sign-in could not happen, go to sign-in.
 */
export function ChangePasswordCard({
  email,
  minLength,
  maxLength,
  twoFactorOn = false,
}: {
  email: string;
  minLength: number;
  maxLength: number;
  /** With 2FA on, re-authentication also takes a current code. */
  twoFactorOn?: boolean;
}) {
  const t = useTranslations("password");
  const tCode = useTranslations("twoFactor");
  const codeRef = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<"throttled" | "generic" | null>(null);
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirmPassword: useRef<HTMLInputElement>(null),
  } satisfies Record<Field, unknown>;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const body = {
      currentPassword: String(data.get("currentPassword") ?? ""),
      newPassword: String(data.get("newPassword") ?? ""),
      confirmPassword: String(data.get("confirmPassword") ?? ""),
      ...(twoFactorOn ? { code: String(data.get("code") ?? "") } : {}),
    };
    setErrors({});
    setFormError(null);
    setDone(false);
    if (body.newPassword !== body.confirmPassword) {
      setErrors({ confirmPassword: "mismatch" });
      refs.confirmPassword.current?.focus();
      return;
    }
    setPending(true);
    let response: Response;
    let answer: ChangeResponse | null;
    try {
      response = await fetch("/api/account/password", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      answer = (await response.json().catch(() => null)) as ChangeResponse | null;
    } catch {
      setPending(false);
      setFormError("generic");
      return;
    }
    setPending(false);
    if (response.ok && answer?.ok) {
      if (answer.signedIn === false) {
        router.replace("/sign-in");
        return;
      }
      formRef.current?.reset();
      setDone(true);
      return;
    }
    if (response.status === 401) {
      router.replace("/sign-in");
      return;
    }
    if (answer?.error === "code_required" || answer?.error === "invalid_code") {
      setErrors({ code: answer.error });
      codeRef.current?.select();
      return;
    }
    if (answer?.error === "wrong_current_password") {
      setErrors({ currentPassword: "wrong_current_password" });
      refs.currentPassword.current?.select();
      return;
    }
    if (response.status === 429) {
      setFormError("throttled");
      return;
    }
    const fe = answer?.fieldErrors;
    const next: Errors = {
      currentPassword: fe?.currentPassword ? "required" : undefined,
      newPassword: policyCode(fe?.newPassword?.[0]),
      confirmPassword: policyCode(fe?.confirmPassword?.[0]),
    };
    const first = (["currentPassword", "newPassword", "confirmPassword"] as const).find((f) => next[f]);
    if (response.status === 400 && first) {
      setErrors(next);
      refs[first].current?.focus();
      return;
    }
    setFormError("generic");
  }

  const message = (field: Field): string | null => {
    const code = errors[field];
    if (!code) return null;
    if (field === "currentPassword") return t(code === "required" ? "change.errors.required" : "change.errors.wrong_current_password");
    return t(`policy.${code as PolicyCode}`, { min: minLength, max: maxLength });
  };

  const field = (name: Field, autoComplete: string, hint?: string) => {
    const error = message(name);
    const describedBy = [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="flex flex-col gap-2">
        <Label htmlFor={`change-${name}`}>{t(`change.${name}`)}</Label>
        <Input
          ref={refs[name]}
          id={`change-${name}`}
          name={name}
          type="password"
          autoComplete={autoComplete}
          maxLength={name === "currentPassword" ? 1024 : maxLength * 2}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={`change-password-${name}`}
        />
        {error && (
          <p id={`${name}-error`} data-testid={`change-password-${name}-error`} className="text-sm text-destructive">
            {error}
          </p>
        )}
        {hint && (
          <p id={`${name}-hint`} className="text-xs text-muted-foreground">
            {hint}
          </p>
        )}
      </div>
    );
  };

  return (
    <Card className="max-w-2xl" data-testid="change-password-card">
      <IconCardHeader icon={KeyRound} title={t("change.title")} description={t("change.description")} />
      <CardContent>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-5" data-testid="change-password-form">
          {done && (
            <Alert role="status" data-testid="change-password-success">
              <CircleCheck className="text-primary" />
              <AlertDescription>{t("change.success")}</AlertDescription>
            </Alert>
          )}
          {formError && (
            <Alert variant="destructive" role="alert" data-testid="change-password-error">
              <CircleAlert />
              <AlertDescription>{t(`change.errors.${formError}`)}</AlertDescription>
            </Alert>
          )}
          {/* For password managers: whose password this is. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          {field("currentPassword", "current-password")}
          {field("newPassword", "new-password", t("policy.hint", { min: minLength }))}
          {field("confirmPassword", "new-password")}
          {twoFactorOn && (
            <div className="flex flex-col gap-2">
              <Label htmlFor="change-code">{tCode("reauth.code")}</Label>
              <Input
                ref={codeRef}
                id="change-code"
                name="code"
                autoComplete="one-time-code"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={32}
                aria-invalid={errors.code ? true : undefined}
                aria-describedby={errors.code ? "code-error" : undefined}
                data-testid="change-password-code"
              />
              {errors.code && (
                <p id="code-error" data-testid="change-password-code-error" className="text-sm text-destructive">
                  {tCode(`errors.${errors.code}`)}
                </p>
              )}
            </div>
          )}
          <div>
            <Button type="submit" disabled={pending} aria-busy={pending} data-testid="change-password-submit">
              {pending && <LoaderCircle className="animate-spin" />}
              {pending ? t("change.submitting") : t("change.submit")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
