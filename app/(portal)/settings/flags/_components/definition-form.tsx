"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useEffect, useId, useRef } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MAX_DESCRIPTION } from "@/lib/flags/registry";
import { cn } from "@/lib/utils";
import { type FlagActionState, type FlagField, saveDefinitionAction } from "../actions";
import { fieldCode, messageCode } from "./codes";

const initial: FlagActionState = { ok: true, message: null, fieldErrors: {} };

export type DefinitionValues = { key: string; description: string; defaultEnabled: boolean; rolloutPercentage: number };

/**
 * A flag's global definition, for platform admins: create a new flag, or edit description,
 * global default and rollout percentage of an existing one (its key never changes).
 */
export function DefinitionForm({
  mode,
  values,
  onDone,
}: {
  mode: "create" | "edit";
  values?: DefinitionValues;
  onDone?: () => void;
}) {
  const t = useTranslations("flags");
  const [state, action, pending] = useActionState(saveDefinitionAction, initial);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const testId = mode === "create" ? "flag-create-form" : `flag-definition-form-${values?.key ?? ""}`;

  // After a successful save: a new flag's form starts empty again; an edit closes.
  useEffect(() => {
    if (!state.ok || !state.message) return;
    if (mode === "create") formRef.current?.reset();
    else onDone?.();
  }, [state, mode, onDone]);

  // Submitted by hand rather than through <form action>: React resets a form after its action,
  // which would wipe what the user typed whenever the answer is a field error.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };

  const error = (field: FlagField) => {
    const code = fieldCode(state.fieldErrors[field]);
    return code ? t(`fieldErrors.${code}`, { max: MAX_DESCRIPTION }) : null;
  };
  const field = (name: FlagField) => ({
    id: `${id}-${name}`,
    name,
    "aria-invalid": error(name) ? true : undefined,
    "aria-describedby": `${id}-${name}-hint ${id}-${name}-error`,
  });
  const fieldError = (name: FlagField) => (
    <p id={`${id}-${name}-error`} className="text-xs text-destructive" data-testid={`${testId}-${name}-error`}>
      {error(name)}
    </p>
  );

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid={testId}>
      <input type="hidden" name="mode" value={mode} />
      {state.message && !state.ok && !pending && (
        <Alert variant="destructive" role="alert" data-testid={`${testId}-error`}>
          <CircleAlert />
          <AlertDescription>{t(`messages.${messageCode(state.message)}`)}</AlertDescription>
        </Alert>
      )}
      <div className={cn("grid gap-4", mode === "create" && "sm:grid-cols-2")}>
        {mode === "create" ? (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-key`}>{t("definition.key")}</Label>
            <Input
              {...field("key")}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={63}
              placeholder="calendar.week_view"
              className="font-mono"
              data-testid={`${testId}-key`}
            />
            <p id={`${id}-key-hint`} className="text-xs text-muted-foreground">
              {t("definition.keyHint")}
            </p>
            {fieldError("key")}
          </div>
        ) : (
          <input type="hidden" name="key" value={values?.key ?? ""} />
        )}
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-rolloutPercentage`}>{t("definition.rollout")}</Label>
          <Input
            {...field("rolloutPercentage")}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            defaultValue={values?.rolloutPercentage ?? 0}
            className="w-28 tabular-nums"
            data-testid={`${testId}-rollout`}
          />
          <p id={`${id}-rolloutPercentage-hint`} className="text-xs text-muted-foreground">
            {t("definition.rolloutHint")}
          </p>
          {fieldError("rolloutPercentage")}
        </div>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-description`}>{t("definition.description")}</Label>
        <textarea
          {...field("description")}
          rows={2}
          maxLength={MAX_DESCRIPTION}
          defaultValue={values?.description ?? ""}
          className="w-full min-w-0 rounded-md border border-input bg-transparent px-3 py-2 text-base shadow-xs outline-none placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 aria-invalid:border-destructive md:text-sm dark:bg-input/20"
          data-testid={`${testId}-description`}
        />
        <p id={`${id}-description-hint`} className="sr-only">
          {t("definition.descriptionHint", { max: MAX_DESCRIPTION })}
        </p>
        {fieldError("description")}
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="defaultEnabled"
          defaultChecked={values?.defaultEnabled ?? false}
          className="mt-0.5 size-4 accent-primary"
          data-testid={`${testId}-default`}
        />
        <span>
          <span className="font-medium">{t("definition.defaultEnabled")}</span>
          <span className="block text-xs text-muted-foreground">{t("definition.defaultEnabledHint")}</span>
        </span>
      </label>
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending} data-testid={`${testId}-submit`}>
          {pending && <LoaderCircle className="animate-spin" />}
          {pending ? t("definition.saving") : mode === "create" ? t("definition.create") : t("definition.save")}
        </Button>
        {mode === "edit" && onDone && (
          <Button type="button" variant="ghost" onClick={onDone} disabled={pending}>
            {t("definition.cancel")}
          </Button>
        )}
        {state.ok && state.message && !pending && (
          <p aria-live="polite" className="text-sm text-muted-foreground" data-testid={`${testId}-saved`}>
            {t(`messages.${messageCode(state.message)}`)}
          </p>
        )}
      </div>
    </form>
  );
}
