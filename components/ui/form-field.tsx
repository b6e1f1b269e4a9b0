import type * as React from "react";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

// A labelled form field with its hint and inline error. The control inside should carry
// id={id}, aria-invalid={!!error} and aria-describedby={`${id}-error`} (fieldA11y does that).
export function FormField({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  /** The translated error text, if any. */
  error?: string | null;
  hint?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !error ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The control's accessibility props for a FormField. */
export const fieldA11y = (id: string, error?: string | null) => ({
  id,
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${id}-error` : undefined,
});
