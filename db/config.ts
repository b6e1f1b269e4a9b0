import { z } from "zod";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const postgresUrl = z.preprocess(
  emptyAsUndefined,
  z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
);

/** The database part of the environment; lib/env.ts embeds it in the whole app's schema. */
export const dbEnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  MIGRATION_DATABASE_URL: postgresUrl,
  PGLITE_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default("./.data/pglite")),
  PGLITE_TEMPLATE: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  return parsed.data;
}
