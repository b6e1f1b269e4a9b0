import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withCompany } from "@/db";
import { createPasswordReset } from "@/db/platform";
import { getTwoFactorRow } from "@/db/platform-two-factor";
import { users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { listMailbox } from "@/lib/mail/mailbox";
import { changeEmail, maskEmail } from "./change-email";
import { changePassword } from "./change-password";
import { hashPassword } from "./password";
import { hashResetToken, resetPassword } from "./password-reset";
import { issueReSignInGrant, verifyReSignInGrant } from "./reauth";
import { signInSchema } from "./schemas";
import { signInEmailHash } from "./throttle";
import { totpCodeForStep, totpStepAt } from "./two-factor-demo";
import { enableTwoFactorForTest } from "./two-factor-testing";

// Sign-in with a second factor through the real credentials check (authorize in
// lib/auth/index.ts; Auth.js itself is a stand-in that captures the configuration), and the
// re-authentication of password and email changes. A password reset never bypasses 2FA.

const captured = vi.hoisted(() => ({ config: undefined as unknown }));
vi.mock("next-auth", () => {
  class CredentialsSignin extends Error {
    code = "credentials";
  }
  class AuthError extends Error {}
  return {
    default: (config: unknown) => {
      captured.config = config;
      return { handlers: {}, auth: async () => null, signIn: async () => null, signOut: async () => null, unstable_update: async () => null };
    },
    CredentialsSignin,
    AuthError,
  };
});
vi.mock("next-auth/providers/credentials", () => ({ default: (options: unknown) => options }));

type Authorize = (credentials: Record<string, unknown>, request: Request) => Promise<unknown>;
async function authorize(credentials: Record<string, unknown>): Promise<unknown> {
  await import("./index");
  const config = captured.config as { providers: { authorize: Authorize }[] };
  return config.providers[0]!.authorize(credentials, new Request("http://localhost/api/auth/sign-in"));
}

const PASSWORD = "Anmelde-Passwort-Donau-5";
let passwordHash: string;
let mailbox: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  mailbox = mkdtempSync(join(tmpdir(), "askpro-2fa-mail-"));
  process.env.MAILBOX_DIR = mailbox;
  delete process.env.SMTP_URL;
  vi.spyOn(console, "info").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterAll(() => rmSync(mailbox, { recursive: true, force: true }));

async function createUser(role: "company_admin" | "staff" = "company_admin") {
  const company = await createTestCompany("Anmeldung 2FA");
  const id = newId();
  const email = `si-${id.slice(-12)}@example.test`;
  await withCompany(company.id, (tx) => tx.insert(users).values({ id, companyId: company.id, email, name: "Sina Code", passwordHash, role }));
  return { id, email, name: "Sina Code", role, locale: "de" as const, homeCompanyId: company.id as string | null };
}

async function owner<T>(text: string, params: unknown[] = []) {
  return (await ownerHandle()).sql.query<T>(text, params);
}
const eventsOf = (userId: string, type: string) =>
  owner<{ details: Record<string, unknown> }>("select details from security_events where user_id = $1 and type = $2 order by created_at, id", [userId, type]);
const attemptsOf = (email: string) =>
  owner<{ succeeded: boolean }>("select succeeded from sign_in_attempts where email_hash = $1 order by created_at, id", [signInEmailHash(email)]);
const sessionsOf = (userId: string) => owner("select id from user_sessions where user_id = $1", [userId]);
const step = () => totpStepAt(Date.now());

describe("sign-in with 2FA on", () => {
  it("asks for a code after a right password, without counting a failure or starting a session", async () => {
    const user = await createUser();
    await enableTwoFactorForTest(user.id);
    await expect(authorize({ email: user.email, password: PASSWORD })).rejects.toMatchObject({ code: "two_factor_required" });
    await expect(authorize({ email: user.email, password: PASSWORD, code: "" })).rejects.toMatchObject({ code: "two_factor_required" });
    expect(await attemptsOf(user.email)).toEqual([]);
    expect(await sessionsOf(user.id)).toEqual([]);
    // A wrong password still says nothing about 2FA.
    await expect(authorize({ email: user.email, password: "falsch", code: "123456" })).rejects.toMatchObject({ code: "credentials" });
  });

  it("signs in with a code; the same code again is refused, counted and recorded", async () => {
    const user = await createUser();
    const { secret } = await enableTwoFactorForTest(user.id);
    const code = await totpCodeForStep(secret, step());
    expect(await authorize({ email: user.email, password: PASSWORD, code })).toMatchObject({ id: user.id, role: "company_admin" });
    expect(await sessionsOf(user.id)).toHaveLength(1);
    await expect(authorize({ email: user.email, password: PASSWORD, code })).rejects.toMatchObject({ code: "invalid_code" });
    await expect(authorize({ email: user.email, password: PASSWORD, code: "000000" })).rejects.toMatchObject({ code: "invalid_code" });
    expect((await attemptsOf(user.email)).map((a) => a.succeeded)).toEqual([true, false, false]);
    const failed = await eventsOf(user.id, "two_factor_failed");
    expect(failed.map((e) => e.details)).toEqual([
      { reason: "replayed", purpose: "sign_in" },
      { reason: expect.stringMatching(/wrong_code|replayed/), purpose: "sign_in" },
    ]);
    expect(await sessionsOf(user.id)).toHaveLength(1);
  });

  it("signs in with a recovery code once; the same recovery code again is refused", async () => {
    const user = await createUser();
    const { recoveryCodes } = await enableTwoFactorForTest(user.id);
    expect(await authorize({ email: user.email, password: PASSWORD, code: recoveryCodes[3] })).toMatchObject({ id: user.id });
    expect(await eventsOf(user.id, "two_factor_recovery_code_used")).toEqual([
      { details: { purpose: "sign_in", recoveryCodesLeft: 9 } },
    ]);
    await expect(authorize({ email: user.email, password: PASSWORD, code: recoveryCodes[3] })).rejects.toMatchObject({ code: "invalid_code" });
  });

  it("refuses a malformed code before anything is checked; wrong codes throttle like wrong passwords", async () => {
    const user = await createUser();
    await enableTwoFactorForTest(user.id);
    expect(signInSchema.safeParse({ email: user.email, password: PASSWORD, code: "12ab" }).success).toBe(false);
    await expect(authorize({ email: user.email, password: PASSWORD, code: "12ab" })).rejects.toMatchObject({ code: "credentials" });
    for (let i = 0; i < 10; i++) {
      await expect(authorize({ email: user.email, password: PASSWORD, code: String(100000 + i) })).rejects.toMatchObject({ code: "invalid_code" });
    }
    await expect(authorize({ email: user.email, password: PASSWORD, code: "123456" })).rejects.toMatchObject({ code: "throttled" });
  });

  it("a user without 2FA signs in with the password alone (a code given is ignored)", async () => {
    const user = await createUser("staff");
    expect(await authorize({ email: user.email, password: PASSWORD })).toMatchObject({ id: user.id });
    expect(await authorize({ email: user.email, password: PASSWORD, code: "123456" })).toMatchObject({ id: user.id });
  });

  it("a re-sign-in grant stands in for the code only for its user and session version, for a minute", async () => {
    const user = await createUser();
    await enableTwoFactorForTest(user.id);
    const other = await createUser();
    await enableTwoFactorForTest(other.id);
    const grant = issueReSignInGrant(user.id, 1);
    expect(verifyReSignInGrant(grant, user.id, 1)).toBe(true);
    expect(verifyReSignInGrant(grant, user.id, 2)).toBe(false);
    expect(verifyReSignInGrant(grant, other.id, 1)).toBe(false);
    expect(verifyReSignInGrant(grant, user.id, 1, Date.now() + 61_000)).toBe(false);
    expect(verifyReSignInGrant(`${grant}x`, user.id, 1)).toBe(false);
    expect(await authorize({ email: user.email, password: PASSWORD, reSignInGrant: grant })).toMatchObject({ id: user.id });
    await expect(authorize({ email: other.email, password: PASSWORD, reSignInGrant: grant })).rejects.toMatchObject({ code: "two_factor_required" });
  });

  it("a password reset never bypasses 2FA and signs nobody in", async () => {
    const user = await createUser();
    const { secret } = await enableTwoFactorForTest(user.id);
    const token = "R".repeat(43);
    await createPasswordReset({ userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(Date.now() + 3600_000) });
    const fresh = "Nach-dem-Reset-Passwort-7";
    expect(await resetPassword({ token, password: fresh, confirmPassword: fresh })).toEqual({ ok: true });
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(await getTwoFactorRow(user.id)).toMatchObject({ enabledAt: expect.any(Date) });
    await expect(authorize({ email: user.email, password: fresh })).rejects.toMatchObject({ code: "two_factor_required" });
    expect(await authorize({ email: user.email, password: fresh, code: await totpCodeForStep(secret, step()) })).toMatchObject({ id: user.id });
  });
});

describe("re-authentication of password and email changes", () => {
  it("a password change with 2FA on needs a current code", async () => {
    const user = await createUser();
    const { secret } = await enableTwoFactorForTest(user.id);
    const next = "Neues-Passwort-Lech-44";
    const change = (code?: string) => changePassword(user, { currentPassword: PASSWORD, newPassword: next, confirmPassword: next, code });
    expect(await change()).toEqual({ ok: false, error: "code_required" });
    expect(await change("654321")).toMatchObject({ ok: false, error: "invalid_code" });
    expect(await eventsOf(user.id, "password_change_failed")).toEqual([{ details: { reason: "invalid_code" } }]);
    expect(await change(await totpCodeForStep(secret, step()))).toMatchObject({ ok: true });
  });

  it("changes the email after password (+ code), refuses a taken address, notifies the old one", async () => {
    const user = await createUser();
    const { secret } = await enableTwoFactorForTest(user.id);
    const taken = await createUser("staff");
    const newEmail = `neu-${newId().slice(-10)}@example.test`;

    expect(await changeEmail(user, { newEmail: "kein-at", password: PASSWORD })).toMatchObject({ fieldErrors: { newEmail: ["invalid_email"] } });
    expect(await changeEmail(user, { newEmail: user.email.toUpperCase(), password: PASSWORD })).toMatchObject({ fieldErrors: { newEmail: ["same_email"] } });
    expect(await changeEmail(user, { newEmail, password: "falsch" })).toEqual({ ok: false, error: "wrong_current_password" });
    expect(await changeEmail(user, { newEmail, password: PASSWORD })).toEqual({ ok: false, error: "code_required" });
    expect(await changeEmail(user, { newEmail: taken.email.toUpperCase(), password: PASSWORD, code: await totpCodeForStep(secret, step() - 1) })).toEqual({
      ok: false,
      error: "email_taken",
    });
    const [row] = await owner<{ email: string }>("select email from users where id = $1", [user.id]);
    expect(row!.email).toBe(user.email);

    expect(await changeEmail(user, { newEmail, password: PASSWORD, code: await totpCodeForStep(secret, step()) })).toEqual({ ok: true, email: newEmail });
    const [after] = await owner<{ email: string }>("select email from users where id = $1", [user.id]);
    expect(after!.email).toBe(newEmail);
    expect(await eventsOf(user.id, "email_changed")).toEqual([{ details: {} }]);
    const mails = await listMailbox({ to: user.email });
    expect(mails.map((m) => m.template)).toEqual(["email_changed"]);
    expect(await listMailbox({ to: newEmail })).toEqual([]);
    expect(maskEmail(newEmail)).toMatch(/^n\*\*\*@example\.test$/);
    // The other account is untouched; sign-in now works with the new address only.
    const [other] = await owner<{ email: string }>("select email from users where id = $1", [taken.id]);
    expect(other!.email).toBe(taken.email);
    await expect(authorize({ email: user.email, password: PASSWORD, code: "123456" })).rejects.toMatchObject({ code: "credentials" });
  });
});
