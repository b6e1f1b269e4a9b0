// The UI languages. No locale in the URL: the choice lives in a cookie (and defaults to German).

export const locales = ["de", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "de";
export const localeCookieName = "NEXT_LOCALE";
/** A year, in seconds. */
export const localeCookieMaxAge = 60 * 60 * 24 * 365;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The Intl locale for dates, times and numbers. English is British English: the businesses are
 * in Europe, so day-month order and the 24-hour clock ("Wed 1 Apr, 09:30").
 */
export function intlLocale(locale: string): string {
  return locale === "en" ? "en-GB" : "de-DE";
}
