import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { FieldKeyRing } from "./key-ring";
import { fieldKeys } from "./keys";

// Field-level encryption of personal data (design.md §6): AES-256-GCM under a key ring, and a
// blind index for exact lookups.
//
// Ciphertext (text, stored in *_ciphertext columns):
//   v1.<keyId>.<iv>.<tag>.<ct>        iv 12 random bytes, tag 16 bytes, all base64url
// Associated data (authenticated, not stored): "v1", the key id, the column name and the row's
// company id. A ciphertext copied to another column or another company's row does not decrypt.
//
// Blind index (stored in *_blind_index columns): hex HMAC-SHA256 of the normalized value under a
// per-kind key derived from FIELD_BLIND_INDEX_KEY, so equal phone numbers (or emails) of one
// deployment match and a phone index never equals an email index. It does not change when the
// encryption ring rotates. Normalize first (lib/customers/normalize.ts).

export type FieldContext = { companyId: string; column: string };
export type BlindIndexKind = "phone" | "email";

export const CIPHERTEXT_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type FieldDecryptionFailure = "malformed" | "unknown_key" | "authentication_failed";

export class FieldDecryptionError extends Error {
  override name = "FieldDecryptionError";

  constructor(
    readonly code: FieldDecryptionFailure,
    message: string,
  ) {
    super(message);
  }
}

/** The ciphertext names a key id the ring does not have (retired too early, or another deployment's). */
export class UnknownFieldKeyError extends FieldDecryptionError {
  override name = "UnknownFieldKeyError";

  constructor(readonly keyId: string) {
    super("unknown_key", `No key "${keyId}" in FIELD_ENCRYPTION_KEYS: the value was written under a key that is not in the ring`);
  }
}

function associatedData(keyId: string, { companyId, column }: FieldContext): Buffer {
  if (!companyId || !column || column.includes("|")) throw new TypeError("field encryption: a company id and a column name are required");
  return Buffer.from(`${CIPHERTEXT_VERSION}|${keyId}|${column}|${companyId.toLowerCase()}`, "utf8");
}

export function encryptField(value: string, context: FieldContext, ring: FieldKeyRing = fieldKeys().ring): string {
  const keyId = ring.currentKeyId;
  const key = ring.keys.get(keyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyId, context));
  const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [CIPHERTEXT_VERSION, keyId, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function decryptField(ciphertext: string, context: FieldContext, ring: FieldKeyRing = fieldKeys().ring): string {
  const parts = ciphertext.split(".");
  const malformed = () => new FieldDecryptionError("malformed", `The value of ${context.column} is not a ${CIPHERTEXT_VERSION} ciphertext`);
  if (parts.length !== 5 || parts[0] !== CIPHERTEXT_VERSION) throw malformed();
  const [, keyId, ivText, tagText, body] = parts as [string, string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) throw new UnknownFieldKeyError(keyId);
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || !/^[A-Za-z0-9_-]*$/.test(body)) throw malformed();
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(keyId, context));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new FieldDecryptionError(
      "authentication_failed",
      `The value of ${context.column} does not decrypt: altered, or written for another column or company`,
    );
  }
}

/** The key id a ciphertext was written under, or null if it is not one. */
export function keyIdOf(ciphertext: string): string | null {
  const parts = ciphertext.split(".");
  return parts.length === 5 && parts[0] === CIPHERTEXT_VERSION ? parts[1]! : null;
}

/** Written under the ring's current key (nothing for `keys:rotate` to do). */
export function isCurrentKey(ciphertext: string, ring: FieldKeyRing = fieldKeys().ring): boolean {
  return keyIdOf(ciphertext) === ring.currentKeyId;
}

/** Decrypts under whichever key it names and encrypts again under the current one. */
export function reencryptField(ciphertext: string, context: FieldContext, ring: FieldKeyRing = fieldKeys().ring): string {
  return encryptField(decryptField(ciphertext, context, ring), context, ring);
}

const kindKeys = new WeakMap<Buffer, Map<BlindIndexKind, Buffer>>();

function kindKey(key: Buffer, kind: BlindIndexKind): Buffer {
  let byKind = kindKeys.get(key);
  if (!byKind) kindKeys.set(key, (byKind = new Map()));
  let derived = byKind.get(kind);
  if (!derived) {
    derived = createHmac("sha256", key).update(`askproai blind index v1 ${kind}`).digest();
    byKind.set(kind, derived);
  }
  return derived;
}

/** hex HMAC-SHA256 of an already normalized value, keyed per kind. */
export function blindIndex(kind: BlindIndexKind, normalizedValue: string, key: Buffer = fieldKeys().blindIndexKey): string {
  return createHmac("sha256", kindKey(key, kind)).update(normalizedValue, "utf8").digest("hex");
}
