import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withCompany } from "@/db";
import { createPasswordReset, recordSignInAttempt } from "@/db/platform";
import { users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { listMailbox } from "@/lib/mail/mailbox";
import { changePassword, type PasswordOwner } from "./change-password";
import { signInEmailHash } from "./throttle";
import { hashPassword, verifyPassword } from "./password";
import { checkResetToken, hashResetToken } from "./password-reset";

// Changing one's own password on the real database. Auth.js itself is replaced by a stand-in
// that only captures the configuration, so the real credentials check (authorize in
// lib/auth/index.ts) can be called: it must count a wrong current password given here.

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
async function authorize(email: string, password: string): Promise<unknown> {
  await import("./index");
  const config = captured.config as { providers: { authorize: Authorize }[] };
  return config.providers[0]!.authorize({ email, password }, new Request("http://localhost/api/auth/sign-in"));
}

const CURRENT = "Aktuelles-Passwort-Rhein-1";
const NEXT = "Neues-Passwort-Mosel-22";
let mailbox: string;
let currentHash: string;

beforeAll(async () => {
  mailbox = mkdtempSync(join(tmpdir(), "askpro-change-mail-"));
  process.env.MAILBOX_DIR = mailbox;
  delete process.env.SMTP_URL;
  vi.spyOn(console, "info").mockImplementation(() => {});
  currentHash = await hashPassword(CURRENT);
});
afterAll(() => rmSync(mailbox, { recursive: true, force: true }));

const tag = () => newId().slice(-12);

async function createUser(companyId: string): Promise<PasswordOwner> {
  const user = { id: newId(), companyId, email: `change-${tag()}@example.test`, name: "Carl Change", passwordHash: currentHash, role: "viewer" as const };
  await withCompany(companyId, (tx) => tx.insert(users).values(user));
  return { id: user.id, email: user.email, name: user.name, locale: "de", homeCompanyId: companyId };
}

async function owner<T>(text: string, params: unknown[] = []) {
  return (await ownerHandle()).sql.query<T>(text, params);
}

async function userRow(id: string) {
  const [row] = await owner<{ password_hash: string; session_version: number }>(
    "select password_hash, session_version from users where id = $1",
    [id],
  );
  return row!;
}

async function events(type: string, userId: string) {
  return owner<{ company_id: string; details: Record<string, unknown> }>(
    "select company_id, details from security_events where type = $1 and user_id = $2 order by created_at, id",
    [type, userId],
  );
}

const change = (user: PasswordOwner, currentPassword: unknown, newPassword: unknown = NEXT, confirmPassword: unknown = newPassword) =>
  changePassword(user, { currentPassword, newPassword, confirmPassword, ip: null, userAgent: "vitest" });

describe("changePassword", () => {
  it("refuses a wrong current password; the failure counts for sign-in throttling", async () => {
    const company = await createTestCompany("Wechsel");
    const user = await createUser(company.id);
    const before = await userRow(user.id);

    expect(await change(user, "falsch-geraten-123")).toEqual({ ok: false, error: "wrong_current_password" });
    expect(await userRow(user.id)).toEqual(before);
    const [attempt] = await owner<{ succeeded: boolean; user_id: string }>(
      "select succeeded, user_id from sign_in_attempts where email_hash = $1",
      [signInEmailHash(user.email)],
    );
    expect(attempt).toEqual({ succeeded: false, user_id: user.id });
    const [failed] = await events("password_change_failed", user.id);
    expect(failed).toMatchObject({ company_id: company.id, details: { reason: "wrong_current_password" } });
    expect(await listMailbox({ to: user.email })).toEqual([]);
  });

  it("is throttled like sign-in, and counts under the same key as the real sign-in check", async () => {
    const company = await createTestCompany("Wechsel");
    const user = await createUser(company.id);
    // Nine wrong tries here and one at sign-in: the tenth failure of the account.
    for (let i = 0; i < 9; i++) expect(await change(user, `falsch-${i}`)).toMatchObject({ error: "wrong_current_password" });
    await expect(authorize(user.email, "auch-falsch")).rejects.toThrow();
    const result = await change(user, CURRENT);
    expect(result).toMatchObject({ ok: false, error: "throttled" });
    expect((result as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // And sign-in sees the failures made here: it is throttled too.
    await expect(authorize(user.email, CURRENT)).rejects.toMatchObject({ code: "throttled" });
    expect((await userRow(user.id)).password_hash).toBe(currentHash);
  });

  it("enforces the policy on the new password (and the confirmation)", async () => {
    const company = await createTestCompany("Wechsel");
    const user = await createUser(company.id);
    const before = await userRow(user.id);
    const local = user.email.split("@")[0]!;
    expect(await change(user, CURRENT, "zu-kurz")).toEqual({
      ok: false,
      error: "invalid_input",
      fieldErrors: { newPassword: ["too_short"] },
    });
    expect(await change(user, CURRENT, "qwertyuiop123")).toMatchObject({ fieldErrors: { newPassword: ["common"] } });
    expect(await change(user, CURRENT, `Ich-bin-${local}`)).toMatchObject({ fieldErrors: { newPassword: ["contains_email"] } });
    expect(await change(user, CURRENT, "y".repeat(129))).toMatchObject({ fieldErrors: { newPassword: ["too_long"] } });
    expect(await change(user, CURRENT, NEXT, `${NEXT}!`)).toMatchObject({ fieldErrors: { confirmPassword: ["mismatch"] } });
    expect(await change(user, "", NEXT)).toMatchObject({ fieldErrors: { currentPassword: ["required"] } });
    expect(await change(user, CURRENT, 12345678901234)).toMatchObject({ error: "invalid_input" });
    expect(await userRow(user.id)).toEqual(before);
  });

  it("sets the new password, ends every session, uses up open reset links, records and mails it", async () => {
    const company = await createTestCompany("Wechsel");
    const user = await createUser(company.id);
    const before = await userRow(user.id);
    const token = "T".repeat(43);
    await createPasswordReset({ userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(Date.now() + 3600_000) });

    const result = await change(user, CURRENT);
    expect(result).toEqual({ ok: true, sessionVersion: before.session_version + 1 });
    const after = await userRow(user.id);
    expect(after.session_version).toBe(before.session_version + 1);
    expect(await verifyPassword(after.password_hash, NEXT)).toBe(true);
    expect(await verifyPassword(after.password_hash, CURRENT)).toBe(false);
    // A reset link mailed before the change cannot undo it.
    expect(await checkResetToken(token)).toBeNull();
    expect(await events("password_changed", user.id)).toEqual([{ company_id: company.id, details: {} }]);
    const mails = await listMailbox({ to: user.email });
    expect(mails.map((m) => m.template)).toEqual(["password_changed"]);
    // The real sign-in check takes the new password and refuses the old one.
    expect(await authorize(user.email, NEXT)).toMatchObject({ id: user.id, sessionVersion: before.session_version + 1 });
    await expect(authorize(user.email, CURRENT)).rejects.toThrow();
  });

  it("changes only the signed-in user: company B's users stay as they were", async () => {
    const a = await createTestCompany("Firma A");
    const b = await createTestCompany("Firma B");
    const userA = await createUser(a.id);
    const userB = await createUser(b.id);
    const bBefore = await userRow(userB.id);
    expect(await change(userA, CURRENT)).toMatchObject({ ok: true });
    expect(await userRow(userB.id)).toEqual(bBefore);
    // Another company's user id with A's email (a forged owner) is refused before anything changes.
    const forged = { ...userB, email: userA.email };
    expect(await change(forged, NEXT, "Noch-ein-Passwort-Saar-3")).toEqual({ ok: false, error: "unauthenticated" });
    expect(await userRow(userB.id)).toEqual(bBefore);
  });

  it("refuses a deactivated account", async () => {
    const company = await createTestCompany("Wechsel");
    const user = await createUser(company.id);
    await owner("update users set is_active = false where id = $1", [user.id]);
    expect(await change(user, CURRENT)).toEqual({ ok: false, error: "unauthenticated" });
    expect((await userRow(user.id)).password_hash).toBe(currentHash);
  });
});

describe("the wrong-password records", () => {
  it("use the sign-in key: a sign-in attempt recorded for the email is what changePassword's throttle reads", async () => {
    const company = await createTestCompany("Wechsel");
    const user = await createUser(company.id);
    for (let i = 0; i < 10; i++) {
      await recordSignInAttempt({ emailHash: signInEmailHash(user.email.toUpperCase()), ip: null, userId: user.id, succeeded: false });
    }
    expect(await change(user, CURRENT)).toMatchObject({ error: "throttled" });
  });
});
