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

type CodeError = "invalid_code" | "invalid_format" | "code_required";

type SignInResponse =
  | { ok: true; redirectTo: string }
  | { ok: false; error?: string; fieldErrors?: Partial<Record<string, string[]>> };

/**
 * Posts to /api/auth/sign-in and turns its error codes into words; the session cookie comes back
 * with the answer. With 2FA on, the answer two_factor_required opens a second step: a code (or a
 * recovery code), posted together with the email and password kept in memory.
 */
export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth.signIn");
  const tPassword = useTranslations("password.signIn");
  const tCode = useTranslations("twoFactor");
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const [recoveryMode, setRecoveryMode] = useState(false);
  const [codeError, setCodeError] = useState<CodeError | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
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
    // Second step: the email and password of the first, and the code typed now.
    const email = credentials?.email ?? String(data.get("email") ?? "");
    const password = credentials?.password ?? String(data.get("password") ?? "");
    const code = credentials ? String(data.get("code") ?? "") : undefined;
    setPending(true);
    setFieldErrors({});
    setFormError(null);
    setCodeError(null);

    let response: Response;
    let body: SignInResponse | null;
    try {
      response = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password, ...(code !== undefined ? { code } : {}), callbackUrl }),
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
    const error = body && !body.ok ? body.error : undefined;
    if (response.status === 401 && error === "two_factor_required") {
      // Keep what was typed (in memory only) and ask for the code.
      setCredentials({ email, password });
      setCodeError(credentials ? "code_required" : null);
      setTimeout(() => codeRef.current?.focus(), 0);
      return;
    }
    if (credentials && (error === "invalid_code" || (response.status === 400 && body && !body.ok && body.fieldErrors?.code))) {
      setCodeError(error === "invalid_code" ? "invalid_code" : "invalid_format");
      codeRef.current?.select();
      return;
    }
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
      setCredentials(null);
      setFormError("invalid_credentials");
      passwordRef.current?.select();
      return;
    }
    setFormError(response.status === 429 ? "rate_limited" : "generic");
  }

  if (credentials) {
    const codeErrorText = codeError ? tCode(`errors.${codeError}`) : null;
    return (
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5" data-testid="sign-in-code-form">
        <div className="space-y-1">
          <h2 className="font-semibold" data-testid="sign-in-code-title">
            {tCode("signIn.title")}
          </h2>
          <p className="text-sm text-muted-foreground">{tCode("signIn.description")}</p>
        </div>
        {formError && (
          <Alert variant="destructive" role="alert" data-testid="sign-in-error">
            <CircleAlert />
            <AlertDescription>{t(`errors.${formError}`)}</AlertDescription>
          </Alert>
        )}
        <div className="flex flex-col gap-2">
          <Label htmlFor="sign-in-code">{recoveryMode ? tCode("code.recoveryLabel") : tCode("code.label")}</Label>
          <Input
            ref={codeRef}
            key={recoveryMode ? "recovery" : "totp"}
            id="sign-in-code"
            name="code"
            type="text"
            inputMode={recoveryMode ? "text" : "numeric"}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={32}
            placeholder={recoveryMode ? "abcdef-ghjkmn-pqrstu-vwxyz2" : "123456"}
            aria-invalid={codeErrorText ? true : undefined}
            aria-describedby={codeErrorText ? "sign-in-code-error sign-in-code-hint" : "sign-in-code-hint"}
            data-testid="sign-in-code"
            autoFocus
          />
          {codeErrorText && (
            <p id="sign-in-code-error" data-testid="sign-in-code-error" className="text-sm text-destructive">
              {codeErrorText}
            </p>
          )}
          <p id="sign-in-code-hint" className="text-xs text-muted-foreground">
            {recoveryMode ? tCode("code.recoveryHint") : tCode("code.hint")}
          </p>
        </div>
        <Button type="submit" disabled={pending} aria-busy={pending} data-testid="sign-in-code-submit" className="w-full">
          {pending && <LoaderCircle className="animate-spin" />}
          {pending ? t("submitting") : tCode("signIn.submit")}
        </Button>
        <div className="flex items-center justify-between gap-2 text-sm">
          <button
            type="button"
            className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
            onClick={() => {
              setCredentials(null);
              setCodeError(null);
              setRecoveryMode(false);
            }}
            data-testid="sign-in-code-back"
          >
            {tCode("signIn.back")}
          </button>
          <button
            type="button"
            className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
            onClick={() => {
              setRecoveryMode((on) => !on);
              setCodeError(null);
            }}
            data-testid="sign-in-use-recovery"
          >
            {recoveryMode ? tCode("code.useTotp") : tCode("code.useRecovery")}
          </button>
        </div>
      </form>
    );
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
