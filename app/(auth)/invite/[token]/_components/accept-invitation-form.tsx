"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

// The codes lib/auth/password-policy.ts can return; anything else reads as "required".
const POLICY_CODES = ["required", "too_short", "too_long", "common", "contains_email", "mismatch"] as const;
type PolicyCode = (typeof POLICY_CODES)[number];
const policyCode = (code: string | undefined): PolicyCode | undefined =>
  code === undefined ? undefined : (POLICY_CODES as readonly string[]).includes(code) ? (code as PolicyCode) : "required";

const FORM_ERRORS = ["invitation_invalid", "invitation_expired", "invitation_used", "email_taken", "generic"] as const;
type FormError = (typeof FORM_ERRORS)[number];

type AcceptResponse = { ok: boolean; error?: string; redirectTo?: string; fieldErrors?: Record<string, string | undefined> };

/** Posts to /invite/accept; success → sign-in with a notice (?invited=1). */
export function AcceptInvitationForm({
  token,
  email,
  minLength,
  maxLength,
}: {
  token: string;
  email: string;
  minLength: number;
  maxLength: number;
}) {
  const t = useTranslations("users.accept");
  const tPassword = useTranslations("password");
  const tFields = useTranslations("users.fieldErrors");
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<{ name?: "required" | "too_long"; password?: PolicyCode; confirmPassword?: PolicyCode }>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "");
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
    let body: AcceptResponse | null;
    try {
      response = await fetch("/invite/accept", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, name, password, confirmPassword }),
      });
      body = (await response.json().catch(() => null)) as AcceptResponse | null;
    } catch {
      setPending(false);
      setFormError("generic");
      return;
    }
    if (response.ok && body?.ok) {
      // A full load of sign-in: accepting signs nobody in. Stay pending.
      window.location.assign(body.redirectTo ?? "/sign-in?invited=1");
      return;
    }
    setPending(false);
    if (body?.error && body.error !== "invalid_input") {
      setFormError((FORM_ERRORS as readonly string[]).includes(body.error) ? (body.error as FormError) : "generic");
      return;
    }
    const fields = body?.fieldErrors ?? {};
    const next = {
      name: fields.name ? (fields.name === "too_long" ? ("too_long" as const) : ("required" as const)) : undefined,
      password: policyCode(fields.password),
      confirmPassword: policyCode(fields.confirmPassword),
    };
    if (next.name || next.password || next.confirmPassword) {
      setErrors(next);
      (next.name ? nameRef : next.password ? passwordRef : confirmRef).current?.focus();
      return;
    }
    setFormError("generic");
  }

  const policy = (code: PolicyCode) => tPassword(`policy.${code}`, { min: minLength, max: maxLength });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="invite-accept-form">
      {formError && (
        <Alert variant="destructive" role="alert" data-testid="invite-accept-error" data-error={formError}>
          <CircleAlert />
          <AlertDescription>
            <p>{t(formError)}</p>
            {formError !== "generic" && (
              <Link href="/sign-in" className="font-medium underline underline-offset-4">
                {t("toSignIn")}
              </Link>
            )}
          </AlertDescription>
        </Alert>
      )}
      <div className="flex flex-col gap-2">
        <Label htmlFor="invite-accept-email">{t("email")}</Label>
        <Input id="invite-accept-email" name="username" type="email" autoComplete="username" value={email} readOnly data-testid="invite-accept-email" />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="invite-accept-name">{t("name")}</Label>
        <Input
          ref={nameRef}
          id="invite-accept-name"
          name="name"
          autoComplete="name"
          maxLength={200}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "invite-accept-name-error" : undefined}
          data-testid="invite-accept-name"
          autoFocus
        />
        {errors.name && (
          <p id="invite-accept-name-error" className="text-sm text-destructive" data-testid="invite-accept-name-error">
            {tFields(errors.name)}
          </p>
        )}
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="invite-accept-password">{t("password")}</Label>
        <Input
          ref={passwordRef}
          id="invite-accept-password"
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={maxLength * 2}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "invite-accept-password-error invite-accept-password-hint" : "invite-accept-password-hint"}
          data-testid="invite-accept-password"
        />
        {errors.password && (
          <p id="invite-accept-password-error" className="text-sm text-destructive" data-testid="invite-accept-password-error">
            {policy(errors.password)}
          </p>
        )}
        <p id="invite-accept-password-hint" className="text-xs text-muted-foreground">
          {tPassword("policy.hint", { min: minLength })}
        </p>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="invite-accept-confirm">{t("confirmPassword")}</Label>
        <Input
          ref={confirmRef}
          id="invite-accept-confirm"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          maxLength={maxLength * 2}
          aria-invalid={errors.confirmPassword ? true : undefined}
          aria-describedby={errors.confirmPassword ? "invite-accept-confirm-error" : undefined}
          data-testid="invite-accept-confirm"
        />
        {errors.confirmPassword && (
          <p id="invite-accept-confirm-error" className="text-sm text-destructive" data-testid="invite-accept-confirm-error">
            {policy(errors.confirmPassword)}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending} data-testid="invite-accept-submit" className="mt-1 w-full">
        {pending && <LoaderCircle className="animate-spin" aria-hidden />}
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
