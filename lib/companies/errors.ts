import { SQLSTATE, sqlStateOf } from "@/db/errors";
import type { CompanyFailure } from "./types";

/** Known refusals of the platform functions as results; anything else is thrown on. */
export function companyFailureOf(error: unknown): CompanyFailure {
  const state = sqlStateOf(error);
  if (state === SQLSTATE.uniqueViolation) return { ok: false, reason: "invalid", fieldErrors: { slug: "taken" } };
  if (state === SQLSTATE.checkViolation) return { ok: false, reason: "invalid", fieldErrors: { slug: "slug" } };
  if (state === SQLSTATE.insufficientPrivilege) return { ok: false, reason: "forbidden" };
  throw error;
}
