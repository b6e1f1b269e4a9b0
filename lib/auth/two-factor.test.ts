import { beforeAll, describe, expect, it, vi } from "vitest";
import { withCompany } from "@/db";
import {
  beginTwoFactor,
  confirmTwoFactor,
  consumeTwoFactorStep,
  getTwoFactorRow,
  removeTwoFactor,
  replaceRecoveryCodes,
  consumeRecoveryCode,
} from "@/db/platform-two-factor";
import { users, type UserRole } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { hashPassword } from "./password";
import {
  checkSecondFactor,
  decryptTotpSecret,
  encryptTotpSecret,
  generateRecoveryCodes,
  hashRecoveryCode,
  matchTotpStep,
  newTotpSecret,
  parseSecondFactor,
  totpQrSvg,
  totpUri,
} from "./two-factor";
import { totpCodeForStep, totpStepAt } from "./two-factor-demo";
import {
  confirmTwoFactorEnrollment,
  disableTwoFactor,
  getTwoFactorOverview,
  regenerateRecoveryCodes,
  startTwoFactorEnrollment,
  type TwoFactorOwner,
} from "./two-factor-enrollment";
import { enableTwoFactorForTest } from "./two-factor-testing";

// TOTP and recovery codes on the real database: the window, replays, single use (also under
// concurrency), the platform functions acting only on the user they are given, and the
// enrolment use-cases with their re-authentication and security events.

const PASSWORD = "Zwei-Faktor-Passwort-Isar-9";
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  vi.spyOn(console, "info").mockImplementation(() => {});
});

async function createUser(role: Exclude<UserRole, "platform_admin"> = "staff"): Promise<TwoFactorOwner> {
  const company = await createTestCompany("Zwei Faktor");
  const id = newId();
  const email = `tf-${id.slice(-12)}@example.test`;
  await withCompany(company.id, (tx) => tx.insert(users).values({ id, companyId: company.id, email, name: "Tina Faktor", passwordHash, role }));
  return { id, email, role, homeCompanyId: company.id };
}

async function owner<T>(text: string, params: unknown[] = []) {
  return (await ownerHandle()).sql.query<T>(text, params);
}

const eventsOf = (userId: string, type: string) =>
  owner<{ details: Record<string, unknown>; company_id: string | null }>(
    "select details, company_id from security_events where user_id = $1 and type = $2 order by created_at, id",
    [userId, type],
  );

const now = () => Date.now();
const step = () => totpStepAt(now());

