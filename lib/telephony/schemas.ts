import { z } from "zod";
import { blankAsUndefined, checkboxSchema, e164Schema, localeSchema, optionalText, requiredText } from "@/lib/forms/fields";

// What a phone number and a Retell agent may be saved with. Field errors are codes:
// phoneNumbers.fieldErrors.<code> for this section's own, forms.fieldErrors.<code> otherwise.
// "taken" comes from the database's global unique indexes (a number, an agent id), never from a
// look across companies here.

/** The numbers list's sorts (client-safe: the URL parsers use them too). */
export const PHONE_NUMBER_SORTS = ["number.asc", "number.desc", "created.desc", "created.asc"] as const;

export const RETELL_AGENT_ID_PATTERN = /^agent_[A-Za-z0-9_-]{1,100}$/;

const optionalId = z.preprocess(blankAsUndefined, z.uuid({ error: "uuid" }).optional());

export const phoneNumberInputSchema = z.object({
  e164: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().trim().min(1, { error: "required", abort: true }).pipe(e164Schema)),
  label: optionalText(80),
  branchId: z.preprocess(blankAsUndefined, z.uuid({ error: "uuid" }).optional()).refine((v) => v !== undefined, { error: "required" }),
  agentId: optionalId,
  isActive: checkboxSchema,
});

export const agentInputSchema = z.object({
  retellAgentId: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required", abort: true })
    .regex(RETELL_AGENT_ID_PATTERN, { error: "agentId" }),
  name: requiredText(100),
  language: localeSchema,
  voiceId: optionalText(100),
  isActive: checkboxSchema,
});

export type PhoneNumberInput = z.output<typeof phoneNumberInputSchema>;
export type AgentInput = z.output<typeof agentInputSchema>;
export type PhoneNumberFieldErrors = Partial<Record<keyof PhoneNumberInput, string>>;
export type AgentFieldErrors = Partial<Record<keyof AgentInput, string>>;

export const telephonyIdSchema = z.uuid();

/** The first issue's code per top-level field. */
export function firstFieldErrors<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && !out[field]) out[field] = issue.message;
  }
  return out as Partial<Record<F, string>>;
}
