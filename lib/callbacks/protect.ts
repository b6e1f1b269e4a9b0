import "server-only";
import type { CallbackRequest } from "@/db/schema";
import { blindIndex, decryptField, encryptField } from "@/lib/crypto/field-encryption";

// The number to call back at rest: like a customer's phone (lib/customers/protect.ts), an
// AES-256-GCM ciphertext bound to the column "phone_ciphertext" and the company, plus the phone
// blind index of its E.164 form. Callers normalize first (lib/customers/normalize.ts).

export const CALLBACK_PHONE_COLUMN = "phone_ciphertext";

export function sealCallbackPhone(companyId: string, e164: string): Pick<CallbackRequest, "phoneCiphertext" | "phoneBlindIndex"> {
  return {
    phoneCiphertext: encryptField(e164, { companyId, column: CALLBACK_PHONE_COLUMN }),
    phoneBlindIndex: blindIndex("phone", e164),
  };
}

/** The clear number (throws FieldDecryptionError if it does not decrypt for this company). */
export function openCallbackPhone(row: Pick<CallbackRequest, "companyId" | "phoneCiphertext">): string {
  return decryptField(row.phoneCiphertext, { companyId: row.companyId, column: CALLBACK_PHONE_COLUMN });
}
