import type { z } from "zod";

// What a form's server action answers: ok or not, a message code for the form as a whole, field
// error codes by field name (nested fields as "hours.0.start"), and the values to put back into
// the form after a refusal (React resets uncontrolled fields after an action).

export type FormState<F extends string = string> = {
  ok: boolean;
  /** A message code of the form's catalog ("saved", "not_found", …). */
  message?: string | null;
  /** Values for the message's placeholders. */
  messageValues?: Record<string, string>;
  fieldErrors?: Partial<Record<F, string>>;
  /** The submitted values, echoed back after a refusal. */
  values?: Record<string, string>;
  /** The id of a record the action created. */
  id?: string;
};

export const initialFormState: FormState = { ok: false };

/** The first issue's message per field path ("name", "hours.0.start"). */
export function fieldErrorsOf<F extends string = string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_form";
    if (!out[path]) out[path] = issue.message;
  }
  return out as Partial<Record<F, string>>;
}

/** A FormData's string fields as an object (multi-valued fields: the last value; see getAll for lists). */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  return out;
}

/** One string field of a FormData (undefined when absent or a file). */
export function formField(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}
