import { z } from "zod";
import { blankAsUndefined, e164Schema, localeSchema, requiredText, timeZoneSchema } from "@/lib/forms/fields";

// What a company may be created or changed with (platform admins, /companies). Field errors are
// codes: companies.fieldErrors.<code> for the ones of this form, forms.fieldErrors.<code> for the
// common ones. The SQL functions (drizzle/0022_companies_platform.sql) repeat the slug rule.

export const COMPANY_PLANS = ["starter", "professional", "enterprise"] as const;
export type CompanyPlan = (typeof COMPANY_PLANS)[number];
export const COMPANY_CURRENCIES = ["EUR", "CHF", "GBP", "USD"] as const;
export const COMPANY_STATUSES = ["trial", "active", "suspended", "archived"] as const;
/** What a form may set; archiving has its own action. */
export const EDITABLE_COMPANY_STATUSES = ["trial", "active", "suspended"] as const;
export const SLUG_PATTERN = /^[a-z0-9-]{2,60}$/;

export const companySlugSchema = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "required", abort: true })
  .regex(SLUG_PATTERN, { error: "slug" });

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "email" }).max(254, { error: "tooLong" }));

export const companyInputSchema = z.object({
  name: requiredText(120),
  slug: companySlugSchema,
  status: z.enum(EDITABLE_COMPANY_STATUSES, { error: "status" }),
  plan: z.enum(COMPANY_PLANS, { error: "plan" }),
  locale: localeSchema,
  timeZone: timeZoneSchema,
  currency: z.enum(COMPANY_CURRENCIES, { error: "currency" }),
  contactEmail: z.preprocess(blankAsUndefined, emailSchema.optional()),
  contactPhone: z.preprocess(blankAsUndefined, e164Schema.optional()),
});

export const createCompanySchema = companyInputSchema.extend({
  branchName: requiredText(120),
});

export type CompanyInput = z.output<typeof companyInputSchema>;
export type CompanyField = keyof z.output<typeof createCompanySchema>;
export type CompanyFieldErrors = Partial<Record<CompanyField, string>>;

/** Codes with their own text under companies.fieldErrors (the rest are forms.fieldErrors). */
export const COMPANY_FIELD_ERROR_CODES = ["slug", "status", "plan", "currency", "taken"] as const;

/** A company id from a URL or a form; anything else is simply "not found". */
export const companyIdSchema = z.uuid();

export function companyFieldErrors(error: z.ZodError): CompanyFieldErrors {
  const out: CompanyFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as CompanyField | undefined;
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}
