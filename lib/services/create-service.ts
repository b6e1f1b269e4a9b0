import "server-only";
import { type CompanyContext, withCompany } from "@/db";
import { type Service, services } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { companyCurrency, type ServiceScope } from "./queries";
import { referenceErrorOf, referenceErrors } from "./references";
import { type ServiceData, type ServiceFieldErrors, fieldErrorsOf, serviceInputSchema } from "./schemas";

// A new service of the company, priced in the company's currency. Bad input and references that
// are not the company's come back as field codes; nothing is stored then. A branch manager
// (branchIds given) may only create services of its own branches, never a company-wide one.

export type ServiceWriteOptions = { context?: CompanyContext; branchIds?: ServiceScope };

export type CreateServiceResult = { ok: true; service: Service } | { ok: false; reason: "invalid"; fieldErrors: ServiceFieldErrors };

/** The columns a service's input sets (currency and company are the caller's). */
export const serviceColumns = (data: ServiceData) => ({
  name: data.name,
  description: data.description ?? null,
  categoryId: data.categoryId ?? null,
  branchId: data.branchId ?? null,
  durationMinutes: data.durationMinutes,
  bufferBeforeMinutes: data.bufferBeforeMinutes,
  bufferAfterMinutes: data.bufferAfterMinutes,
  priceCents: data.price,
  minNoticeMinutes: data.minNoticeMinutes,
  bookableByPhone: data.bookableByPhone,
  bookableOnline: data.bookableOnline,
  isActive: data.isActive,
  sortOrder: data.sortOrder,
});

export async function createService(companyId: string, input: unknown, options: ServiceWriteOptions = {}): Promise<CreateServiceResult> {
  const parsed = serviceInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  try {
    return await withCompany(
      companyId,
      async (tx): Promise<CreateServiceResult> => {
        const fieldErrors = await referenceErrors(tx, companyId, data, options.branchIds);
        if (Object.keys(fieldErrors).length) return { ok: false, reason: "invalid", fieldErrors };
        const [row] = await tx
          .insert(services)
          .values({ id: newId(), companyId, currency: await companyCurrency(tx, companyId), ...serviceColumns(data) })
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
