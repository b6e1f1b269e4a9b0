"use client";

import { AtSign, CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { IconCardHeader } from "@/components/layout/icon-card-header";

type Field = "newEmail" | "password" | "code";
type Errors = Partial<Record<Field, string>>;
type EmailResponse = { ok: boolean; error?: string; email?: string; fieldErrors?: Partial<Record<string, string[]>> };

const EMAIL_CODES = ["required", "invalid_email", "too_long", "same_email", "email_taken"];

/** Posts to /api/account/email: the new address after password (and code with 2FA on). */
export function ChangeEmailCard({ email, twoFactorOn }: { email: string; twoFactorOn: boolean }) {
  const t = useTranslations("twoFactor");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<"throttled" | "generic" | null>(null);
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const body = {
      newEmail: String(data.get("newEmail") ?? ""),
      password: String(data.get("password") ?? ""),
      ...(twoFactorOn ? { code: String(data.get("code") ?? "") } : {}),
    };
    setErrors({});
    setFormError(null);
    setDone(false);
    setPending(true);
    let response: Response;
    let answer: EmailResponse | null;
    try {
      response = await fetch("/api/account/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      answer = (await response.json().catch(() => null)) as EmailResponse | null;
    } catch {
      setPending(false);
      setFormError("generic");
      return;
    }
    setPending(false);
    if (response.ok && answer?.ok) {
      formRef.current?.reset();
      setDone(true);
      router.refresh();
      return;
    }
    if (response.status === 401) {
      router.replace("/sign-in");
      return;
    }
    const error = answer?.error;
    if (error === "email_taken") return setErrors({ newEmail: "email_taken" });
    if (error === "wrong_current_password") return setErrors({ password: "wrong_current_password" });
    if (error === "code_required" || error === "invalid_code") return setErrors({ code: error });
    if (response.status === 429) return setFormError("throttled");
    const fe = answer?.fieldErrors;
    if (fe && (fe.newEmail || fe.password || fe.code)) {
      return setErrors({ newEmail: fe.newEmail?.[0], password: fe.password?.[0], code: fe.code?.[0] });
    }
    setFormError("generic");
  }

  const message = (field: Field): string | null => {
    const code = errors[field];
    if (!code) return null;
    if (field === "newEmail") return t(`email.errors.${EMAIL_CODES.includes(code) ? code : "invalid_email"}` as "email.errors.required");
    return t(`errors.${code}` as "errors.required");
  };

  const input = (name: Field, label: string, type: string, autoComplete: string) => {
    const error = message(name);
    return (
      <div className="flex flex-col gap-2">
        <Label htmlFor={`email-${name}`}>{label}</Label>
        <Input
          id={`email-${name}`}
          name={name}
          type={type}
          autoComplete={autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={name === "password" ? 1024 : name === "code" ? 32 : 254}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `email-${name}-error` : undefined}
          data-testid={`change-email-${name}`}
        />
        {error && (
          <p id={`email-${name}-error`} data-testid={`change-email-${name}-error`} className="text-sm text-destructive">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <Card className="max-w-2xl" data-testid="change-email-card">
      <IconCardHeader icon={AtSign} title={t("email.title")} description={t("email.description")} />
      <CardContent>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-5" data-testid="change-email-form">
          {done && (
            <Alert role="status" data-testid="change-email-success">
              <CircleCheck className="text-primary" />
              <AlertDescription>{t("email.success")}</AlertDescription>
            </Alert>
          )}
          {formError && (
            <Alert variant="destructive" role="alert" data-testid="change-email-error">
              <CircleAlert />
              <AlertDescription>{t(`errors.${formError}`)}</AlertDescription>
            </Alert>
          )}
          <p className="text-sm">
            <span className="text-muted-foreground">{t("email.current")}: </span>
            <span className="font-medium" data-testid="change-email-current">
              {email}
            </span>
          </p>
          {input("newEmail", t("email.newEmail"), "email", "email")}
          {input("password", t("email.password"), "password", "current-password")}
          {twoFactorOn && input("code", t("email.code"), "text", "one-time-code")}
          <div>
            <Button type="submit" disabled={pending} aria-busy={pending} data-testid="change-email-submit">
              {pending && <LoaderCircle className="animate-spin" />}
              {pending ? t("email.submitting") : t("email.submit")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
