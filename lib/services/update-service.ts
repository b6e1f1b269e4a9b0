import "server-only";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { type Service, services } from "@/db/schema";
import { type ServiceWriteOptions, serviceColumns } from "./create-service";
import { lockService, mayChange } from "./queries";
import { referenceErrorOf, referenceErrors } from "./references";
import { type ServiceFieldErrors, fieldErrorsOf, isUuid, serviceInputSchema } from "./schemas";

// Editing a service: the same rules as creating one; the form sends every field, so a blank
// optional field clears it. The currency stays (it is the company's). A deleted service, another
// company's or a malformed id is not found; a service a branch manager may read but not change
// (another branch's, or a company-wide one) is forbidden.

export type ServiceNotFound = { ok: false; reason: "not_found" };
export type ServiceForbidden = { ok: false; reason: "forbidden" };

export type UpdateServiceResult =
  | { ok: true; service: Service }
  | { ok: false; reason: "invalid"; fieldErrors: ServiceFieldErrors }
  | ServiceNotFound
  | ServiceForbidden;

export async function updateService(companyId: string, id: string, input: unknown, options: ServiceWriteOptions = {}): Promise<UpdateServiceResult> {
  if (!isUuid(id)) return { ok: false, reason: "not_found" };
  const parsed = serviceInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  try {
    return await withCompany(
      companyId,
      async (tx): Promise<UpdateServiceResult> => {
        const current = await lockService(tx, companyId, id);
        if (!current || current.deletedAt) return { ok: false, reason: "not_found" };
        if (!mayChange(options.branchIds, current.branchId)) return { ok: false, reason: "forbidden" };
        const fieldErrors = await referenceErrors(tx, companyId, data, options.branchIds, current);
        if (Object.keys(fieldErrors).length) return { ok: false, reason: "invalid", fieldErrors };
        const [row] = await tx
          .update(services)
          .set(serviceColumns(data))
          .where(and(eq(services.companyId, companyId), eq(services.id, current.id)))
          .returning();
        return { ok: true, service: row! };
      },
      options.context,
    );
  } catch (error) {
    const fieldErrors = referenceErrorOf(error);
    if (!fieldErrors) throw error;
    return { ok: false, reason: "invalid", fieldErrors };
  }
}
