import "server-only";
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { type Customer, customers } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { normalizeEmail, normalizePhone } from "./normalize";
import { emailBlindIndex, openCustomerFields, phoneBlindIndex, sealCustomerFields } from "./protect";
import { type CustomerFieldErrors, customerFieldErrors, customerInputSchema } from "./schemas";

// The customers slice (small for now: the customers page comes with the portal issue). Every
// read and write goes through withCompany; phone, email and notes are sealed on the way in and
// opened on the way out (lib/customers/protect.ts); lookups by phone or email use the blind index.

export type CustomerView = {
  id: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  notes: string | null;
  birthday: string | null;
  locale: "de" | "en";
  createdAt: Date;
};

/** A stored row as the app shows it: personal fields decrypted, storage columns left out. */
export function toCustomerView(row: Customer): CustomerView {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    ...openCustomerFields(row),
    birthday: row.birthday,
    locale: row.locale,
    createdAt: row.createdAt,
  };
}

export type CreateCustomerResult = { ok: true; customer: CustomerView } | { ok: false; reason: "invalid"; fieldErrors: CustomerFieldErrors };

export async function createCustomer(companyId: string, input: unknown, context: CompanyContext = {}): Promise<CreateCustomerResult> {
  const parsed = customerInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: customerFieldErrors(parsed.error) };
  const { phone, email, notes, ...plain } = parsed.data;
  const [row] = await withCompany(
    companyId,
    (tx) =>
      tx
        .insert(customers)
        .values({ id: newId(), companyId, ...plain, ...sealCustomerFields(companyId, { phone, email, notes }) })
        .returning(),
    context,
  );
  return { ok: true, customer: toCustomerView(row!) };
}

const LOOKUP_LIMIT = 50;

/** The company's (not deleted) customers with this phone number, in any usual spelling. */
export async function findCustomersByPhone(companyId: string, phone: string, context: CompanyContext = {}): Promise<CustomerView[]> {
  const normalized = normalizePhone(phone);
  if (!normalized) return [];
  return findBy(companyId, eq(customers.phoneBlindIndex, phoneBlindIndex(normalized)), context);
}

/** The company's (not deleted) customers with this email address, whatever its case. */
export async function findCustomersByEmail(companyId: string, email: string, context: CompanyContext = {}): Promise<CustomerView[]> {
  const normalized = normalizeEmail(email);
  if (!normalized) return [];
  return findBy(companyId, eq(customers.emailBlindIndex, emailBlindIndex(normalized)), context);
}

async function findBy(companyId: string, match: SQL, context: CompanyContext) {
  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select()
        .from(customers)
        .where(and(eq(customers.companyId, companyId), match, isNull(customers.deletedAt)))
        .orderBy(asc(customers.lastName), asc(customers.firstName), asc(customers.id))
        .limit(LOOKUP_LIMIT),
    context,
  );
  return rows.map(toCustomerView);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One customer of the company, decrypted; null if there is none (or it was deleted). */
export async function getCustomer(companyId: string, id: string, context: CompanyContext = {}): Promise<CustomerView | null> {
  if (!UUID.test(id)) return null;
  const [row] = await withCompany(
    companyId,
    (tx) =>
      tx
        .select()
        .from(customers)
        .where(and(eq(customers.companyId, companyId), eq(customers.id, id), isNull(customers.deletedAt)))
        .limit(1),
    context,
  );
  return row ? toCustomerView(row) : null;
}
