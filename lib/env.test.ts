import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const valid = { AUTH_SECRET: "x".repeat(40), INNGEST_DEV: "1" };
const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
const fieldKeys = { FIELD_ENCRYPTION_KEYS: `k2:${key(2)},k1:${key(1)}`, FIELD_BLIND_INDEX_KEY: key(9) };

describe("parseEnv", () => {
  it("accepts the embedded demo's environment", () => {
    const env = parseEnv(valid);
    expect(env.PGLITE_DIR).toBe("./.data/pglite");
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names a missing variable", () => {
    expect(() => parseEnv({ INNGEST_DEV: "1" })).toThrow(/AUTH_SECRET is required/);
  });

  it("names a malformed variable", () => {
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://nope" })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => parseEnv({ ...valid, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32/);
    expect(() => parseEnv({ ...valid, PORT: "http" })).toThrow(/PORT/);
  });

  it("treats empty strings as unset", () => {
    expect(() => parseEnv({ ...valid, AUTH_SECRET: "" })).toThrow(/AUTH_SECRET is required/);
    expect(parseEnv({ ...valid, DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("requires an Inngest signing key outside dev mode", () => {
    expect(() => parseEnv({ AUTH_SECRET: valid.AUTH_SECRET })).toThrow(/INNGEST_SIGNING_KEY is required/);
    expect(parseEnv({ AUTH_SECRET: valid.AUTH_SECRET, INNGEST_SIGNING_KEY: "signkey-prod-0123456789" })).toBeTruthy();
  });

  it("wants the runtime URL when an owner URL is given", () => {
    expect(() => parseEnv({ ...valid, MIGRATION_DATABASE_URL: "postgres://o@h/db" })).toThrow(/DATABASE_URL is required/);
  });

  it("defaults mail to the dev mailbox in the demo", () => {
    const env = parseEnv(valid);
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe("AskProAI <no-reply@askproai.local>");
    expect(env.MAILBOX_DIR).toBe("./.data/mailbox");
  });

  it("accepts smtp:// and smtps:// URLs and refuses others", () => {
    for (const url of ["smtp://127.0.0.1:2525", "smtps://user:p%40ss@mail.example.com:465"]) {
      expect(parseEnv({ ...valid, SMTP_URL: url }).SMTP_URL).toBe(url);
    }
    for (const url of ["mail.example.com", "http://mail.example.com", "smtp://", "smtp:mail.example.com"]) {
      expect(() => parseEnv({ ...valid, SMTP_URL: url }), url).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    }
  });

  it("requires AUTH_URL in a deployment: mailed links point at it", () => {
    const deployed = { ...valid, ...fieldKeys, DATABASE_URL: "postgres://askpro_app@db/askpro", SMTP_URL: "smtps://mail.example.com" };
    expect(() => parseEnv(deployed)).toThrow(/AUTH_URL is required when DATABASE_URL is set/);
    expect(parseEnv({ ...deployed, AUTH_URL: "https://portal.example.com" }).AUTH_URL).toBe("https://portal.example.com");
  });

  it("requires SMTP_URL in a deployment (DATABASE_URL set)", () => {
    const deployed = { ...valid, ...fieldKeys, DATABASE_URL: "postgres://askpro_app@db/askpro", AUTH_URL: "https://portal.example.com" };
    expect(() => parseEnv(deployed)).toThrow(/SMTP_URL is required when DATABASE_URL is set/);
    expect(() => parseEnv({ ...deployed, SMTP_URL: "" })).toThrow(/SMTP_URL is required/);
    expect(parseEnv({ ...deployed, SMTP_URL: "smtps://mail.example.com" }).SMTP_URL).toBe("smtps://mail.example.com");
  });

  it("validates MAIL_FROM as one address", () => {
    for (const from of ["no-reply@example.com", "Praxis Dr. Weiß <praxis@example.de>", '"Acme, Inc." <hi@acme.example>']) {
      expect(parseEnv({ ...valid, MAIL_FROM: from }).MAIL_FROM, from).toBe(from);
    }
    for (const from of ["AskProAI", "AskProAI <nope>", "a@example.com, b@example.com", "Evil\r\nBcc: x@y.z <a@example.com>"]) {
      expect(() => parseEnv({ ...valid, MAIL_FROM: from }), from).toThrow(/MAIL_FROM must be one address/);
    }
  });

  describe("field-encryption keys", () => {
    const deployed = {
      ...valid,
      DATABASE_URL: "postgres://askpro_app@db/askpro",
      AUTH_URL: "https://portal.example.com",
      SMTP_URL: "smtps://mail.example.com",
    };

    it("are optional in the embedded demo (local keys are made in .data/) and required in a deployment", () => {
      expect(parseEnv(valid).FIELD_ENCRYPTION_KEYS).toBeUndefined();
      expect(() => parseEnv(deployed)).toThrow(/FIELD_ENCRYPTION_KEYS is required when DATABASE_URL is set/);
      expect(() => parseEnv({ ...deployed, FIELD_ENCRYPTION_KEYS: fieldKeys.FIELD_ENCRYPTION_KEYS })).toThrow(
        /FIELD_BLIND_INDEX_KEY is required when DATABASE_URL is set/,
      );
      expect(() => parseEnv({ ...deployed, ...fieldKeys, FIELD_BLIND_INDEX_KEY: "" })).toThrow(/FIELD_BLIND_INDEX_KEY is required/);
      expect(parseEnv({ ...deployed, ...fieldKeys }).FIELD_ENCRYPTION_KEYS).toBe(fieldKeys.FIELD_ENCRYPTION_KEYS);
    });

    it("come as a pair in the demo too", () => {
      expect(() => parseEnv({ ...valid, FIELD_ENCRYPTION_KEYS: fieldKeys.FIELD_ENCRYPTION_KEYS })).toThrow(
        /FIELD_BLIND_INDEX_KEY is required when FIELD_ENCRYPTION_KEYS is set/,
      );
      expect(parseEnv({ ...valid, ...fieldKeys }).FIELD_BLIND_INDEX_KEY).toBe(fieldKeys.FIELD_BLIND_INDEX_KEY);
    });

    it("name the variable and what is wrong with the ring, never the key material", () => {
      const cases: [string, RegExp][] = [
        [`k1${key(1)}`, /FIELD_ENCRYPTION_KEYS entry 1 is malformed/],
        [`k.1:${key(1)}`, /FIELD_ENCRYPTION_KEYS entry 1 has a malformed key id/],
        [`k2:${key(2)},k1:${Buffer.alloc(16, 1).toString("base64")}`, /FIELD_ENCRYPTION_KEYS entry 2 \(key id "k1"\) must be base64 of exactly 32 bytes/],
        [`k1:not base64!`, /FIELD_ENCRYPTION_KEYS entry 1 \(key id "k1"\) must be base64/],
        [`k1:${key(1)},k1:${key(2)}`, /FIELD_ENCRYPTION_KEYS has the key id "k1" twice/],
        [`k1:${key(1)},`, /FIELD_ENCRYPTION_KEYS entry 2 is malformed/],
      ];
      for (const [ring, message] of cases) {
        let error: unknown;
        try {
          parseEnv({ ...valid, ...fieldKeys, FIELD_ENCRYPTION_KEYS: ring });
        } catch (e) {
          error = e;
        }
        expect(String(error), ring).toMatch(message);
        expect(String(error), ring).not.toContain(key(1));
      }
      expect(() => parseEnv({ ...valid, ...fieldKeys, FIELD_BLIND_INDEX_KEY: key(1).slice(0, 20) })).toThrow(
        /FIELD_BLIND_INDEX_KEY must be base64 of exactly 32 bytes/,
      );
    });

    it("accept URL-safe base64 and spaces around entries", () => {
      const urlSafe = Buffer.alloc(32, 0xfb).toString("base64url");
      expect(parseEnv({ ...valid, ...fieldKeys, FIELD_ENCRYPTION_KEYS: ` k3:${urlSafe} , k2:${key(2)} ` }).FIELD_ENCRYPTION_KEYS).toContain("k3:");
    });
  });

  it("defaults the API rate limit to 120 a minute and refuses a malformed one", () => {
    expect(parseEnv(valid).API_RATE_LIMIT_PER_MINUTE).toBe(120);
    expect(parseEnv({ ...valid, API_RATE_LIMIT_PER_MINUTE: "30" }).API_RATE_LIMIT_PER_MINUTE).toBe(30);
    for (const value of ["0", "1.5", "many"]) {
      expect(() => parseEnv({ ...valid, API_RATE_LIMIT_PER_MINUTE: value }), value).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
    }
  });
});
