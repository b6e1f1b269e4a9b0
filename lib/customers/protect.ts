import "server-only";
import type { Customer, CustomerPersonalFields, SealedCustomerFields } from "@/db/schema";
import { blindIndex, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { normalizeEmail, normalizePhone } from "./normalize";

// The one place customer fields are turned into what is stored and back. The seed (through
// SeedOptions.sealCustomer), the row factory for tests and the use cases all call these, so the
// column names used as associated data cannot drift.

/** The encrypted columns of customers and the clear field each holds. */
export const CUSTOMER_CIPHERTEXT_COLUMNS = {
  phone: "phone_ciphertext",
  email: "email_ciphertext",
  notes: "notes_ciphertext",
} as const;

export type CustomerCipherField = keyof typeof CUSTOMER_CIPHERTEXT_COLUMNS;

export class InvalidPhoneNumberError extends TypeError {
  override name = "InvalidPhoneNumberError";
}

/**
 * The stored form of the given fields. Only the fields present in `fields` are returned, so the
 * result serves as an insert or an update patch: null (or "") clears a field and its index.
 * Phone and email are normalized first; a phone that is not E.164 after that throws.
 */
export function sealCustomerFields(companyId: string, fields: CustomerPersonalFields): SealedCustomerFields {
  const sealed: SealedCustomerFields = {};
  const seal = (field: CustomerCipherField, value: string) =>
    encryptField(value, { companyId, column: CUSTOMER_CIPHERTEXT_COLUMNS[field] });
  if (fields.phone !== undefined) {
    const phone = fields.phone ? normalizePhone(fields.phone) : null;
    if (fields.phone && !phone) throw new InvalidPhoneNumberError("The phone number is not a valid E.164 number");
    sealed.phoneCiphertext = phone ? seal("phone", phone) : null;
    sealed.phoneBlindIndex = phone ? blindIndex("phone", phone) : null;
  }
  if (fields.email !== undefined) {
    const email = fields.email ? normalizeEmail(fields.email) : null;
    sealed.emailCiphertext = email ? seal("email", email) : null;
    sealed.emailBlindIndex = email ? blindIndex("email", email) : null;
  }
  if (fields.notes !== undefined) {
    sealed.notesCiphertext = fields.notes ? seal("notes", fields.notes) : null;
  }
  return sealed;
}

type StoredFields = Pick<Customer, "companyId" | "phoneCiphertext" | "emailCiphertext" | "notesCiphertext">;

/** The clear fields of a stored customer row (throws FieldDecryptionError if one does not decrypt). */
export function openCustomerFields(row: StoredFields): { phone: string | null; email: string | null; notes: string | null } {
  const open = (field: CustomerCipherField, value: string | null) =>
    value === null ? null : decryptField(value, { companyId: row.companyId, column: CUSTOMER_CIPHERTEXT_COLUMNS[field] });
  return {
    phone: open("phone", row.phoneCiphertext),
    email: open("email", row.emailCiphertext),
    notes: open("notes", row.notesCiphertext),
  };
}

export const phoneBlindIndex = (normalizedPhone: string) => blindIndex("phone", normalizedPhone);
export const emailBlindIndex = (normalizedEmail: string) => blindIndex("email", normalizedEmail);
