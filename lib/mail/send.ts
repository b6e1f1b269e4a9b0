import "server-only";
import { createHmac } from "node:crypto";
import { z } from "zod";
import { type Locale, locales } from "@/lib/i18n/config";
import { readMailConfig } from "./config";
import { MailDeliveryError, MailInputError } from "./errors";
import { type MailTransportKind, newMailId, type OutgoingMail } from "./message";
import type { MailTemplate } from "./templates/define";
import { type MailTemplateData, type MailTemplateName, mailTemplateNames, mailTemplates } from "./templates/registry";
import { getMailTransport } from "./transport";

export type SendMailInput<T extends MailTemplateName> = {
  to: string;
  template: T;
  locale: Locale;
  data: MailTemplateData<T>;
  /** For dates in the text; the company's or the recipient's zone. Default Europe/Berlin. */
  timeZone?: string;
};

export type SentMail = {
  /** Our id: the dev mailbox's message id, and the local part of the Message-ID header. */
  id: string;
  transport: MailTransportKind;
};

const envelopeSchema = z.object({
  to: z.email().max(254),
  template: z.enum(mailTemplateNames),
  locale: z.enum(locales),
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    })
    .default("Europe/Berlin"),
});

/**
 * Renders a template and sends it: over SMTP when SMTP_URL is set, otherwise into the dev
 * mailbox. Bad input throws MailInputError, a failed delivery MailDeliveryError; neither names
 * the recipient. No retries here: callers that must not lose a mail send it from an Inngest step.
 */
export async function sendMail<T extends MailTemplateName>(input: SendMailInput<T>): Promise<SentMail> {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) throw new MailInputError(fieldsOf(envelope.error));
  const { to, template: name, locale, timeZone } = envelope.data;
  const template = mailTemplates[name] as MailTemplate<z.ZodType>;
  const data = template.schema.safeParse(input.data);
  if (!data.success) throw new MailInputError(fieldsOf(data.error, "data"));

  const config = readMailConfig();
  const content = template.render(data.data, { locale, timeZone });
  const createdAt = new Date();
  const id = newMailId(createdAt);
  const mail: OutgoingMail = {
    id,
    from: config.from,
    to,
    ...content,
    headers: {
      "Message-ID": `<${id}@${domainOf(config.from)}>`,
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "All",
      "Content-Language": locale,
      "X-AskProAI-Template": name,
    },
    createdAt,
    template: name,
    locale,
  };

  const transport = getMailTransport(config);
  const logged = { template: name, transport: transport.kind, recipient: recipientHash(to), id };
  try {
    await transport.send(mail);
  } catch (error) {
    const detail = error instanceof MailDeliveryError ? { code: error.code, responseCode: error.responseCode } : {};
    console.warn("[mail] delivery failed", { ...logged, ...detail });
    throw error;
  }
  console.info("[mail] sent", logged);
  return { id, transport: transport.kind };
}

/**
 * The recipient in logs: a keyed hash, so one person's mails can be followed through the logs
 * without the address being there (and without a plain hash anyone could look an address up in).
 */
export function recipientHash(address: string): string {
  const key = process.env.AUTH_SECRET || "askproai-mail-log";
  return createHmac("sha256", key).update(address.trim().toLowerCase()).digest("hex").slice(0, 16);
}

function domainOf(from: string): string {
  const address = /<([^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return address.split("@").pop() || "askproai.local";
}

function fieldsOf(error: z.ZodError, prefix?: string): string[] {
  const paths = error.issues.map((issue) => [prefix, ...issue.path.map(String)].filter(Boolean).join("."));
  return [...new Set(paths.map((path) => path || prefix || "input"))];
}
