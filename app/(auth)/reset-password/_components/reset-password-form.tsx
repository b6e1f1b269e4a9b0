"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

// The codes lib/auth/password-policy.ts can return; anything else reads as "required".
const POLICY_CODES = ["required", "too_short", "too_long", "common", "contains_email", "mismatch"] as const;
type PolicyCode = (typeof POLICY_CODES)[number];
const policyCode = (code: string | undefined): PolicyCode | undefined =>
  code === undefined ? undefined : (POLICY_CODES as readonly string[]).includes(code) ? (code as PolicyCode) : "required";

type ResetResponse = { ok: boolean; error?: string; redirectTo?: string; fieldErrors?: Record<string, string[] | undefined> };

/** Posts to /api/auth/password-reset; success → sign-in with a notice (?reset=1). */
export function ResetPasswordForm({
  token,
  email,
  minLength,
  maxLength,
  minutes,
}: {
  token: string;
  email: string;
  minLength: number;
  maxLength: number;
  minutes: number;
}) {
  const t = useTranslations("password");
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<{ password?: PolicyCode; confirmPassword?: PolicyCode }>({});
  const [formError, setFormError] = useState<"invalid_or_expired" | "generic" | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    const confirmPassword = String(data.get("confirmPassword") ?? "");
    setErrors({});
    setFormError(null);
    if (password !== confirmPassword) {
      setErrors({ confirmPassword: "mismatch" });
      confirmRef.current?.focus();
      return;
    }
    setPending(true);
    let response: Response;
    let body: ResetResponse | null;
    try {
      response = await fetch("/api/auth/password-reset", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, password, confirmPassword }),
      });
      body = (await response.json().catch(() => null)) as ResetResponse | null;
    } catch {
      setPending(false);
      setFormError("generic");
      return;
    }
    if (response.ok && body?.ok) {
      // A full load of sign-in: nobody is signed in by a reset. Stay pending.
      window.location.assign(body.redirectTo ?? "/sign-in?reset=1");
      return;
    }
    setPending(false);
    if (body?.error === "invalid_or_expired" || body?.fieldErrors?.token) {
      setFormError("invalid_or_expired");
      return;
    }
    const next = { password: policyCode(body?.fieldErrors?.password?.[0]), confirmPassword: policyCode(body?.fieldErrors?.confirmPassword?.[0]) };
    if (response.status === 400 && (next.password || next.confirmPassword)) {
      setErrors(next);
      (next.password ? passwordRef : confirmRef).current?.focus();
      return;
    }
    setFormError("generic");
  }

  const message = (code: PolicyCode) => t(`policy.${code}`, { min: minLength, max: maxLength });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="reset-password-form">
      {formError === "invalid_or_expired" && (
        <Alert variant="destructive" role="alert" data-testid="reset-password-error">
          <CircleAlert />
          <AlertTitle>{t("reset.invalidTitle")}</AlertTitle>
          <AlertDescription>
            <p>{t("reset.invalid", { minutes })}</p>
            <Link href="/forgot-password" className="font-medium underline underline-offset-4">
              {t("reset.requestNew")}
            </Link>
          </AlertDescription>
        </Alert>
      )}
      {formError === "generic" && (
        <Alert variant="destructive" role="alert" data-testid="reset-password-error">
          <CircleAlert />
          <AlertDescription>{t("reset.errors.generic")}</AlertDescription>
        </Alert>
      )}
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="flex flex-col gap-2">
        <Label htmlFor="reset-password">{t("reset.password")}</Label>
        <Input
          ref={passwordRef}
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={maxLength * 2}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "reset-password-error reset-password-hint" : "reset-password-hint"}
          data-testid="reset-password-new"
          autoFocus
        />
        {errors.password ? (
          <p id="reset-password-error" data-testid="reset-password-new-error" className="text-sm text-destructive">
            {message(errors.password)}
          </p>
        ) : null}
        <p id="reset-password-hint" className="text-xs text-muted-foreground">
          {t("policy.hint", { min: minLength })}
        </p>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="reset-password-confirm">{t("reset.confirmPassword")}</Label>
        <Input
          ref={confirmRef}
          id="reset-password-confirm"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          maxLength={maxLength * 2}
          aria-invalid={errors.confirmPassword ? true : undefined}
          aria-describedby={errors.confirmPassword ? "reset-password-confirm-error" : undefined}
          data-testid="reset-password-confirm"
        />
        {errors.confirmPassword && (
          <p id="reset-password-confirm-error" data-testid="reset-password-confirm-error" className="text-sm text-destructive">
            {message(errors.confirmPassword)}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending} data-testid="reset-password-submit" className="mt-1 w-full">
        {pending && <LoaderCircle className="animate-spin" />}
        {pending ? t("reset.submitting") : t("reset.submit")}
      </Button>
    </form>
  );
}
