import { z } from "zod";
import { FLAG_KEY_PATTERN, MAX_DESCRIPTION } from "./registry";

// What the flags page may submit. Field errors are codes (flags.fieldErrors.* in the catalogs).

export { MAX_DESCRIPTION };

export const flagKeySchema = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required", abort: true })
  .max(63, { error: "pattern" })
  .regex(FLAG_KEY_PATTERN, { error: "pattern" });

export const overrideValues = ["inherit", "on", "off"] as const;
export type OverrideValue = (typeof overrideValues)[number];

export const overrideInputSchema = z.object({
  flagKey: flagKeySchema,
  value: z.enum(overrideValues, { error: "required" }),
});

/** "on" from a checkbox; absent or anything else is off. */
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const definitionInputSchema = z.object({
  key: flagKeySchema,
  description: z.string({ error: "required" }).trim().max(MAX_DESCRIPTION, { error: "tooLong" }),
  defaultEnabled: checkbox,
  rolloutPercentage: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required", abort: true })
    .regex(/^\d{1,3}$/, { error: "percentage" })
    .transform(Number)
    .pipe(z.number().int().min(0, { error: "percentage" }).max(100, { error: "percentage" })),
});

export type DefinitionInput = z.infer<typeof definitionInputSchema>;

export const overrideToValue = (value: OverrideValue): boolean | null =>
  value === "inherit" ? null : value === "on";
