import { date, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { id, sameCompany, softDelete, timestamps } from "./_columns";
import { companies, locale } from "./companies";

// Phone, email and notes are personal data of callers: no plaintext at rest (design.md §6).
// Each is stored as `v1.<keyId>.<iv>.<tag>.<ct>` (AES-256-GCM, the column name and company id as
// associated data: lib/crypto/field-encryption.ts); exact lookups by phone or email go through
// a keyed HMAC of the normalized value (E.164 phone, lower-case email) in the *_blind_index
// columns. The database cannot check the E.164 format any more: lib/customers validates it.
// (The audit trigger redacts *_ciphertext and *_blind_index columns by name: drizzle/0004.)
export const customers = pgTable(
  "customers",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    firstName: text().notNull(),
    lastName: text().notNull(),
    phoneCiphertext: text(),
    phoneBlindIndex: text(),
    emailCiphertext: text(),
    emailBlindIndex: text(),
    birthday: date(),
    notesCiphertext: text(),
    locale: locale().notNull().default("de"),
    // Merging duplicates: the losing record is soft-deleted and points at the one it was merged into.
    mergedIntoId: uuid(),
    // GDPR erasure: personal fields blanked, the row (and its appointments' statistics) kept.
    anonymizedAt: timestamp({ withTimezone: true }),
    ...timestamps,
    ...softDelete,
  },
  (t) => [
    unique("customers_company_id_id_key").on(t.companyId, t.id),
    sameCompany("customers_merged_into_fk", [t.companyId, t.mergedIntoId], [t.companyId, t.id]),
    // Ascending: serves "newest first" keyset pages by a backward scan, whatever NULLS order drizzle's desc() asks for.
    index("customers_company_id_created_at_id_idx").on(t.companyId, t.createdAt, t.id),
    index("customers_company_id_last_name_idx").on(t.companyId, t.lastName, t.firstName),
    index("customers_company_id_phone_blind_index_idx").on(t.companyId, t.phoneBlindIndex),
    index("customers_company_id_email_blind_index_idx").on(t.companyId, t.emailBlindIndex),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

/** A customer's personal fields in the clear, as the app sees them (never stored like this). */
export type CustomerPersonalFields = { phone?: string | null; email?: string | null; notes?: string | null };

/** The same fields as stored: ciphertexts and blind indexes (lib/customers/protect.ts makes them). */
export type SealedCustomerFields = Pick<
  NewCustomer,
  "phoneCiphertext" | "phoneBlindIndex" | "emailCiphertext" | "emailBlindIndex" | "notesCiphertext"
>;
