// Tool arguments are kept in function_traces for the call page and debugging, but a phone number
// or e-mail address the LLM passed along ("ruf mich unter 0171 … an") is a caller's personal data
// and stays out of that log: masked wherever it appears, keys and structure kept. ISO dates and
// times are not numbers to mask.

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;
const PHONE = /(?<![\w:.])(?:\+|00)?\d(?:[\s\-/().]{0,2}\d){6,}/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

const MAX_DEPTH = 8;

export function maskText(text: string): string {
  return text.replace(EMAIL, "[email]").replace(PHONE, (match) => (ISO_DATE.test(match) ? match : "[phone]"));
}

/** A copy with every string masked (depth-limited; anything deeper is dropped). */
export function maskPersonalData(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return null;
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskPersonalData(item, depth + 1)]));
  }
  return value;
}
