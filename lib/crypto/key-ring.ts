// Parsing the field-encryption keys from their environment text. Pure (no env, no files): used
// by lib/env.ts to validate the variables at start-up and by lib/crypto/keys.ts to load them.
//
//   FIELD_ENCRYPTION_KEYS  "k2:<base64 32 bytes>,k1:<base64 32 bytes>"  the first entry is current
//   FIELD_BLIND_INDEX_KEY  "<base64 32 bytes>"                           separate from the ring
//
// Error messages name the variable and the key id, never key material.

export type FieldKeyRing = {
  /** The id new ciphertexts are written under: the first entry. */
  currentKeyId: string;
  /** Every key that may still be read (current first), by id. */
  keys: ReadonlyMap<string, Buffer>;
};

export class FieldKeyConfigError extends Error {
  override name = "FieldKeyConfigError";

  constructor(
    readonly variable: string,
    /** What is wrong, without the variable's name (lib/env.ts prefixes it itself). */
    readonly detail: string,
  ) {
    super(`${variable} ${detail}`);
  }
}

export const KEY_BYTES = 32;
/** Key ids appear in every ciphertext (`v1.<keyId>.…`): short, no dots, colons or commas. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/** Standard or URL-safe base64 of exactly 32 bytes, or null. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, "base64");
  return bytes.length === KEY_BYTES ? bytes : null;
}

export function parseKeyRing(text: string, variable = "FIELD_ENCRYPTION_KEYS"): FieldKeyRing {
  const entries = text.split(",").map((e) => e.trim());
  if (entries.length === 0 || entries.every((e) => e === "")) {
    throw new FieldKeyConfigError(variable, 'is empty: expected "<keyId>:<base64 of 32 bytes>[,<older keyId>:<base64>…]"');
  }
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, i) => {
    const at = `entry ${i + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) throw new FieldKeyConfigError(variable, `${at} is malformed: expected "<keyId>:<base64 of 32 bytes>"`);
    const id = entry.slice(0, colon).trim();
    if (!KEY_ID_PATTERN.test(id)) {
      throw new FieldKeyConfigError(variable, `${at} has a malformed key id: 1–32 characters of A–Z, a–z, 0–9, "_" or "-"`);
    }
    const key = decodeKey(entry.slice(colon + 1));
    if (!key) throw new FieldKeyConfigError(variable, `${at} (key id "${id}") must be base64 of exactly ${KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`)`);
    if (keys.has(id)) throw new FieldKeyConfigError(variable, `has the key id "${id}" twice (each id once)`);
    keys.set(id, key);
  });
  return { currentKeyId: keys.keys().next().value!, keys };
}

export function parseBlindIndexKey(text: string, variable = "FIELD_BLIND_INDEX_KEY"): Buffer {
  const key = decodeKey(text);
  if (!key) throw new FieldKeyConfigError(variable, `must be base64 of exactly ${KEY_BYTES} bytes (e.g. \`openssl rand -base64 32\`)`);
  return key;
}
