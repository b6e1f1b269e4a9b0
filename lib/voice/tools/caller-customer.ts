import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { customers } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { phoneBlindIndex, sealCustomerFields } from "@/lib/customers/protect";
import { findCallerCustomers } from "./caller";
import type { ToolContext } from "./types";

// The customer a writing tool acts for: the caller, found by the phone blind index (./caller.ts).
// Several customers share the number (a family): the one with the name given, else the oldest.
// Nobody: with a first and last name a customer is created, with the number sealed like every
// customer's (lib/customers/protect.ts) — serialised per number with the same advisory lock the
// call webhooks use, so a booking and call_ended of a new caller make one customer. Without a
// name the tool asks for it.

export type CallerName = { firstName: string; lastName: string };

/** first_name + last_name, else a full name "Anna Maria Becker" split before the last word. */
export function callerNameFrom(args: { first_name?: string; last_name?: string; customer_name?: string }): CallerName | null {
  if (args.first_name && args.last_name) return { firstName: args.first_name.slice(0, 100), lastName: args.last_name.slice(0, 100) };
  const full = args.customer_name?.replace(/\s+/g, " ").trim();
  if (!full || !full.includes(" ")) return null;
  const at = full.lastIndexOf(" ");
  return { firstName: full.slice(0, at).slice(0, 100), lastName: full.slice(at + 1).slice(0, 100) };
}

export type CallerCustomerResolution = { ok: true; customerId: string; created: boolean } | { ok: false; reason: "name_needed" };

export async function resolveCallerCustomer(tx: Tx, ctx: ToolContext, name: CallerName | null): Promise<CallerCustomerResolution> {
  const same = (c: CallerName) => name && c.firstName.toLowerCase() === name.firstName.toLowerCase() && c.lastName.toLowerCase() === name.lastName.toLowerCase();
  const find = async () => {
    const matches = await findCallerCustomers(tx, ctx.companyId, ctx.fromNumber);
    return (matches.find(same) ?? (name ? undefined : matches[0]))?.id ?? null;
  };
  const found = await find();
  if (found) return { ok: true, customerId: found, created: false };
  if (!name) return { ok: false, reason: "name_needed" };
  if (ctx.fromNumber) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`customer-phone:${ctx.companyId}:${phoneBlindIndex(ctx.fromNumber)}`}, 0))`);
    const again = await find();
    if (again) return { ok: true, customerId: again, created: false };
  }
  const customerId = newId();
  await tx.insert(customers).values({
    id: customerId,
    companyId: ctx.companyId,
    ...name,
    ...sealCustomerFields(ctx.companyId, { phone: ctx.fromNumber }),
  });
  return { ok: true, customerId, created: true };
}
