import { z } from "zod";

/** Six digits, or 24 letters/digits (a recovery code), once spaces and dashes are gone. */
export const SECOND_FACTOR_FORMAT = /^(?:[0-9]{6}|[a-zA-Z0-9]{24})$/;

// Error messages are codes; the sign-in form turns them into words from the message catalog.
export const signInSchema = z.object({
  email: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(254, { error: "too_long" })
    .pipe(z.email({ error: "invalid_email" })),
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(1024, { error: "too_long" }),
  // The second factor, when asked for: six digits or a recovery code (lib/auth/two-factor.ts
  // parseSecondFactor decides which), typed with or without spaces and dashes; empty is none.
  code: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\s-]/g, "") || undefined : v),
    // The anchored pattern bounds the length itself (linear, whatever the input's size).
    z.string({ error: "invalid_format" }).regex(SECOND_FACTOR_FORMAT, { error: "invalid_format" }).optional(),
  ),
});

export const signInRequestSchema = signInSchema.extend({
  // Only a path on this site: never an open redirect.
  callbackUrl: z
    .string()
    .max(2048)
    .regex(/^\/(?!\/)[^\s\\]*$/)
    .optional()
    .catch(undefined),
});

export type SignInInput = z.infer<typeof signInSchema>;
