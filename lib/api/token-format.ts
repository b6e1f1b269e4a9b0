import { createHash, randomBytes } from "node:crypto";

// What an API token looks like: "apk_" + 8 visible characters + "_" + 43 random base64url
// characters (32 bytes). Only its SHA-256 is stored; "apk_" and the 8 visible characters are kept
// as its prefix, so operators can tell tokens apart and spot a leaked one.

export const TOKEN_PATTERN = /^apk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

const VISIBLE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function generateApiToken(): { token: string; prefix: string; hash: string } {
  const visible = Array.from(randomBytes(8), (byte) => VISIBLE_ALPHABET[byte % VISIBLE_ALPHABET.length]).join("");
  const prefix = `apk_${visible}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, hash: hashApiToken(token) };
}

/** SHA-256 (hex): the token carries 256 random bits, so no slow hash or salt is needed. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isWellFormedApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
