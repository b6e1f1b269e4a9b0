import { randomBytes } from "node:crypto";
import type { Locale } from "@/lib/i18n/config";
import type { MailTemplateName } from "./templates/registry";

export type MailTransportKind = "smtp" | "mailbox";

/** One rendered message, as handed to a transport. */
export type OutgoingMail = {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  createdAt: Date;
  template: MailTemplateName;
  locale: Locale;
};

// "20261124T093015123Z-3f9a0c1b7d2e": sorts by time as a string, and is safe as a file name
// because nothing else passes isMailId.
const MAIL_ID = /^\d{8}T\d{9}Z-[0-9a-f]{12}$/;

export function newMailId(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, "")}-${randomBytes(6).toString("hex")}`;
}

export function isMailId(value: unknown): value is string {
  return typeof value === "string" && MAIL_ID.test(value);
}
