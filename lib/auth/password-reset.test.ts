import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withCompany } from "@/db";
import { createPasswordReset, findUserForSignIn } from "@/db/platform";
import { users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { listMailbox, readMailboxMessage } from "@/lib/mail/mailbox";
import { hashPassword, verifyPassword } from "./password";
import {
  checkResetToken,
  hashResetToken,
  requestPasswordReset,
  RESET_REQUESTS_PER_HOUR,
  resetLinkOrigin,
  resetPassword,
} from "./password-reset";

// Password reset on the real database (PGlite per file, or the server with TEST_DATABASE_URL)
// and the real dev mailbox in a folder of this file's own.

const ORIGIN = "http://127.0.0.1:3100";
const OLD_PASSWORD = "Alte-Zugangsdaten-2025";
const NEW_PASSWORD = "Neuer-Schluessel-Nordsee-7";
let mailbox: string;
let oldHash: string;

beforeAll(async () => {
  mailbox = mkdtempSync(join(tmpdir(), "askpro-reset-mail-"));
  process.env.MAILBOX_DIR = mailbox;
  delete process.env.SMTP_URL;
  vi.spyOn(console, "info").mockImplementation(() => {});
  oldHash = await hashPassword(OLD_PASSWORD);
});
afterAll(() => rmSync(mailbox, { recursive: true, force: true }));

const tag = () => newId().slice(-12);

async function createUser(companyId: string, overrides: Partial<typeof users.$inferInsert> = {}) {
  const user = {
    id: newId(),
    companyId,
    email: `reset-${tag()}@example.test`,
    name: "Rita Reset",
    passwordHash: oldHash,
    role: "staff" as const,
    ...overrides,
  };
  await withCompany(companyId, (tx) => tx.insert(users).values(user));
  return user;
}

async function owner<T>(text: string, params: unknown[] = []) {
  return (await ownerHandle()).sql.query<T>(text, params);
}

async function userRow(id: string) {
  const [row] = await owner<{ password_hash: string; session_version: number; updated_at: Date }>(
    "select password_hash, session_version, updated_at from users where id = $1",
    [id],
  );
  return row!;
}

async function resetRows(userId: string) {
  return owner<{ id: string; token_hash: string; expires_at: Date; used_at: Date | null }>(
    "select id, token_hash, expires_at, used_at from password_resets where user_id = $1 order by created_at, id",
    [userId],
  );
}

async function events(type: string, userId: string | null, since: Date) {
  return owner<{ company_id: string | null; user_id: string | null; details: Record<string, unknown> }>(
    `select company_id, user_id, details from security_events
      where type = $1 and user_id is not distinct from $2 and created_at >= $3 order by created_at, id`,
    [type, userId, since.toISOString()],
  );
}

/** The token of the newest reset mail to this address (from the link in its plain text). */
async function mailedToken(email: string): Promise<string> {
  const [latest] = await listMailbox({ to: email });
  expect(latest?.template).toBe("password_reset");
  const message = await readMailboxMessage(latest!.id);
  const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(message!.text);
  expect(message!.text).toContain(`${ORIGIN}/reset-password?token=`);
  return match![1]!;
}

async function request(email: string, now?: Date) {
  return requestPasswordReset({ email, origin: ORIGIN, ip: "203.0.113.9", userAgent: "vitest" }, now);
}

describe("requestPasswordReset", () => {
  it("answers an unknown and a known address alike; only the known one gets a reset row and a mail", async () => {
    const since = new Date(Date.now() - 1000);
    const company = await createTestCompany("Reset");
    const user = await createUser(company.id);
    const unknown = `niemand-${tag()}@example.test`;

    const forUnknown = await request(unknown);
    const forKnown = await request(user.email.toUpperCase());
    expect(forKnown).toEqual(forUnknown);

    expect(await resetRows(user.id)).toHaveLength(1);
    expect(await listMailbox({ to: unknown })).toEqual([]);
    const mails = await listMailbox({ to: user.email });
    expect(mails.map((m) => [m.template, m.locale])).toEqual([["password_reset", "de"]]);

    const [requested] = await events("password_reset_requested", user.id, since);
    expect(requested).toMatchObject({ company_id: company.id, details: { outcome: "mailed" } });
    // The probe for the unknown address is the platform's event, without the address.
    const probes = await events("password_reset_requested", null, since);
    expect(probes.some((e) => e.details.outcome === "unknown_account")).toBe(true);
    expect(JSON.stringify(probes)).not.toContain(unknown);
  });

  it("stores only the SHA-256 of a 256-bit token that expires in 60 minutes", async () => {
    const company = await createTestCompany("Reset");
    const user = await createUser(company.id, { locale: "en" });
    const now = new Date();
    await request(user.email, now);
    const token = await mailedToken(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const [row] = await resetRows(user.id);
    expect(row!.token_hash).toBe(hashResetToken(token));
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(row!.expires_at).getTime()).toBe(now.getTime() + 60 * 60_000);
    expect(row!.used_at).toBeNull();
    // The raw token is nowhere in the table.
    const [found] = await owner<{ n: number }>(
      "select count(*)::int as n from password_resets r where strpos(r::text, $1) > 0",
      [token],
    );
    expect(found!.n).toBe(0);
    // The mail is in the account's language.
    const [mail] = await listMailbox({ to: user.email });
    expect(mail!.locale).toBe("en");
  });

  it(`sends at most ${RESET_REQUESTS_PER_HOUR} mails per account and hour; the answer stays the same`, async () => {
    const since = new Date(Date.now() - 1000);
    const company = await createTestCompany("Reset");
    const user = await createUser(company.id);
    const answers = [];
    for (let i = 0; i < RESET_REQUESTS_PER_HOUR + 1; i++) answers.push(await request(user.email));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await resetRows(user.id)).toHaveLength(RESET_REQUESTS_PER_HOUR);
    expect(await listMailbox({ to: user.email })).toHaveLength(RESET_REQUESTS_PER_HOUR);
    const outcomes = (await events("password_reset_requested", user.id, since)).map((e) => e.details.outcome);
    expect(outcomes).toEqual(["mailed", "mailed", "mailed", "rate_limited"]);
    // An hour later the account may ask again.
    await request(user.email, new Date(Date.now() + 61 * 60_000));
    expect(await listMailbox({ to: user.email })).toHaveLength(RESET_REQUESTS_PER_HOUR + 1);
  });

  it("sends nothing for a deactivated account or a suspended company", async () => {
    const company = await createTestCompany("Reset");
    const inactive = await createUser(company.id, { isActive: false });
    await request(inactive.email);
    const suspended = await createTestCompany("Gesperrt");
    const member = await createUser(suspended.id);
    await owner("update companies set status = 'suspended' where id = $1", [suspended.id]);
    await request(member.email);
    for (const u of [inactive, member]) {
      expect(await resetRows(u.id)).toEqual([]);
      expect(await listMailbox({ to: u.email })).toEqual([]);
    }
  });
});

