import type { CompanyFieldErrors } from "./schemas";

/** The platform admin acting, for the database's own check and the audit trail. */
export type PlatformActor = { userId: string; requestId?: string | null };

export type CompanyFailure =
  | { ok: false; reason: "invalid"; fieldErrors: CompanyFieldErrors }
  | { ok: false; reason: "not_found" }
  /** The database refused: the user is no active platform admin. */
  | { ok: false; reason: "forbidden" };
