"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { cn } from "@/lib/utils";
import { type FlagActionState, setOverrideAction } from "../actions";
import { messageCode } from "./codes";

const initial: FlagActionState = { ok: true, message: null, fieldErrors: {} };

const OPTIONS = ["inherit", "on", "off"] as const;

/** The company's own setting for one flag: inherit the global setting, or force it on or off. */
export function OverrideControl({
  flagKey,
  override,
  companyName,
  disabled,
}: {
  flagKey: string;
  override: boolean | null;
  companyName: string;
  disabled?: boolean;
}) {
  const t = useTranslations("flags");
  const [state, action, pending] = useActionState(setOverrideAction, initial);
  const current = override === null ? "inherit" : override ? "on" : "off";
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="flagKey" value={flagKey} />
      <div
        role="group"
        aria-label={t("override.label", { company: companyName })}
        className="inline-flex items-center rounded-md border bg-muted/40 p-0.5"
        data-testid={`flag-override-${flagKey}`}
        data-value={current}
      >
        {OPTIONS.map((value) => {
          const active = value === current;
          return (
            <button
              key={value}
              type="submit"
              name="value"
              value={value}
              disabled={disabled || pending}
              aria-pressed={active}
              data-testid={`flag-override-${flagKey}-${value}`}
              className={cn(
                "h-7 rounded-[5px] px-2.5 text-xs font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed",
                active
                  ? value === "inherit"
                    ? "bg-background text-foreground shadow-xs"
                    : value === "on"
                      ? "bg-primary text-primary-foreground shadow-xs"
                      : "bg-foreground text-background shadow-xs"
                  : "text-muted-foreground hover:text-foreground disabled:opacity-60",
              )}
            >
              {t(`override.${value}`)}
            </button>
          );
        })}
        {pending && <LoaderCircle className="mx-1 size-3.5 animate-spin text-muted-foreground" aria-hidden="true" />}
      </div>
      <p aria-live="polite" className={cn("min-h-4 text-xs", state.ok ? "text-muted-foreground" : "text-destructive")}>
        {!pending && state.message && !state.ok ? t(`messages.${messageCode(state.message)}`) : null}
      </p>
    </form>
  );
}
