import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  commonPasswordList,
  isCommonPassword,
  newPasswordFieldsSchema,
  newPasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
} from "./password-policy";

// The password policy: 12–128 characters, not common, not the email; nothing else.

const EMAIL = "mia.hoffmann@schnittkunst.de";

describe("passwordProblem", () => {
  it("counts characters, not bytes: 12 is the minimum, 128 the maximum", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(passwordProblem("")).toBe("required");
    expect(passwordProblem("Kaffee-Tass")).toBe("too_short"); // 11
    expect(passwordProblem("Kaffee-Tasse")).toBeNull(); // 12
    // 11 emoji are 22 UTF-16 units but 11 characters; 12 are enough.
    expect(passwordProblem("🔒".repeat(11) + "x")).toBeNull();
    expect(passwordProblem("🔒🐳🌵🎲🚲🧭🪁🎻🥨🧀🍄")).toBe("too_short");
    const long = "Wolkenkratzer-am-Fluss-".repeat(6).slice(0, 128);
    expect(long).toHaveLength(128);
    expect(passwordProblem(long)).toBeNull();
    expect(passwordProblem(`${long}x`)).toBe("too_long");
  });

  it("has no composition rules: lower case only, spaces and umlauts are fine", () => {
    for (const ok of [
      "correct horse battery staple",
      "meinhundheisstbello",
      "Grüße aus Köln am Rhein",
      "8412 7730 1190 5521",
      "ZWÖLF ZEICHEN LANG",
    ]) {
      expect(passwordProblem(ok, { email: EMAIL }), ok).toBeNull();
    }
  });

  it("refuses common passwords case-insensitively, also wrapped in digits/symbols or repeated", () => {
    for (const common of [
      "password1234", // listed as it is
      "PASSWORD1234",
      "1qaz2wsx3edc4rfv",
      "Qwertyuiop123", // "qwertyuiop" + digits
      "Sommer2024!!", // "sommer" + digits and symbols
      "!!Fussball2026",
      "monkeymonkey", // a listed word repeated
      "passwordpassword",
      "abcabcabcabc", // a short unit repeated
      "aaaaaaaaaaaa",
      "            ",
    ]) {
      expect(passwordProblem(common), common).toBe("common");
    }
    // A listed word inside a longer phrase is not the listed password.
    expect(passwordProblem("sommer im garten 2024")).toBeNull();
    expect(isCommonPassword("Sonnenschein")).toBe(true);
    expect(isCommonPassword("Sonnenschein über Hamburg")).toBe(false);
  });

  it("refuses the email and anything containing its local part (3+ characters)", () => {
    expect(passwordProblem(EMAIL, { email: EMAIL })).toBe("contains_email");
    expect(passwordProblem(EMAIL.toUpperCase(), { email: EMAIL })).toBe("contains_email");
    expect(passwordProblem("ich-bin-Mia.Hoffmann!", { email: EMAIL })).toBe("contains_email");
    expect(passwordProblem("ich-bin-Mia-Hoffmann!", { email: EMAIL })).toBeNull();
    // A two-letter local part would refuse half the dictionary: only the whole address counts then.
    expect(passwordProblem("jo-und-die-Kaffeebohne", { email: "jo@example.de" })).toBeNull();
    expect(passwordProblem("xx-jo@example.de-xx", { email: "jo@example.de" })).toBe("contains_email");
    // Without an email only the other rules apply.
    expect(passwordProblem("ich-bin-Mia.Hoffmann!")).toBeNull();
  });
});

describe("the schemas", () => {
  it("newPasswordSchema reports the first problem as the issue's message", () => {
    const schema = newPasswordSchema({ email: EMAIL });
    expect(schema.safeParse("Tannenbaum-Mond-17").success).toBe(true);
    const messages = (value: unknown) => schema.safeParse(value).error?.issues.map((i) => i.message);
    expect(messages("kurz")).toEqual(["too_short"]);
    expect(messages("password1234")).toEqual(["common"]);
    expect(messages("mia.hoffmann-2026")).toEqual(["contains_email"]);
    expect(messages("x".repeat(129))).toEqual(["too_long"]);
    expect(messages(42)).toEqual(["required"]);
  });

  it("newPasswordFieldsSchema checks the confirmation", () => {
    const ok = newPasswordFieldsSchema.safeParse({ password: "Tannenbaum-Mond-17", confirmPassword: "Tannenbaum-Mond-17" });
    expect(ok.success).toBe(true);
    const mismatch = newPasswordFieldsSchema.safeParse({ password: "Tannenbaum-Mond-17", confirmPassword: "Tannenbaum-Mond-18" });
    expect(mismatch.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["confirmPassword", "mismatch"]]);
    const missing = newPasswordFieldsSchema.safeParse({});
    expect(missing.error?.issues.map((i) => i.message)).toEqual(["required", "required"]);
  });
});

describe("the shipped list of common passwords", () => {
  it("is a real list of about 10,000 lower-case entries, with its source in the header", () => {
    const text = readFileSync("lib/auth/common-passwords.txt", "utf8");
    const header = text.split("\n").filter((line) => line.startsWith("#"));
    expect(header.join("\n")).toMatch(/zxcvbn 4\.4\.2/);
    const list = commonPasswordList();
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    expect(list.size).toBeLessThan(11_000);
    for (const entry of ["123456", "password", "qwerty", "passwort", "sonnenschein", "1qaz2wsx3edc4rfv"]) {
      expect(list.has(entry), entry).toBe(true);
    }
    const entries = text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
    expect(new Set(entries).size).toBe(entries.length);
    expect(entries.every((e) => e === e.toLowerCase() && e === e.trim())).toBe(true);
  });
});
