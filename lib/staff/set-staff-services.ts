import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { services, staffServices } from "@/db/schema";
import { lockStaff, type StaffWriteOptions } from "./queries";
import { type StaffFieldErrors, staffFieldErrors, staffServicesInputSchema } from "./schemas";

// Which services a staff member performs, each with an optional own duration (5–1440 minutes) and
// price (blank: the service's). The form's checkbox list is saved as a whole: what is not ticked
// is no longer performed. Each service must be a live one of the company — another company's id
// is not found under RLS and answers a field error; assignments to deleted services stay (they
// come back with the service).

export type SetStaffServicesResult =
  | { ok: true; count: number }
  | { ok: false; reason: "invalid"; fieldErrors: StaffFieldErrors }
  | { ok: false; reason: "not_found" };

export async function setStaffServices(companyId: string, staffId: string, input: unknown, options: StaffWriteOptions = {}): Promise<SetStaffServicesResult> {
  const parsed = staffServicesInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: staffFieldErrors(parsed.error) };
  const picked = Object.entries(parsed.data.services);
  try {
    return await withCompany(
      companyId,
      async (tx): Promise<SetStaffServicesResult> => {
        const member = await lockStaff(tx, companyId, staffId, options.scope);
        if (!member || member.deletedAt) return { ok: false, reason: "not_found" };
        const live = await tx
          .select({ id: services.id })
          .from(services)
          .where(and(eq(services.companyId, companyId), isNull(services.deletedAt)));
        const liveIds = new Set(live.map((s) => s.id));
        const fieldErrors: StaffFieldErrors = {};
        for (const [serviceId] of picked) if (!liveIds.has(serviceId)) fieldErrors[`services.${serviceId}`] = "service";
        if (Object.keys(fieldErrors).length) return { ok: false, reason: "invalid", fieldErrors };

        if (liveIds.size) {
          await tx
            .delete(staffServices)
            .where(and(eq(staffServices.companyId, companyId), eq(staffServices.staffId, member.id), inArray(staffServices.serviceId, [...liveIds])));
        }
        if (picked.length) {
          await tx.insert(staffServices).values(
            picked.map(([serviceId, own]) => ({
              companyId,
              staffId: member.id,
              serviceId,
              durationMinutes: own.durationMinutes ?? null,
              priceCents: own.priceCents ?? null,
            })),
          );
        }
        return { ok: true, count: picked.length };
      },
      options.context,
    );
  } catch (error) {
    // A service deleted for good meanwhile fails its foreign key: a field error, not a 500.
    if (sqlStateOf(error) === SQLSTATE.foreignKeyViolation) return { ok: false, reason: "invalid", fieldErrors: { services: "service" } };
    throw error;
  }
}
