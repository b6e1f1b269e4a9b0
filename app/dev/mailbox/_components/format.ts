import { intlLocale } from "@/lib/i18n/config";

// The demo's businesses are in Germany; the mailbox shows times on their clock.
const DEMO_TIME_ZONE = "Europe/Berlin";

export function formatSentAt(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: DEMO_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(date);
}

/** `?to=` as one trimmed string, or undefined. */
export function recipientFilter(raw: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, 254) : undefined;
}

export function withFilter(path: string, to: string | undefined): string {
  return to ? `${path}?${new URLSearchParams({ to })}` : path;
}
