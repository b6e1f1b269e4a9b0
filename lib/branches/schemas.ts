import { z } from "zod";
import { blankAsUndefined, e164Schema, isoDateSchema, localeSchema, optionalText, requiredText, timeZoneSchema } from "@/lib/forms/fields";
import { openingHoursSchema } from "./opening-hours";

// What a branch and a closing day may be saved with. Field errors are codes: the common ones in
// forms.fieldErrors, the branch's own (country, tooManyIntervals, …) in branches.fieldErrors.
// Nested fields keep their path: "openingHours.1.0.close".

export const MAX_BRANCH_NAME = 100;
export const MAX_CLOSURE_REASON = 200;

const upperTrim = (v: unknown) => (typeof v === "string" ? v.trim().toUpperCase() : v);
/** "on"/"true"/true → true, "false"/false → false; absent → the default. */
const flag = (fallback: boolean) =>
  z.preprocess((v) => (v === undefined || v === null ? fallback : v === true || v === "on" || v === "true"), z.boolean());

export const branchInputSchema = z.object({
  name: requiredText(MAX_BRANCH_NAME),
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: z.preprocess(upperTrim, z.string({ error: "required" }).regex(/^[A-Z]{2}$/, { error: "country" })),
  timeZone: timeZoneSchema,
  locale: localeSchema,
  phone: z.preprocess(blankAsUndefined, e164Schema.optional()),
  email: z.preprocess(
    blankAsUndefined,
    z.string().trim().toLowerCase().pipe(z.email({ error: "email" }).max(254, { error: "tooLong" })).optional(),
  ),
  isActive: flag(true),
  /** Left out: unchanged on update, none on create. */
  openingHours: openingHoursSchema.optional(),
});

export type BranchInput = z.input<typeof branchInputSchema>;
export type BranchData = z.output<typeof branchInputSchema>;

export const openingHoursInputSchema = z.object({ openingHours: openingHoursSchema });

export const closureInputSchema = z.object({
  date: isoDateSchema,
  reason: optionalText(MAX_CLOSURE_REASON),
});

export type ClosureInput = z.input<typeof closureInputSchema>;

/** Field path ("name", "openingHours.1.0.close") → error code. */
export type BranchFieldErrors = Partial<Record<string, string>>;

/** The first issue's code per field path of a failed parse. */
export function branchFieldErrors(error: z.ZodError): BranchFieldErrors {
  const out: BranchFieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_form";
    if (!out[path]) out[path] = issue.message;
  }
  return out;
}

/** An id from a URL or a form: anything but a uuid is simply "not found". */
export const branchIdSchema = z.guid();
export const isBranchId = (id: unknown): id is string => branchIdSchema.safeParse(id).success;
