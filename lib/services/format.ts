// Prices for people, shared by server pages and client tables (no server imports here).

/** A price for display in an Intl locale ("35,50 €" in de-DE, "€35.50" in en-GB). */
export function formatPrice(cents: number, currency: string, intlLocale: string): string {
  return new Intl.NumberFormat(intlLocale, { style: "currency", currency }).format(cents / 100);
}

/** Cents as the price field shows them in the UI language ("35,50" in German, "35.50" in English). */
export function priceInput(cents: number, locale: string): string {
  const text = (cents / 100).toFixed(2);
  return locale === "de" ? text.replace(".", ",") : text;
}
