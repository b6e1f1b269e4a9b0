export type TextPart = { kind: "text" | "link"; value: string };

// http(s) only; trailing sentence punctuation is not part of the link ("… at https://x.de/a.").
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/g;

/** Splits a plain-text mail into text and link parts, for rendering the links as anchors. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, "");
    const start = match.index;
    if (start > last) parts.push({ kind: "text", value: text.slice(last, start) });
    parts.push({ kind: "link", value: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", value: text.slice(last) });
  return parts;
}