describe("resetPassword", () => {
  async function userWithToken(companyId?: string) {
    const company = companyId ? { id: companyId } : await createTestCompany("Reset");
    const user = await createUser(company.id);
    await request(user.email);
    return { company, user, token: await mailedToken(user.email) };
  }

  const reset = (token: string, password = NEW_PASSWORD, confirmPassword = password, now?: Date) =>
    resetPassword({ token, password, confirmPassword, ip: "203.0.113.9", userAgent: "vitest" }, now);

  it("sets the password once: ends every session, uses up the other open links, mails the owner", async () => {
    const since = new Date(Date.now() - 1000);
    const { company, user, token } = await userWithToken();
    // A second, older link of the same account.
    const otherToken = "O".repeat(43);
    await createPasswordReset({ userId: user.id, tokenHash: hashResetToken(otherToken), expiresAt: new Date(Date.now() + 3600_000) });
    const before = await userRow(user.id);

    expect(await checkResetToken(token)).toMatchObject({ userId: user.id, email: user.email, companyId: company.id });
    expect(await reset(token)).toEqual({ ok: true });

    const after = await userRow(user.id);
    expect(after.session_version).toBe(before.session_version + 1);
    expect(await verifyPassword(after.password_hash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.password_hash, OLD_PASSWORD)).toBe(false);
    expect((await resetRows(user.id)).every((r) => r.used_at !== null)).toBe(true);
    expect(await checkResetToken(token)).toBeNull();
    expect(await checkResetToken(otherToken)).toBeNull();

    const [completed] = await events("password_reset_completed", user.id, since);
    expect(completed).toMatchObject({ company_id: company.id });
    const [changedMail] = await listMailbox({ to: user.email });
    expect(changedMail!.template).toBe("password_changed");

    // The audit trail names the account as the actor and never shows the hash.
    const [audit] = await owner<{ actor_user_id: string; new_values: Record<string, unknown> }>(
      `select actor_user_id, new_values from audit_log
        where table_name = 'users' and row_id = $1 and action = 'update' order by seq desc limit 1`,
      [user.id],
    );
    expect(audit).toMatchObject({ actor_user_id: user.id, new_values: { password_hash: "[redacted]" } });
  });

  it("refuses the same link a second time with invalid_or_expired, records it and changes nothing", async () => {
    const since = new Date(Date.now() - 1000);
    const { user, token } = await userWithToken();
    expect(await reset(token)).toEqual({ ok: true });
    const after = await userRow(user.id);

    expect(await reset(token, "Ganz-anderes-Passwort-9")).toEqual({ ok: false, error: "invalid_or_expired" });
    expect(await userRow(user.id)).toEqual(after);
    const failed = await events("password_reset_failed", null, since);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(failed)).not.toContain(token);
  });

  it("refuses an expired link", async () => {
    const { user, token } = await userWithToken();
    const before = await userRow(user.id);
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await checkResetToken(token, later)).toBeNull();
    expect(await reset(token, NEW_PASSWORD, NEW_PASSWORD, later)).toEqual({ ok: false, error: "invalid_or_expired" });
    expect(await userRow(user.id)).toEqual(before);
    expect((await resetRows(user.id))[0]!.used_at).toBeNull();
  });

  it("tells a malformed token from an unknown one, and unknown from used only by nothing", async () => {
    expect(await reset("kurz")).toEqual({ ok: false, error: "invalid_input", fieldErrors: { token: ["malformed"] } });
    expect(await reset(`${"A".repeat(42)}!`)).toMatchObject({ error: "invalid_input" });
    expect(await reset("")).toMatchObject({ error: "invalid_input" });
    expect(await reset("Z".repeat(43))).toEqual({ ok: false, error: "invalid_or_expired" });
  });

  it("checks the policy against the account's email; the link stays usable until a good password is set", async () => {
    const { user, token } = await userWithToken();
    const before = await userRow(user.id);
    const local = user.email.split("@")[0]!;
    expect(await reset(token, "zu-kurz")).toEqual({ ok: false, error: "invalid_input", fieldErrors: { password: ["too_short"] } });
    expect(await reset(token, "password1234")).toMatchObject({ fieldErrors: { password: ["common"] } });
    expect(await reset(token, `${local}-2026!`)).toMatchObject({ fieldErrors: { password: ["contains_email"] } });
    expect(await reset(token, NEW_PASSWORD, `${NEW_PASSWORD}x`)).toMatchObject({
      fieldErrors: { confirmPassword: ["mismatch"] },
    });
    expect(await userRow(user.id)).toEqual(before);
    expect(await reset(token)).toEqual({ ok: true });
  });

  it("lets only one of two simultaneous uses of a link win", async () => {
    const { user, token } = await userWithToken();
    const before = await userRow(user.id);
    const results = await Promise.all([reset(token, "Erstes-Passwort-Elbe-1"), reset(token, "Zweites-Passwort-Elbe-2")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "invalid_or_expired" }]);
    expect((await userRow(user.id)).session_version).toBe(before.session_version + 1);
  });

  it("touches only the account behind the token, never another company's users", async () => {
    const a = await createTestCompany("Firma A");
    const b = await createTestCompany("Firma B");
    const { user: userA, token } = await userWithToken(a.id);
    const userB = await createUser(b.id);
    await request(userB.email);
    const bBefore = { user: await userRow(userB.id), resets: await resetRows(userB.id) };

    expect(await reset(token)).toEqual({ ok: true });
    expect(await findUserForSignIn(userA.email)).toMatchObject({ sessionVersion: 2 });
    expect(await userRow(userB.id)).toEqual(bBefore.user);
    expect(await resetRows(userB.id)).toEqual(bBefore.resets);
    // B's link still works for B only.
    const tokenB = await mailedToken(userB.email);
    expect(await checkResetToken(tokenB)).toMatchObject({ userId: userB.id, companyId: b.id });
  });
});

