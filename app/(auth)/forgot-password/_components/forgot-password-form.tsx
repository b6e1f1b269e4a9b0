"use client";

import { CircleAlert, LoaderCircle, MailCheck } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

const EMAIL_CODES = ["required", "invalid_email", "too_long"] as const;
type EmailCode = (typeof EMAIL_CODES)[number];

/**
 * Posts to /api/auth/password-reset/request. A well-formed address always gets the same
 * answer: the form never tells whether it has an account.
 */
export function ForgotPasswordForm({ minutes }: { minutes: number }) {
  const t = useTranslations("password.forgot");
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState(false);
  const [emailError, setEmailError] = useState<EmailCode | null>(null);
  const [formError, setFormError] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setPending(true);
    setEmailError(null);
    setFormError(false);
    try {
      const response = await fetch("/api/auth/password-reset/request", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email }),
      });
      const body = (await response.json().catch(() => null)) as { fieldErrors?: { email?: string[] } } | null;
      if (response.ok) {
        setSent(true);
        return;
      }
      const code = body?.fieldErrors?.email?.[0];
      if (response.status === 400 && code) {
        setEmailError((EMAIL_CODES as readonly string[]).includes(code) ? (code as EmailCode) : "invalid_email");
        emailRef.current?.focus();
        return;
      }
      setFormError(true);
    } catch {
      setFormError(true);
    } finally {
      setPending(false);
    }
  }

  if (sent) {
    return (
      <div className="flex flex-col gap-5" data-testid="forgot-password-sent">
        <Alert role="status">
          <MailCheck />
          <AlertTitle>{t("sentTitle")}</AlertTitle>
          <AlertDescription>
            <p>{t("sent", { minutes })}</p>
            <p>{t("sentHint")}</p>
          </AlertDescription>
        </Alert>
        <div className="flex flex-col gap-2">
          <Button asChild className="w-full">
            <Link href="/sign-in">{t("backToSignIn")}</Link>
          </Button>
          <Button variant="ghost" className="w-full" onClick={() => setSent(false)} data-testid="forgot-password-again">
            {t("again")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="forgot-password-form">
      {formError && (
        <Alert variant="destructive" role="alert" data-testid="forgot-password-error">
          <CircleAlert />
          <AlertDescription>{t("errors.generic")}</AlertDescription>
        </Alert>
      )}
      <div className="flex flex-col gap-2">
        <Label htmlFor="forgot-email">{t("email")}</Label>
        <Input
          ref={emailRef}
          id="forgot-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          placeholder={t("emailPlaceholder")}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "forgot-email-error" : undefined}
          data-testid="forgot-password-email"
          autoFocus
        />
        {emailError && (
          <p id="forgot-email-error" data-testid="forgot-password-email-error" className="text-sm text-destructive">
            {t(`errors.${emailError}`)}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending} data-testid="forgot-password-submit" className="mt-1 w-full">
        {pending && <LoaderCircle className="animate-spin" />}
        {pending ? t("submitting") : t("submit")}
      </Button>
      <Button variant="link" asChild className="h-auto self-center p-0 text-muted-foreground">
        <Link href="/sign-in">{t("backToSignIn")}</Link>
      </Button>
    </form>
  );
}
