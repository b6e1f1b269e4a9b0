"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A labelled field with its inline error (codes from twoFactor.errors), for the 2FA forms. */
export function TwoFactorField({
  id,
  name,
  label,
  type = "text",
  autoComplete,
  error,
  hint,
  testId,
  inputMode,
}: {
  id: string;
  name: string;
  label: string;
  type?: "text" | "password";
  autoComplete: string;
  error?: string | null;
  hint?: string;
  testId: string;
  inputMode?: "numeric" | "text";
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        autoCapitalize="none"
        spellCheck={false}
        maxLength={type === "password" ? 1024 : 32}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
      />
      {error && (
        <p id={`${id}-error`} data-testid={`${testId}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
    </div>
  );
}