describe("resetLinkOrigin", () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it("prefers AUTH_URL (its origin only)", () => {
    expect(resetLinkOrigin(headers({ host: "evil.example" }), { AUTH_URL: "https://portal.askproai.de/api/auth" })).toBe(
      "https://portal.askproai.de",
    );
  });

  it("without AUTH_URL takes the request's Host only when it is loopback", () => {
    expect(resetLinkOrigin(headers({ host: "127.0.0.1:3100" }), {})).toBe("http://127.0.0.1:3100");
    expect(resetLinkOrigin(headers({ host: "localhost:3000" }), {})).toBe("http://localhost:3000");
    expect(resetLinkOrigin(headers({ host: "[::1]:3000" }), {})).toBe("http://[::1]:3000");
    // A forged Host or X-Forwarded-Host never makes it into a mailed link.
    expect(resetLinkOrigin(headers({ host: "evil.example", "x-forwarded-host": "evil.example" }), { PORT: "3100" })).toBe(
      "http://localhost:3100",
    );
    expect(resetLinkOrigin(headers({ host: "localhost.evil.example" }), {})).toBe("http://localhost:3000");
    expect(resetLinkOrigin(headers({ host: "127.0.0.1@evil.example" }), {})).toBe("http://localhost:3000");
  });
});
