import { mailEnvSchema } from "@/lib/env";

export type MailConfig = {
  /** Set: real mail over SMTP. Unset: the dev mailbox (files in mailboxDir). */
  smtpUrl: string | undefined;
  from: string;
  mailboxDir: string;
};

/**
 * The mail settings, read from the environment at every call rather than once at import, so a
 * test can point one send at a loopback SMTP server and the next at a temporary mailbox.
 * Start-up (lib/env.ts) has already refused a deployment without SMTP_URL.
 */
export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = mailEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  return { smtpUrl: parsed.data.SMTP_URL, from: parsed.data.MAIL_FROM, mailboxDir: parsed.data.MAILBOX_DIR };
}

/**
 * The dev mailbox page exists only in the embedded demo: no SMTP server and no database server.
 * With either configured it is a deployment (or a deliberate SMTP test) and the page is a 404.
 */
export function isDevMailboxEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const blank = (value: string | undefined) => value === undefined || value === "";
  return blank(env.SMTP_URL) && blank(env.DATABASE_URL);
}