describe("codes and secrets", () => {
  it("parses six digits as TOTP, 24 letters/digits as a recovery code, anything else as malformed", () => {
    expect(parseSecondFactor("123 456")).toEqual({ kind: "totp", code: "123456" });
    expect(parseSecondFactor("ABCDEF-ghjkmn-PQRSTU-vw2345")).toEqual({ kind: "recovery", code: "abcdefghjkmnpqrstuvw2345" });
    for (const bad of ["12345", "1234567", "abc", "", "abcd-efgh-23", "abcdef-ghjkmn-pqrstu-vw234!", "' OR 1=1 --"]) {
      expect(parseSecondFactor(bad)).toBeNull();
    }
  });

  it("makes ten distinct recovery codes like xxxxxx-xxxxxx-xxxxxx-xxxxxx (≈119 bits), hashed per user", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{6}-[a-z2-9]{6}-[a-z2-9]{6}-[a-z2-9]{6}$/);
    const a = newId();
    const b = newId();
    expect(hashRecoveryCode(a, codes[0]!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(a, codes[0]!.toUpperCase().replace(/-/g, " "))).toBe(hashRecoveryCode(a, codes[0]!));
    expect(hashRecoveryCode(b, codes[0]!)).not.toBe(hashRecoveryCode(a, codes[0]!));
  });

  it("encrypts the secret bound to its user, and renders the otpauth URI as a local SVG QR code", async () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const userId = newId();
    const ciphertext = encryptTotpSecret(userId, secret);
    expect(ciphertext).not.toContain(secret);
    expect(decryptTotpSecret(userId, ciphertext)).toBe(secret);
    expect(() => decryptTotpSecret(newId(), ciphertext)).toThrow();
    const uri = totpUri("tina@example.test", secret);
    expect(uri).toMatch(/^otpauth:\/\/totp\/AskProAI:tina%40example\.test\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("issuer=AskProAI");
    const svg = await totpQrSvg(uri);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it("accepts the previous, current and next step, nothing further", async () => {
    const secret = newTotpSecret();
    const at = now();
    const s = totpStepAt(at);
    for (const offset of [-1, 0, 1]) expect(await matchTotpStep(secret, await totpCodeForStep(secret, s + offset), { now: at })).toBe(s + offset);
    for (const offset of [-3, -2, 2, 3]) expect(await matchTotpStep(secret, await totpCodeForStep(secret, s + offset), { now: at })).toBeNull();
    expect(await matchTotpStep(secret, await totpCodeForStep(secret, s), { now: at, afterStep: s })).toBeNull();
  });
});

describe("checking a second factor (platform functions)", () => {
  it("uses a TOTP step once: a replay and an earlier step are refused", async () => {
    const user = await createUser();
    const { secret } = await enableTwoFactorForTest(user.id);
    const s = step();
    const code = await totpCodeForStep(secret, s);
    expect(await checkSecondFactor(user.id, code)).toEqual({ ok: true, method: "totp" });
    expect(await checkSecondFactor(user.id, code)).toEqual({ ok: false, reason: "replayed" });
    expect(await checkSecondFactor(user.id, await totpCodeForStep(secret, s - 1))).toEqual({ ok: false, reason: "replayed" });
    expect((await getTwoFactorRow(user.id))!.lastUsedStep).toBe(s);
    expect(await checkSecondFactor(user.id, "000000".replace(/0/g, () => "9"))).toMatchObject({ ok: false });
    expect(await checkSecondFactor(user.id, "abc")).toEqual({ ok: false, reason: "malformed" });
  });

  it("two concurrent uses of the same code: exactly one succeeds", async () => {
    const user = await createUser();
    const { secret } = await enableTwoFactorForTest(user.id);
    const code = await totpCodeForStep(secret, step());
    const results = await Promise.all([checkSecondFactor(user.id, code), checkSecondFactor(user.id, code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("uses a recovery code once, also when two requests race for it; the count goes down", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enableTwoFactorForTest(user.id);
    expect(await checkSecondFactor(user.id, recoveryCodes[0]!.toUpperCase())).toEqual({ ok: true, method: "recovery", recoveryCodesLeft: 9 });
    expect(await checkSecondFactor(user.id, recoveryCodes[0]!)).toEqual({ ok: false, reason: "wrong_code" });
    const raced = await Promise.all([checkSecondFactor(user.id, recoveryCodes[1]!), checkSecondFactor(user.id, recoveryCodes[1]!)]);
    expect(raced.filter((r) => r.ok)).toHaveLength(1);
    expect((await getTwoFactorRow(user.id))!.recoveryCodesLeft).toBe(8);
  });

  it("acts only on the user it is given: another user's id changes nothing of A's rows", async () => {
    const a = await createUser();
    const b = await createUser();
    const { secret, recoveryCodes } = await enableTwoFactorForTest(a.id);
    const before = await getTwoFactorRow(a.id);
    // B (no 2FA) cannot use A's recovery code hash or A's step, and cannot confirm A's ciphertext.
    expect(await consumeRecoveryCode(b.id, hashRecoveryCode(a.id, recoveryCodes[0]!))).toBeNull();
    expect(await consumeTwoFactorStep(b.id, step() + 5)).toBe(false);
    expect(await confirmTwoFactor(b.id, { secretCiphertext: before!.secretCiphertext, step: step(), codeHashes: ["a".repeat(64)] })).toBe(false);
    expect(await replaceRecoveryCodes(b.id, ["b".repeat(64)])).toBe(false);
    // A code of A's secret does not pass for B, even with 2FA on for B.
    await enableTwoFactorForTest(b.id);
    expect(await checkSecondFactor(b.id, await totpCodeForStep(secret, step()))).toMatchObject({ ok: false });
    expect(await checkSecondFactor(b.id, recoveryCodes[0]!)).toEqual({ ok: false, reason: "wrong_code" });
    expect(await removeTwoFactor(b.id)).toBe(true);
    expect(await getTwoFactorRow(a.id)).toEqual(before);
    // The runtime role cannot read the tables itself.
    const runtime = (await import("@/db")).runtimeDatabase;
    const { asRuntime } = await import("@/db");
    const { sql } = await import("drizzle-orm");
    await expect(asRuntime(await runtime(), (db) => db.execute(sql`select * from user_two_factor`))).rejects.toThrow();
  });

  it("an enrolment in progress is not 2FA on; an enabled secret is never replaced by a new start", async () => {
    const user = await createUser();
    expect(await beginTwoFactor(user.id, encryptTotpSecret(user.id, newTotpSecret()))).toBe(true);
    expect(await checkSecondFactor(user.id, "123456")).toEqual({ ok: false, reason: "not_enrolled" });
    expect(await consumeTwoFactorStep(user.id, step())).toBe(false);
    await removeTwoFactor(user.id);
    await enableTwoFactorForTest(user.id);
    const before = await getTwoFactorRow(user.id);
    expect(await beginTwoFactor(user.id, encryptTotpSecret(user.id, newTotpSecret()))).toBe(false);
    expect(await getTwoFactorRow(user.id)).toEqual(before);
  });
});

describe("enrolment, new codes and disabling", () => {
  it("needs the password to start, confirms with a code of the new secret, shows ten codes once", async () => {
    const user = await createUser("staff");
    expect(await startTwoFactorEnrollment(user, { password: "falsch" })).toEqual({ ok: false, error: "wrong_current_password" });
    expect(await getTwoFactorRow(user.id)).toBeNull();
    expect(await startTwoFactorEnrollment(user, { password: "" })).toMatchObject({ error: "invalid_input" });

    const started = await startTwoFactorEnrollment(user, { password: PASSWORD });
    if (!started.ok) throw new Error(started.error);
    const secret = started.secret.replace(/\s/g, "");
    expect(started.uri).toContain(secret);
    expect(started.qrSvg).toMatch(/^<svg/);
    expect(await getTwoFactorOverview(user)).toMatchObject({ state: "pending", required: false });
    const row = await getTwoFactorRow(user.id);
    expect(row!.secretCiphertext).not.toContain(secret);

    expect(await confirmTwoFactorEnrollment(user, { code: "000000" })).toMatchObject({ ok: false });
    expect(await confirmTwoFactorEnrollment(user, { code: "12" })).toMatchObject({ error: "invalid_input", fieldErrors: { code: ["invalid_format"] } });
    expect(await eventsOf(user.id, "two_factor_failed")).toHaveLength(1);
    const confirmed = await confirmTwoFactorEnrollment(user, { code: await totpCodeForStep(secret, step()) });
    if (!confirmed.ok) throw new Error(confirmed.error);
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(await getTwoFactorOverview(user)).toMatchObject({ state: "on", recoveryCodesLeft: 10 });
    expect(await eventsOf(user.id, "two_factor_enabled")).toEqual([{ details: { recoveryCodes: 10 }, company_id: user.homeCompanyId }]);
    // Only hashes are stored.
    const stored = await owner<{ code_hash: string }>("select code_hash from user_recovery_codes where user_id = $1", [user.id]);
    expect(stored.map((r) => r.code_hash).sort()).toEqual(confirmed.recoveryCodes.map((c) => hashRecoveryCode(user.id, c)).sort());
    // The confirming code's step counts as used.
    expect(await startTwoFactorEnrollment(user, { password: PASSWORD })).toEqual({ ok: false, error: "already_enabled" });
  });

  it("new recovery codes need the password and a current code; the old codes stop working", async () => {
    const user = await createUser("company_admin");
    const { secret, recoveryCodes } = await enableTwoFactorForTest(user.id);
    expect(await regenerateRecoveryCodes(user, { password: PASSWORD, code: "" })).toMatchObject({ error: "invalid_input" });
    expect(await regenerateRecoveryCodes(user, { password: "falsch", code: "123456" })).toEqual({ ok: false, error: "wrong_current_password" });
    expect(await regenerateRecoveryCodes(user, { password: PASSWORD, code: "999999" })).toMatchObject({ ok: false });
    const renewed = await regenerateRecoveryCodes(user, { password: PASSWORD, code: await totpCodeForStep(secret, step()) });
    if (!renewed.ok) throw new Error(renewed.error);
    expect(renewed.recoveryCodes).toHaveLength(10);
    expect(await checkSecondFactor(user.id, recoveryCodes[0]!)).toEqual({ ok: false, reason: "wrong_code" });
    expect(await checkSecondFactor(user.id, renewed.recoveryCodes[0]!)).toMatchObject({ ok: true, method: "recovery" });
    expect(await eventsOf(user.id, "two_factor_recovery_codes_regenerated")).toHaveLength(1);
    expect(await eventsOf(user.id, "two_factor_failed")).toHaveLength(1);
  });

  it("an admin cannot turn 2FA off; another role can, with password and code", async () => {
    const admin = await createUser("company_admin");
    const { secret: adminSecret } = await enableTwoFactorForTest(admin.id);
    expect(await disableTwoFactor(admin, { password: PASSWORD, code: await totpCodeForStep(adminSecret, step()) })).toEqual({
      ok: false,
      error: "required_for_role",
    });
    expect(await getTwoFactorOverview(admin)).toMatchObject({ state: "on", required: true });

    const staff = await createUser("staff");
    const { secret } = await enableTwoFactorForTest(staff.id);
    expect(await disableTwoFactor(staff, { password: PASSWORD, code: undefined })).toMatchObject({ error: "invalid_input", fieldErrors: { code: ["required"] } });
    expect(await disableTwoFactor(staff, { password: PASSWORD, code: "111111" })).toEqual({ ok: false, error: "invalid_code" });
    expect(await getTwoFactorOverview(staff)).toMatchObject({ state: "on" });
    expect(await disableTwoFactor(staff, { password: PASSWORD, code: await totpCodeForStep(secret, step()) })).toEqual({ ok: true });
    expect(await getTwoFactorOverview(staff)).toMatchObject({ state: "off", recoveryCodesLeft: 0 });
    expect(await owner("select 1 from user_recovery_codes where user_id = $1", [staff.id])).toEqual([]);
    expect(await eventsOf(staff.id, "two_factor_disabled")).toHaveLength(1);
  });
});
