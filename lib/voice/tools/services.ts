import "server-only";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { services } from "@/db/schema";

// The services a caller may book by phone at the called branch: active, not deleted, bookable by
// phone, offered there (branch-specific or company-wide). RLS keeps them to the company.

export type PhoneService = {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  /** The availability engine's rules for it (lib/scheduling/load.ts AvailabilitySetup). */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
};

export const MAX_PHONE_SERVICES = 100;

export function readPhoneServices(tx: Tx, companyId: string, branchId: string): Promise<PhoneService[]> {
  return tx
    .select({
      id: services.id,
      name: services.name,
      durationMinutes: services.durationMinutes,
      priceCents: services.priceCents,
      currency: services.currency,
      bufferBeforeMinutes: services.bufferBeforeMinutes,
      bufferAfterMinutes: services.bufferAfterMinutes,
      minNoticeMinutes: services.minNoticeMinutes,
    })
    .from(services)
    .where(
      and(
        eq(services.companyId, companyId),
        isNull(services.deletedAt),
        eq(services.isActive, true),
        eq(services.bookableByPhone, true),
        or(isNull(services.branchId), eq(services.branchId, branchId)),
      ),
    )
    .orderBy(asc(services.sortOrder), asc(services.name), asc(services.id))
    .limit(MAX_PHONE_SERVICES);
}
