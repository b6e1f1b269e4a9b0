import "server-only";
import { type CompanyStatus, setCompanyArchivedAsPlatformAdmin } from "@/db/platform";
import { companyFailureOf } from "./errors";
import { companyIdSchema } from "./schemas";
import type { PlatformActor } from "./types";

// Archiving a company (status archived + deleted_at) stops its users' sign-ins and hides it from
// the company switcher; restoring brings back the status it had. Companies are never deleted.

export type ArchiveCompanyResult = { ok: true; status: CompanyStatus } | { ok: false; reason: "not_found" | "forbidden" };

async function setArchived(companyId: string, archived: boolean, actor: PlatformActor): Promise<ArchiveCompanyResult> {
  if (!companyIdSchema.safeParse(companyId).success) return { ok: false, reason: "not_found" };
  try {
    const status = await setCompanyArchivedAsPlatformAdmin(actor.userId, companyId, archived, actor.requestId ?? null);
    return status ? { ok: true, status } : { ok: false, reason: "not_found" };
  } catch (error) {
    const failure = companyFailureOf(error);
    return { ok: false, reason: failure.reason === "forbidden" ? "forbidden" : "not_found" };
  }
}

export const archiveCompany = (companyId: string, actor: PlatformActor) => setArchived(companyId, true, actor);
export const restoreCompany = (companyId: string, actor: PlatformActor) => setArchived(companyId, false, actor);
