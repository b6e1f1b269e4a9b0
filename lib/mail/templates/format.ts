import { z } from "zod";
import { intlLocale, type Locale } from "@/lib/i18n/config";

export type RenderContext = { locale: Locale; timeZone: string };

/** For HTML text and attribute values alike (attributes are always double-quoted here). */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Names end up in subjects and single lines: no line breaks or control characters survive. */
export function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s{2,}/g, " ").trim();
}

/** A name or title from the database or a form. */
export const displayText = z.string().transform(oneLine).pipe(z.string().min(1).max(200));

/** A link the recipient clicks: http(s) only, so a javascript: URL can never become a button. */
export const linkUrl = z.url({ protocol: /^https?$/, hostname: /^\S+$/ }).max(2048);

/** A Date, or its ISO string (Inngest event data arrives serialised). */
export const instant = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), { error: "invalid date" });

/** "Freitag, 27. November 2026 um 09:30 MEZ" / "Friday, 27 November 2026 at 09:30 CET". */
export function formatDateTime(date: Date, { locale, timeZone }: RenderContext): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

/** "60 Minuten" / "1 minute". */
export function formatMinutes(minutes: number, { locale }: RenderContext): string {
  const one = new Intl.PluralRules(intlLocale(locale)).select(minutes) === "one";
  const count = new Intl.NumberFormat(intlLocale(locale)).format(minutes);
  if (locale === "de") return `${count} ${one ? "Minute" : "Minuten"}`;
  return `${count} ${one ? "minute" : "minutes"}`;
}
