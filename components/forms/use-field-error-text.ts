"use client";

import { useTranslations } from "next-intl";

// Field error codes (lib/forms/form-state.ts) → text, the same way in every form: the section's
// own wording first (`<namespace>.<code>`, e.g. "branches.fieldErrors.country"), else the common
// one (forms.fieldErrors.<code>), else a general fallback. `aliases` renames a code for this form
// (the phone-number form says "numberTaken" where the code is "taken").

type Translate = ((key: string) => string) & { has: (key: string) => boolean };

export type FieldErrorTextOptions = {
  aliases?: Record<string, string>;
  /** Text for a code no catalog knows: forms.invalid (default) or forms.fieldErrors.required. */
  fallback?: "invalid" | "required";
};

/** (code) → text or null (no error). Without a namespace only the common texts are used. */
export function useFieldErrorText(namespace?: string, options: FieldErrorTextOptions = {}) {
  // The namespace is the section's (typed catalogs cannot follow a runtime name).
  const own = useTranslations((namespace ?? "forms.fieldErrors") as never) as unknown as Translate;
  const forms = useTranslations("forms") as unknown as Translate;
  const { aliases, fallback = "invalid" } = options;
  return (code: string | undefined | null): string | null => {
    if (!code) return null;
    const key = aliases?.[code] ?? code;
    if (namespace && own.has(key)) return own(key);
    if (forms.has(`fieldErrors.${code}`)) return forms(`fieldErrors.${code}`);
    return fallback === "required" ? forms("fieldErrors.required") : forms("invalid");
  };
}
