import { z } from "zod";
import { blankAsUndefined, minutesSchema, optionalText, priceCentsSchema, requiredText } from "@/lib/forms/fields";

// What a service and a service category may be saved with. Field errors are codes: the common ones
// in forms.fieldErrors (required, tooLong, minutes, price, uuid, taken), the services' own
// (outOfScope, number) in services.fieldErrors.

export const MAX_SERVICE_NAME = 100;
export const MAX_SERVICE_DESCRIPTION = 2000;
export const MAX_CATEGORY_NAME = 60;
/** A week: longer notice than that is a typo, not a rule. */
export const MAX_NOTICE_MINUTES = 7 * 24 * 60;
export const MAX_SORT_ORDER = 100_000;

/** Minutes where blank or absent means `fallback`. */
const minutesOr = (fallback: number, min: number, max: number) =>
  z.preprocess((v) => (blankAsUndefined(v) === undefined ? fallback : v), minutesSchema(min, max));

/** A form checkbox or a JSON boolean; absent → the fallback (the action sends unchecked boxes as false). */
const flag = (fallback: boolean) =>
  z.preprocess((v) => (v === undefined || v === null ? fallback : v === true || v === "on" || v === "true"), z.boolean());

const optionalId = z.preprocess(blankAsUndefined, z.guid({ error: "uuid" }).optional());

export const serviceInputSchema = z.object({
  name: requiredText(MAX_SERVICE_NAME),
  description: optionalText(MAX_SERVICE_DESCRIPTION),
  /** None: "no category". */
  categoryId: optionalId,
  /** None: offered in every branch of the company. */
  branchId: optionalId,
  durationMinutes: minutesSchema(5, 1440),
  bufferBeforeMinutes: minutesOr(0, 0, 240),
  bufferAfterMinutes: minutesOr(0, 0, 240),
  /** As typed ("35,50"): stored as cents. */
  price: priceCentsSchema,
  minNoticeMinutes: minutesOr(0, 0, MAX_NOTICE_MINUTES),
  bookableByPhone: flag(true),
  bookableOnline: flag(true),
  isActive: flag(true),
  sortOrder: z.preprocess(
    (v) => (blankAsUndefined(v) === undefined ? 0 : typeof v === "string" ? Number(v) : v),
    z.number({ error: "number" }).int({ error: "number" }).min(0, { error: "number" }).max(MAX_SORT_ORDER, { error: "number" }),
  ),
});

export type ServiceInput = z.input<typeof serviceInputSchema>;
export type ServiceData = z.output<typeof serviceInputSchema>;
export type ServiceField = keyof ServiceInput;
export type ServiceFieldErrors = Partial<Record<ServiceField, string>>;

export const categoryInputSchema = z.object({ name: requiredText(MAX_CATEGORY_NAME) });
export type CategoryFieldErrors = Partial<Record<"name", string>>;

/** The first issue's code per top-level field of a failed parse. */
export function fieldErrorsOf<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "_form";
    if (!out[field]) out[field] = issue.message;
  }
  return out as Partial<Record<F, string>>;
}

/** An id from a URL or a form: anything but a uuid is simply "not found". */
export const isUuid = (id: unknown): id is string => z.guid().safeParse(id).success;
