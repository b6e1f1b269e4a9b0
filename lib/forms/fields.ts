import { z } from "zod";
import { normalizePhone } from "@/lib/customers/normalize";

// Field schemas the portal's forms share, so a price, a duration, a time zone or a phone number
// is checked the same way everywhere. Error messages are codes; each form's catalog has a
// fieldErrors entry per code (forms.fieldErrors in the core catalog has the common ones).

/** "" and null from a form count as absent. */
export const blankAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v === null ? undefined : v);

/** A required text: trimmed, not empty, at most `max` characters. */
export const requiredText = (max = 200) =>
  z.string({ error: "required" }).trim().min(1, { error: "required", abort: true }).max(max, { error: "tooLong" });

/** An optional text: blank becomes undefined. */
export const optionalText = (max = 2000) => z.preprocess(blankAsUndefined, z.string().trim().max(max, { error: "tooLong" }).optional());

/**
 * A money amount as typed ("12", "12.5", "12,50", "1.234,50" is refused: no grouping) → integer
 * cents. Negative amounts and more than two decimals are refused ("price").
 */
export const priceCentsSchema = z.union([z.string(), z.number()], { error: "required" }).transform((value, ctx) => {
  const text = String(value).trim().replace(",", ".");
  if (text === "") {
    ctx.addIssue({ code: "custom", message: "required" });
    return z.NEVER;
  }
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "price" });
    return z.NEVER;
  }
  const [euros, cents = ""] = text.split(".");
  return Number(euros) * 100 + Number(cents.padEnd(2, "0"));
});

/** Cents → the amount as a form shows it ("12.50"). */
export const centsToInput = (cents: number) => (cents / 100).toFixed(2);

/** Whole minutes within [min, max] ("minutes" otherwise, "required" when blank). */
export const minutesSchema = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v)) : v),
    z
      .number({ error: "required" })
      .int({ error: "minutes" })
      .min(min, { error: "minutes" })
      .max(max, { error: "minutes" }),
  );

const knownTimeZones = new Set(Intl.supportedValuesOf("timeZone"));
knownTimeZones.add("UTC");

/** An IANA time zone name the runtime knows ("Europe/Berlin"); "timeZone" otherwise. */
export const timeZoneSchema = z
  .string({ error: "required" })
  .trim()
  .refine((tz) => knownTimeZones.has(tz), { error: "timeZone" });

/** The time zones a form offers. */
export const timeZoneOptions = (): string[] => [...knownTimeZones].sort();

/** Any usual spelling of a phone number, normalized to E.164 ("phone" otherwise). */
export const e164Schema = z.string({ error: "required" }).transform((value, ctx) => {
  const phone = normalizePhone(value);
  if (!phone) {
    ctx.addIssue({ code: "custom", message: "phone" });
    return z.NEVER;
  }
  return phone;
});

export const localeSchema = z.enum(["de", "en"], { error: "locale" });

/** "HH:MM" on a 24-hour clock ("time" otherwise); "24:00" allowed as an end of day. */
export const clockTimeSchema = z.string({ error: "required" }).regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: "time" });

/** An ISO date "YYYY-MM-DD" that exists ("date" otherwise). */
export const isoDateSchema = z.iso.date({ error: "date" });

/** A form checkbox: "on"/"true" → true, absent → false. */
export const checkboxSchema = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
