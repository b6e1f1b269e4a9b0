"use client";

import { useTranslations } from "next-intl";
import { useFieldErrorText as useSharedFieldErrorText } from "@/components/forms/use-field-error-text";

/**
 * Field error code → text: the services' own wording first (services.fieldErrors, with the
 * allowed range for "minutes" per field), else the common one (forms.fieldErrors).
 */
export function useFieldErrorText() {
  const t = useTranslations("services.fieldErrors");
  const text = useSharedFieldErrorText("services.fieldErrors");
  return (code: string | undefined | null, field?: string): string | null => {
    if (code === "minutes" && field && t.has(`minutesBy.${field}` as "minutesBy.durationMinutes")) return t(`minutesBy.${field}` as "minutesBy.durationMinutes");
    return text(code);
  };
}
