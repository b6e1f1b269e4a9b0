import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { type MailConfig, readMailConfig } from "./config";
import { MailDeliveryError } from "./errors";
import { writeMailboxMessage } from "./mailbox";
import type { MailTransportKind, OutgoingMail } from "./message";

export type MailTransport = {
  kind: MailTransportKind;
  /** Delivers or stores the message; any failure becomes a MailDeliveryError. */
  send(mail: OutgoingMail): Promise<void>;
};

// One nodemailer transport per SMTP URL, reused across sends (not pooled: each send opens and
// closes its own connection, so nothing idles open between requests or keeps a test alive).
const smtpTransports = new Map<string, Transporter<SMTPTransport.SentMessageInfo>>();

function smtpTransporter(url: string): Transporter<SMTPTransport.SentMessageInfo> {
  let transporter = smtpTransports.get(url);
  if (!transporter) {
    const options: SMTPTransport.Options = {
      url,
      // Mail is sent while a person waits (reset, invitation): fail in seconds, not minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      // We never attach files; refuse to read local paths or URLs should a field ever carry one.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    };
    transporter = nodemailer.createTransport(options);
    smtpTransports.set(url, transporter);
  }
  return transporter;
}

/** SMTP when SMTP_URL is set, otherwise the dev mailbox; decided from the config at each call. */
export function getMailTransport(config: MailConfig = readMailConfig()): MailTransport {
  const { smtpUrl, mailboxDir } = config;
  if (smtpUrl) {
    return {
      kind: "smtp",
      async send(mail) {
        const { "Message-ID": messageId, ...headers } = mail.headers;
        try {
          await smtpTransporter(smtpUrl).sendMail({
            from: mail.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            headers,
            messageId,
            date: mail.createdAt,
          });
        } catch (error) {
          throw new MailDeliveryError("smtp", error);
        }
      },
    };
  }
  return {
    kind: "mailbox",
    async send(mail) {
      try {
        await writeMailboxMessage(mail, { dir: mailboxDir });
      } catch (error) {
        throw new MailDeliveryError("mailbox", error);
      }
    },
  };
}

/** Closes every SMTP transport made so far (tests, shutdown). */
export function closeMailTransports(): void {
  for (const transporter of smtpTransports.values()) transporter.close();
  smtpTransports.clear();
}
