import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { normalizeEmail, normalizePhone } from "@/lib/customers/normalize";
import {
  blindIndex,
  decryptField,
  encryptField,
  FieldDecryptionError,
  isCurrentKey,
  keyIdOf,
  reencryptField,
  UnknownFieldKeyError,
} from "./field-encryption";
import { FieldKeyConfigError, parseBlindIndexKey, parseKeyRing } from "./key-ring";
import { ensureDemoFieldKeys, fieldKeys } from "./keys";

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
const ring1 = parseKeyRing(`k1:${key(1)}`);
const ring21 = parseKeyRing(`k2:${key(2)},k1:${key(1)}`);
const companyA = "01960000-0000-7000-8000-00000000000a";
const companyB = "01960000-0000-7000-8000-00000000000b";
const phone = { companyId: companyA, column: "phone_ciphertext" };

const failureOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
};

/** The ciphertext with one byte of one part (2 iv, 3 tag, 4 body) flipped. */
function flip(ciphertext: string, part: 2 | 3 | 4): string {
  const parts = ciphertext.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptField / decryptField", () => {
  it("round-trips under the current key in the v1 text format, with a fresh IV each time", () => {
    for (const value of ["+4915112345678", "erika@example.test", "Mag es kurz — Allergie gegen Latex 🧤", ""]) {
      const ciphertext = encryptField(value, phone, ring21);
      expect(ciphertext).toMatch(/^v1\.k2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/);
      expect(decryptField(ciphertext, phone, ring21)).toBe(value);
    }
    const [a, b] = [encryptField("same", phone, ring21), encryptField("same", phone, ring21)];
    expect(a).not.toBe(b);
    expect(keyIdOf(a)).toBe("k2");
    expect(isCurrentKey(a, ring21)).toBe(true);
    expect(isCurrentKey(a, parseKeyRing(`k3:${key(3)},k2:${key(2)}`))).toBe(false);
  });

  it("refuses a tampered value: any flipped byte of IV, tag or ciphertext", () => {
    const ciphertext = encryptField("+4915112345678", phone, ring1);
    for (const part of [2, 3, 4] as const) {
      const error = failureOf(() => decryptField(flip(ciphertext, part), phone, ring1));
      expect(error).toBeInstanceOf(FieldDecryptionError);
      expect((error as FieldDecryptionError).code).toBe("authentication_failed");
    }
    // Relabelled to another key of the ring: the key id is authenticated too.
    const relabelled = encryptField("x", phone, ring21).replace(/^v1\.k2\./, "v1.k1.");
    expect((failureOf(() => decryptField(relabelled, phone, ring21)) as FieldDecryptionError).code).toBe("authentication_failed");
  });

  it("refuses a value copied to another column or another company (associated data)", () => {
    const ciphertext = encryptField("+4915112345678", phone, ring1);
    for (const context of [
      { companyId: companyA, column: "email_ciphertext" },
      { companyId: companyB, column: "phone_ciphertext" },
    ]) {
      const error = failureOf(() => decryptField(ciphertext, context, ring1)) as FieldDecryptionError;
      expect(error).toBeInstanceOf(FieldDecryptionError);
      expect(error.code).toBe("authentication_failed");
      expect(error.message).not.toContain("4915112345678");
    }
    // The company id's case does not matter (a uuid is a uuid).
    expect(decryptField(ciphertext, { ...phone, companyId: companyA.toUpperCase() }, ring1)).toBe("+4915112345678");
  });

  it("names an unknown key id with a typed error", () => {
    const ciphertext = encryptField("x", phone, ring21);
    const error = failureOf(() => decryptField(ciphertext, phone, ring1));
    expect(error).toBeInstanceOf(UnknownFieldKeyError);
    expect(error).toMatchObject({ code: "unknown_key", keyId: "k2" });
  });

  it("calls malformed what is not a v1 ciphertext", () => {
    for (const text of ["+4915112345678", "v2.k1.a.b.c", "v1.k1.AAAA.AAAA.AAAA", "v1.k1..."]) {
      expect((failureOf(() => decryptField(text, phone, ring1)) as FieldDecryptionError).code, text).toBe("malformed");
    }
  });

  it("re-encrypts an older value under the current key", () => {
    const old = encryptField("+4930123456", phone, ring1);
    const fresh = reencryptField(old, phone, ring21);
    expect(keyIdOf(fresh)).toBe("k2");
    expect(decryptField(fresh, phone, ring21)).toBe("+4930123456");
    expect(decryptField(old, phone, ring21)).toBe("+4930123456");
  });

  it("uses the environment's ring by default (the test keys of global-setup)", () => {
    expect(keyIdOf(encryptField("x", phone))).toBe("test1");
  });
});

