import { z } from "zod";

// Error messages are codes; the sign-in form turns them into words from the message catalog.
export const signInSchema = z.object({
  email: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(254, { error: "too_long" })
    .pipe(z.email({ error: "invalid_email" })),
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(1024, { error: "too_long" }),
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
