import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { customers } from "@/db/schema";
import { normalizePhone } from "@/lib/customers/normalize";
import { phoneBlindIndex } from "@/lib/customers/protect";

// The caller as the company knows them: customers whose phone blind index matches the calling
// number (RLS keeps it to the company of the transaction). Erased customers lost their blind
// index, deleted and merged-away ones are skipped: neither is "known" any more. A withheld or
// malformed number matches nobody.

export type CallerCustomer = { id: string; firstName: string; lastName: string };

const MAX_MATCHES = 10;

export async function findCallerCustomers(tx: Tx, companyId: string, fromNumber: string | null | undefined): Promise<CallerCustomer[]> {
  const phone = typeof fromNumber === "string" ? normalizePhone(fromNumber) : null;
  if (!phone) return [];
  return tx
    .select({ id: customers.id, firstName: customers.firstName, lastName: customers.lastName })
    .from(customers)
    .where(
      and(
        eq(customers.companyId, companyId),
        eq(customers.phoneBlindIndex, phoneBlindIndex(phone)),
        isNull(customers.deletedAt),
        isNull(customers.anonymizedAt),
      ),
    )
    .orderBy(asc(customers.createdAt), asc(customers.id))
    .limit(MAX_MATCHES);
}

/** "Anna Becker"; distinct names only (a family sharing one number is several customers). */
export function callerNames(matches: readonly CallerCustomer[]): string[] {
  return [...new Set(matches.map((c) => `${c.firstName} ${c.lastName}`.trim()).filter(Boolean))];
}
