import { z } from "zod";
import { dbEnvSchema } from "@/db/config";
import { FieldKeyConfigError, parseBlindIndexKey, parseKeyRing } from "@/lib/crypto/key-ring";

// The environment, validated once at start-up (instrumentation.ts and scripts/start.ts): a
// missing or malformed variable stops the process with a message naming it. Empty strings count
// as unset. `next build` never calls this, so building needs no secrets.

const empty = (v: unknown) => (v === "" ? undefined : v);

// Mail. lib/mail reads this part again at every send (not frozen at import), so tests can set
// it per test. Without SMTP_URL mail is stored in MAILBOX_DIR and shown at /dev/mailbox.
export const defaultMailFrom = "AskProAI <no-reply@askproai.local>";

/** `Name <address>`, `"Name, Inc." <address>` or a bare address; no line breaks, one address. */
function isMailFrom(value: string): boolean {
  const match = /^\s*(?:(?:"[^"\r\n]*"|[^"<>,;\r\n]*?)\s*<([^<>\s]+)>|([^<>\s",;]+))\s*$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && z.email().max(254).safeParse(address).success;
}

export const mailEnvSchema = z.object({
  SMTP_URL: z.preprocess(
    empty,
    z
      .url({
        protocol: /^smtps?$/,
        hostname: /^\S+$/,
        error: "must be an smtp:// or smtps:// URL with a host (e.g. smtps://user:password@mail.example.com:465)",
      })
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    empty,
    z
      .string()
      .refine(isMailFrom, { error: 'must be one address, e.g. "AskProAI <no-reply@example.com>"' })
      .default(defaultMailFrom),
  ),
  MAILBOX_DIR: z.preprocess(empty, z.string().min(1).default("./.data/mailbox")),
});

// Field encryption (lib/crypto): the key ring and the blind-index key. Required in a deployment;
// the embedded demo makes local ones in .data/field-keys.json when both are unset.
const fieldKey = (parse: (text: string) => unknown) =>
  z.preprocess(
    empty,
    z
      .string()
      .superRefine((value, ctx) => {
        try {
          parse(value);
        } catch (error) {
          if (!(error instanceof FieldKeyConfigError)) throw error;
          ctx.addIssue({ code: "custom", message: error.detail });
        }
      })
      .optional(),
  );

export const fieldKeysEnvSchema = z.object({
  FIELD_ENCRYPTION_KEYS: fieldKey(parseKeyRing),
  FIELD_BLIND_INDEX_KEY: fieldKey(parseBlindIndexKey),
});

// The REST API (/api/v1): requests per token and 60-second window. Read again per request
// (lib/api/auth.ts), so tests can lower it.
export const apiEnvSchema = z.object({
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(
    empty,
    z.coerce.number({ error: "must be a whole number" }).int({ error: "must be a whole number" }).min(1).max(100_000).default(120),
  ),
});

// Retell (lib/voice): the API key with the "webhook" badge verifies x-retell-signature on webhooks
// and tool calls (lib/retell/signature.ts). Without it every Retell request is refused (401).
// Read again per request (readRetellEnv), so tests can set it per test.
export const retellEnvSchema = z.object({
  RETELL_API_KEY: z.preprocess(empty, z.string().min(8, { error: "looks too short" }).optional()),
});

/**
 * The Retell settings for one request. A value the start-up check would refuse (too short) counts
 * as unset here, so a request is refused with 401 instead of failing.
 */
export function readRetellEnv(source: Readonly<Record<string, string | undefined>> = process.env): z.infer<typeof retellEnvSchema> {
  const parsed = retellEnvSchema.safeParse({ RETELL_API_KEY: source.RETELL_API_KEY });
  return parsed.success ? parsed.data : { RETELL_API_KEY: undefined };
}

export const envSchema = dbEnvSchema
  .extend({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    AUTH_SECRET: z.preprocess(
      empty,
      z.string({ error: "is required (32+ random characters, e.g. `openssl rand -base64 32`)" }).min(32, {
        error: "must be at least 32 characters",
      }),
    ),
    AUTH_URL: z.preprocess(empty, z.url({ error: "must be a URL" }).optional()),
    INNGEST_DEV: z.preprocess(empty, z.string().optional()),
    INNGEST_SIGNING_KEY: z.preprocess(empty, z.string().min(16, { error: "looks too short" }).optional()),
    INNGEST_EVENT_KEY: z.preprocess(empty, z.string().min(8, { error: "looks too short" }).optional()),
    PORT: z.preprocess(empty, z.coerce.number().int().min(1).max(65535).optional()),
  })
  .extend(mailEnvSchema.shape)
  .extend(fieldKeysEnvSchema.shape)
  .extend(apiEnvSchema.shape)
  .extend(retellEnvSchema.shape)
  .superRefine((env, ctx) => {
    if (!env.INNGEST_DEV && !env.INNGEST_SIGNING_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["INNGEST_SIGNING_KEY"],
        message: "is required unless INNGEST_DEV=1 (Inngest v4 serves in cloud mode by default)",
      });
    }
    if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required when MIGRATION_DATABASE_URL is set (the runtime connects as askpro_app)",
      });
    }
    if (env.DATABASE_URL && !env.AUTH_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_URL"],
        message: "is required when DATABASE_URL is set: links in mails (password reset, invitations) point at it",
      });
    }
    if (env.DATABASE_URL && !env.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message:
          "is required when DATABASE_URL is set: a deployment sends real mail (the dev mailbox is only for the embedded demo)",
      });
    }
    // Only a production deployment must have it: the demo and `next dev` start without it (every
    // Retell request is then refused with 401, which the logs say).
    if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.RETELL_API_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["RETELL_API_KEY"],
        message:
          "is required in production with DATABASE_URL: Retell's webhooks and tool calls are verified with it (the API key with the webhook badge)",
      });
    }
    for (const [name, other] of [
      ["FIELD_ENCRYPTION_KEYS", "FIELD_BLIND_INDEX_KEY"],
      ["FIELD_BLIND_INDEX_KEY", "FIELD_ENCRYPTION_KEYS"],
    ] as const) {
      if (env[name] !== undefined) continue;
      if (env.DATABASE_URL) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message:
            "is required when DATABASE_URL is set: customer phone, email and notes are encrypted with it (README.md → Security; the local keys in .data/ are for the embedded demo only)",
        });
      } else if (env[other] !== undefined) {
        ctx.addIssue({ code: "custom", path: [name], message: `is required when ${other} is set (set both, or neither for the demo's local keys)` });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "environment"} ${issue.message}`);
  throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
}

/** Server start: print what is wrong with the environment and stop. */
export function assertEnvAtStartup(): Env {
  try {
    return parseEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n${error.message}\n\nThe portal did not start. See README.md → Environment.\n`);
    process.exit(1);
  }
}
