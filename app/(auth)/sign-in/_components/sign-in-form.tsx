"use client";

import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type FormCode = "invalid_credentials" | "rate_limited" | "generic";

// The codes lib/auth/schemas.ts can return per field; anything else reads as "required".
const FIELD_CODES = { email: ["required", "invalid_email", "too_long"], password: ["required", "too_long"] } as const;
type Field = keyof typeof FIELD_CODES;
type FieldErrors = { email?: (typeof FIELD_CODES.email)[number]; password?: (typeof FIELD_CODES.password)[number] };

function fieldCode<F extends Field>(field: F, code: string | undefined): FieldErrors[F] | undefined {
  if (!code) return undefined;
  const known: readonly string[] = FIELD_CODES[field];
  return (known.includes(code) ? code : "required") as FieldErrors[F];
}

type SignInResponse =
  | { ok: true; redirectTo: string }
  | { ok: false; error?: string; fieldErrors?: Partial<Record<string, string[]>> };

/** Posts to /api/auth/sign-in and turns its error codes into words; the session cookie comes back with the answer. */
export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth.signIn");
  const tPassword = useTranslations("password.signIn");
  // Arriving from a password reset (/reset-password sends ?reset=1): say it worked.
  const resetDone = useSearchParams().get("reset") === "1";
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<FormCode | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    setPending(true);
    setFieldErrors({});
    setFormError(null);

    let response: Response;
    let body: SignInResponse | null;
    try {
      response = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: data.get("email") ?? "", password: data.get("password") ?? "", callbackUrl }),
      });
      body = (await response.json().catch(() => null)) as SignInResponse | null;
    } catch {
      setPending(false);
      setFormError("generic");
      return;
    }

    if (response.ok && body?.ok) {
      // A full load, so the server renders the portal with the new session cookie. Stay pending.
      window.location.assign(body.redirectTo);
      return;
    }

    setPending(false);
    if (response.status === 400 && body && !body.ok && body.fieldErrors) {
      const next: FieldErrors = {
        email: fieldCode("email", body.fieldErrors.email?.[0]),
        password: fieldCode("password", body.fieldErrors.password?.[0]),
      };
      if (next.email || next.password) {
        setFieldErrors(next);
        (next.email ? emailRef : passwordRef).current?.focus();
        return;
      }
    }
    if (response.status === 401) {
      // One message for unknown email and wrong password alike: nothing says which it was.
      setFormError("invalid_credentials");
      passwordRef.current?.select();
      return;
    }
    setFormError(response.status === 429 ? "rate_limited" : "generic");
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="sign-in-form">
      {resetDone && !formError && (
        <Alert role="status" data-testid="sign-in-notice">
          <CircleCheck className="text-primary" />
          <AlertDescription>{tPassword("resetDone")}</AlertDescription>
        </Alert>
      )}
      {formError && (
        <Alert variant="destructive" role="alert" data-testid="sign-in-error">
          <CircleAlert />
          <AlertDescription>{t(`errors.${formError}`)}</AlertDescription>
        </Alert>
      )}
      <div className="flex flex-col gap-2">
        <Label htmlFor="sign-in-email">{t("email")}</Label>
        <Input
          ref={emailRef}
          id="sign-in-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          placeholder={t("emailPlaceholder")}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? "sign-in-email-error" : undefined}
          data-testid="sign-in-email"
          autoFocus
        />
        {fieldErrors.email && (
          <p id="sign-in-email-error" data-testid="sign-in-email-error" className="text-sm text-destructive">
            {t(`fieldErrors.email.${fieldErrors.email}`)}
          </p>
        )}
      </div>
      <div className="flex flex-col gap-2">
        <div className="flex items-baseline justify-between gap-2">
          <Label htmlFor="sign-in-password">{t("password")}</Label>
          <Link
            href="/forgot-password"
            className="text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
            data-testid="sign-in-forgot"
          >
            {tPassword("forgot")}
          </Link>
        </div>
        <Input
          ref={passwordRef}
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={fieldErrors.password ? "sign-in-password-error" : undefined}
          data-testid="sign-in-password"
        />
        {fieldErrors.password && (
          <p id="sign-in-password-error" data-testid="sign-in-password-error" className="text-sm text-destructive">
            {t(`fieldErrors.password.${fieldErrors.password}`)}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending} data-testid="sign-in-submit" className="mt-1 w-full">
        {pending && <LoaderCircle className="animate-spin" />}
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
