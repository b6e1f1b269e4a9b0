"use client";

import { CircleAlert, Copy, KeyRound, LoaderCircle, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { type CreateTokenState, createTokenAction } from "../actions";

const initial: CreateTokenState = { ok: true, message: null, fieldErrors: {} };
const FIELD_CODES = ["required", "tooLong", "scopes", "date", "past"] as const;
const fieldCode = (code: string | undefined) => (FIELD_CODES as readonly string[]).includes(code ?? "") ? (code as (typeof FIELD_CODES)[number]) : code ? "invalid" : null;

/** A new token: name, scopes, optional expiry; the answer shows the token once, with a copy button. */
export function CreateTokenForm({ scopes }: { scopes: string[] }) {
  const t = useTranslations("apiTokens");
  const [state, action, pending] = useActionState(createTokenAction, initial);
  const [copiedToken, setCopiedToken] = useState<string | null>(null);
  const copied = copiedToken !== null && copiedToken === state.token;
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  useEffect(() => {
    if (state.ok && state.token) formRef.current?.reset();
  }, [state]);

  // Submitted by hand: React resets a <form action> after it runs, which would wipe the input on a field error.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };

  const error = (field: "name" | "scopes" | "expiresOn") => {
    const code = fieldCode(state.fieldErrors[field]);
    return code ? t(`fieldErrors.${code}`, { max: 80 }) : null;
  };

  const copy = async () => {
    if (!state.token) return;
    try {
      await navigator.clipboard.writeText(state.token);
      setCopiedToken(state.token);
    } catch {
      setCopiedToken(null);
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <KeyRound className="size-4" aria-hidden />
          {t("create.title")}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {state.ok && state.token && (
          <Alert role="status" data-testid="api-token-created">
            <TriangleAlert />
            <AlertTitle>{t("created.title", { name: state.name ?? "" })}</AlertTitle>
            <AlertDescription className="flex flex-col gap-2">
              <span>{t("created.warning")}</span>
              <span className="flex flex-wrap items-center gap-2">
                <code className="rounded bg-muted px-2 py-1 font-mono text-xs break-all" data-testid="api-token-value">
                  {state.token}
                </code>
                <Button type="button" size="sm" variant="outline" onClick={copy} data-testid="api-token-copy">
                  <Copy aria-hidden />
                  {copied ? t("created.copied") : t("created.copy")}
                </Button>
              </span>
            </AlertDescription>
          </Alert>
        )}
        {!state.ok && state.message && !pending && (
          <Alert variant="destructive" role="alert" data-testid="api-token-form-error">
            <CircleAlert />
            <AlertDescription>{t(`messages.${state.message}`)}</AlertDescription>
          </Alert>
        )}
        <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="api-token-form">
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${id}-name`}>{t("create.name")}</Label>
              <Input
                id={`${id}-name`}
                name="name"
                maxLength={80}
                autoComplete="off"
                placeholder={t("create.namePlaceholder")}
                aria-invalid={error("name") ? true : undefined}
                aria-describedby={`${id}-name-error`}
                data-testid="api-token-name"
              />
              <p id={`${id}-name-error`} className="text-xs text-destructive" data-testid="api-token-name-error">
                {error("name")}
              </p>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${id}-expires`}>{t("create.expires")}</Label>
              <Input
                id={`${id}-expires`}
                name="expiresOn"
                type="date"
                className="w-48"
                aria-invalid={error("expiresOn") ? true : undefined}
                aria-describedby={`${id}-expires-hint ${id}-expires-error`}
                data-testid="api-token-expires"
              />
              <p id={`${id}-expires-hint`} className="text-xs text-muted-foreground">
                {t("create.expiresHint")}
              </p>
              <p id={`${id}-expires-error`} className="text-xs text-destructive" data-testid="api-token-expires-error">
                {error("expiresOn")}
              </p>
            </div>
          </div>
          <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-scopes-error`}>
            <legend className="mb-1 text-sm font-medium">{t("create.scopes")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {scopes.map((scope) => (
                <label key={scope} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="scopes" value={scope} className="mt-0.5 size-4 accent-primary" data-testid={`api-token-scope-${scope}`} />
                  <span>
                    <span className="font-mono text-xs">{scope}</span>
                    <span className="block text-xs text-muted-foreground">{t(`scopes.${scope.replace(":", "_") as "calls_read"}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            <p id={`${id}-scopes-error`} className="text-xs text-destructive" data-testid="api-token-scopes-error">
              {error("scopes")}
            </p>
          </fieldset>
          <div>
            <Button type="submit" disabled={pending} aria-busy={pending} data-testid="api-token-submit">
              {pending && <LoaderCircle className="animate-spin" />}
              {pending ? t("create.creating") : t("create.submit")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
