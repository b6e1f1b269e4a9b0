// Database errors by SQLSTATE, whichever driver raised them and however drizzle wrapped them
// (DrizzleQueryError → postgres.js / PGlite error): the use cases turn known states into results.

export const SQLSTATE = {
  uniqueViolation: "23505",
  checkViolation: "23514",
  foreignKeyViolation: "23503",
  exclusionViolation: "23P01",
  insufficientPrivilege: "42501",
  deadlockDetected: "40P01",
} as const;

/** The SQLSTATE of a database error, looking through the wrappers. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
