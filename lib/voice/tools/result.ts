import { phrasesFor } from "@/lib/voice/speech/phrases";
import type { VoiceLocale } from "@/lib/voice/speech/format";
import type { ToolError, ToolErrorCode, ToolResult } from "./types";

// Builders for the envelope, so every tool answers the same shape.

/** A name ending in a dot ("Mia H.") at the end of a sentence: one dot, as it is read out. */
const tidy = (message: string) => message.replace(/(?<!\.)\.\.(?=\s|$)/g, ".");

export const ok = <D>(message: string, data: D): ToolResult<D> => ({ ok: true, message: tidy(message), data });

export const fail = (code: ToolErrorCode, message: string, extra: Omit<ToolError, "code" | "message"> = {}): ToolResult<never> => ({
  ok: false,
  error: { code, message: tidy(message), ...extra },
});

/** invalid_args naming the fields, with a sentence asking for them. */
export function invalidArgs(locale: VoiceLocale, missing: string[], invalid: string[]): ToolResult<never> {
  const p = phrasesFor(locale);
  const label = (field: string) => p.argLabels[field] ?? field;
  const message = missing.length ? p.missingArgs(missing.map(label)) : p.invalidArgs(invalid.map(label));
  return fail("invalid_args", message, {
    ...(missing.length ? { missing } : {}),
    ...(invalid.length ? { invalid } : {}),
  });
}
