import "server-only";
import { and, eq } from "drizzle-orm";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { type Customer, customers } from "@/db/schema";
import { type CustomerView, toCustomerView } from "./customers";
import { sealCustomerFields } from "./protect";
import { type CustomerFieldErrors, customerFieldErrors, customerIdSchema, customerInputSchema } from "./schemas";

// Editing a customer: the same rules as creating one (lib/customers/schemas.ts). The form sends
// every field, so a blank optional field clears it (and its blind index). A deleted customer is
// not found; an erased one cannot be filled with personal data again.

export type CustomerNotFound = { ok: false; reason: "not_found" };

export type UpdateCustomerResult =
  | { ok: true; customer: CustomerView }
  | { ok: false; reason: "invalid"; fieldErrors: CustomerFieldErrors }
  | CustomerNotFound
  | { ok: false; reason: "anonymized" };

/** The company's customer row, locked for the rest of the transaction; deleted ones too. */
export async function lockCustomer(tx: Tx, companyId: string, id: string): Promise<Customer | undefined> {
  if (!customerIdSchema.safeParse(id).success) return undefined;
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.companyId, companyId), eq(customers.id, id)))
    .for("update");
  return row;
}

export async function updateCustomer(companyId: string, id: string, input: unknown, context: CompanyContext = {}): Promise<UpdateCustomerResult> {
  const parsed = customerInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: customerFieldErrors(parsed.error) };
  if (!customerIdSchema.safeParse(id).success) return { ok: false, reason: "not_found" };
  const { phone, email, notes, birthday, locale, firstName, lastName } = parsed.data;

  return withCompany(
    companyId,
    async (tx): Promise<UpdateCustomerResult> => {
      const current = await lockCustomer(tx, companyId, id);
      if (!current || current.deletedAt) return { ok: false, reason: "not_found" };
      if (current.anonymizedAt) return { ok: false, reason: "anonymized" };
      const [row] = await tx
        .update(customers)
        .set({
          firstName,
          lastName,
          birthday: birthday ?? null,
          ...(locale ? { locale } : {}),
          ...sealCustomerFields(companyId, { phone: phone ?? null, email: email ?? null, notes: notes ?? null }),
        })
        .where(and(eq(customers.companyId, companyId), eq(customers.id, id)))
        .returning();
      return { ok: true, customer: toCustomerView(row!) };
    },
    context,
  );
}
