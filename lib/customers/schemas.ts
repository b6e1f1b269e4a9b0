import { z } from "zod";
import { normalizeEmail, normalizePhone } from "./normalize";

// What a new customer may be created with. Field errors are codes (customers.fieldErrors.* once
// the customers page exists). The database stores phone/email/notes encrypted and cannot check
// them any more: this is where the E.164 rule lives.

export const MAX_NAME = 100;
export const MAX_NOTES = 2000;

const blankAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v === null ? undefined : v);

const name = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required", abort: true })
  .max(MAX_NAME, { error: "tooLong" });

/** Any usual spelling of a phone number, normalized to E.164 ("phone" error if it is not one). */
export const phoneSchema = z.string().transform((value, ctx) => {
  const phone = normalizePhone(value);
  if (!phone) {
    ctx.addIssue({ code: "custom", message: "phone" });
    return z.NEVER;
  }
  return phone;
});

export const emailSchema = z
  .string()
  .transform(normalizeEmail)
  .pipe(z.email({ error: "email" }).max(254, { error: "tooLong" }));

export const customerInputSchema = z.object({
  firstName: name,
  lastName: name,
  phone: z.preprocess(blankAsUndefined, phoneSchema.optional()),
  email: z.preprocess(blankAsUndefined, emailSchema.optional()),
  notes: z.preprocess(blankAsUndefined, z.string().trim().max(MAX_NOTES, { error: "tooLong" }).optional()),
  birthday: z.preprocess(blankAsUndefined, z.iso.date({ error: "date" }).optional()),
  locale: z.preprocess(blankAsUndefined, z.enum(["de", "en"], { error: "locale" }).optional()),
});

export type CustomerInput = z.infer<typeof customerInputSchema>;
export type CustomerFieldErrors = Partial<Record<keyof CustomerInput, string>>;

/** The first issue's code per field of a failed customerInputSchema parse. */
export function customerFieldErrors(error: z.ZodError): CustomerFieldErrors {
  const fieldErrors: CustomerFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as keyof CustomerFieldErrors | undefined;
    if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
  }
  return fieldErrors;
}

/** A customer id from a URL or a form: anything else is simply "not found". */
export const customerIdSchema = z.guid();
