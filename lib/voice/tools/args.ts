import { z } from "zod";

// Argument schemas as LLMs fill them: strings trimmed, numbers accepted as text, and null, "" or
// whitespace read as "not given" (so a required one is reported missing, not invalid). Unknown
// keys are ignored: agents add their own.

/** null, blank strings → undefined; numbers → text; strings trimmed. */
export const blankAsMissing = (value: unknown) => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  return value;
};

export const requiredArg = (max = 200) => z.preprocess(blankAsMissing, z.string().max(max));
export const optionalArg = (max = 200) => z.preprocess(blankAsMissing, z.string().max(max).optional());

/** An ISO 8601 instant with an offset ("2026-03-11T14:30:00+01:00" or "…Z"). */
export const optionalInstantArg = () => z.preprocess(blankAsMissing, z.iso.datetime({ offset: true }).optional());

/** The fields of a failed parse: missing (absent or blank in the raw args) or invalid. */
export function argProblems(issues: readonly z.core.$ZodIssue[], raw: Record<string, unknown>): { missing: string[]; invalid: string[] } {
  const missing = new Set<string>();
  const invalid = new Set<string>();
  for (const issue of issues) {
    const field = issue.path.length ? String(issue.path[0]) : "args";
    if (blankAsMissing(raw[field]) === undefined) missing.add(field);
    else invalid.add(field);
  }
  return { missing: [...missing], invalid: [...invalid].filter((f) => !missing.has(f)) };
}