describe("blindIndex", () => {
  const indexKey = parseBlindIndexKey(key(9));

  it("is equal for equivalent phone spellings and emails of different case", () => {
    const spellings = ["+49 151 1234 5678", "0151-12345678", "0049 (151) 1234-5678", "+49 (0) 151 12345678", "+4915112345678"];
    const indexes = spellings.map((s) => blindIndex("phone", normalizePhone(s)!, indexKey));
    expect(new Set(indexes).size).toBe(1);
    expect(indexes[0]).toMatch(/^[0-9a-f]{64}$/);
    const emails = [" Erika.Muster@Example.TEST ", "erika.muster@example.test"].map((e) => blindIndex("email", normalizeEmail(e), indexKey));
    expect(emails[0]).toBe(emails[1]);
  });

  it("differs across kinds, values and keys", () => {
    const value = "+4915112345678";
    const phoneIndex = blindIndex("phone", value, indexKey);
    expect(blindIndex("email", value, indexKey)).not.toBe(phoneIndex);
    expect(blindIndex("phone", "+4915112345679", indexKey)).not.toBe(phoneIndex);
    expect(blindIndex("phone", value, parseBlindIndexKey(key(8)))).not.toBe(phoneIndex);
  });
});

describe("normalizePhone", () => {
  it("turns usual spellings into E.164 and refuses what is not a number", () => {
    expect(normalizePhone("030 / 123 456-7")).toBe("+49301234567");
    expect(normalizePhone("(089) 23.02.91")).toBe("+4989230291");
    expect(normalizePhone("0043 1 234567")).toBe("+431234567");
    expect(normalizePhone("+1 (415) 555-0100")).toBe("+14155550100");
    for (const bad of ["", "abc", "+0123456789", "12345", "+49 30 ext 12", "+1234567890123456", "0"]) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });
});

describe("the keys", () => {
  const dir = mkdtempSync(join(tmpdir(), "askpro-keys-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the embedded demo creates local keys once (mode 600), says so once, and reuses them", () => {
    const file = join(dir, "nested", "field-keys.json");
    const log = vi.fn();
    const first = ensureDemoFieldKeys({ file, log });
    expect(first.created).toBe(true);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/Created local field-encryption keys in .*field-keys\.json \(demo only/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const ring = parseKeyRing(first.FIELD_ENCRYPTION_KEYS);
    expect(ring.currentKeyId).toMatch(/^demo-[0-9a-f]{8}$/);
    expect(parseBlindIndexKey(first.FIELD_BLIND_INDEX_KEY)).toHaveLength(32);

    const again = ensureDemoFieldKeys({ file, log });
    expect(again).toEqual({ ...first, created: false });
    expect(log).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ note: expect.stringContaining("demo only") });
  });

  it("a deployment without keys is refused, naming the variable", () => {
    const error = failureOf(() => fieldKeys({ DATABASE_URL: "postgres://askpro_app@db/askpro" }));
    expect(error).toBeInstanceOf(FieldKeyConfigError);
    expect(String(error)).toMatch(/FIELD_ENCRYPTION_KEYS is required when DATABASE_URL is set/);
    expect(String(failureOf(() => fieldKeys({ FIELD_ENCRYPTION_KEYS: `k1:${key(1)}` })))).toMatch(/FIELD_BLIND_INDEX_KEY is missing/);
  });

  it("reads the ring again when the environment changes", () => {
    expect(fieldKeys({ FIELD_ENCRYPTION_KEYS: `k1:${key(1)}`, FIELD_BLIND_INDEX_KEY: key(9) }).ring.currentKeyId).toBe("k1");
    expect(fieldKeys({ FIELD_ENCRYPTION_KEYS: `k2:${key(2)},k1:${key(1)}`, FIELD_BLIND_INDEX_KEY: key(9) }).ring.currentKeyId).toBe("k2");
  });
});
