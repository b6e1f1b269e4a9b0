import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findUserForSignIn } from "@/db/platform";
import { createTestCompany } from "@/db/testing/fixtures";
import { verifyPassword } from "@/lib/auth/password";
import { listMailbox } from "@/lib/mail/mailbox";
import { acceptInvitation, checkInvitation } from "./accept-invitation";
import { hashInvitationToken } from "./invitation-token";
import { inviteUser, resendInvitation } from "./invite-user";
import { listOpenInvitations } from "./queries";
import { revokeInvitation } from "./revoke-invitation";
import {
  actorOf,
  createBranch,
  createUser,
  events,
  mailedInvitationToken,
  ORIGIN,
  owner,
  tag,
  useTempMailbox,
} from "./test-support";

// Invitations on the real database (PGlite per file, or the server with TEST_DATABASE_URL) and
// the real dev mailbox in a folder of this file's own.

const PASSWORD = "Wellenrauschen-am-Deich-42";
let cleanup: () => void;
beforeAll(() => {
  cleanup = useTempMailbox("askpro-invite-mail-");
  vi.spyOn(console, "info").mockImplementation(() => {});
});
afterAll(() => cleanup());

async function world(name = "Einladung") {
  const company = await createTestCompany(name);
  const admin = await createUser(company.id, { role: "company_admin", name: "Ines Inhaberin" });
  return { company, admin, actor: actorOf(admin) };
}

const invite = (companyId: string, actor: ReturnType<typeof actorOf>, input: Record<string, unknown>, now?: Date) =>
  inviteUser(companyId, input, actor, { origin: ORIGIN, now });

const accept = (token: string, overrides: Record<string, unknown> = {}, now?: Date) =>
  acceptInvitation({ token, name: "Nora Neu", password: PASSWORD, confirmPassword: PASSWORD, ip: "198.51.100.4", userAgent: "vitest", ...overrides }, now);

async function invitationRows(companyId: string) {
  return owner<{ id: string; email: string; token_hash: string; expires_at: Date; accepted_at: Date | null; accepted_user_id: string | null; revoked_at: Date | null; invited_by: string | null }>(
    "select * from user_invitations where company_id = $1 order by created_at, id",
    [companyId],
  );
}

async function usersByEmail(email: string) {
  return owner<{ id: string; company_id: string; role: string; name: string; password_hash: string; locale: string }>(
    "select id, company_id, role, name, password_hash, locale from users where lower(email) = lower($1)",
    [email],
  );
}

async function branchesOf(userId: string) {
  return (await owner<{ branch_id: string }>("select branch_id from user_branches where user_id = $1 order by branch_id", [userId])).map(
    (r) => r.branch_id,
  );
}

describe("inviting and accepting", () => {
  it("invite → mail → accept: the user exists with role, branches and a password they can sign in with", async () => {
    const since = new Date(Date.now() - 1000);
    const { company, admin, actor } = await world();
    const second = await createBranch(company.id);
    const email = `neu-${tag()}@example.test`;

    const invited = await invite(company.id, actor, { email: email.toUpperCase(), role: "staff", branchIds: [company.branchId, second], locale: "en" });
    expect(invited).toMatchObject({ ok: true, mailed: true, replacedInvitationId: null });
    const { token, text, locale } = await mailedInvitationToken(email);
    expect(locale).toBe("en");
    expect(text).toContain(`${ORIGIN}/invite/${token}`);
    expect(text).toContain("Staff member");

    const check = await checkInvitation(token);
    expect(check).toMatchObject({ ok: true, invitation: { email, role: "staff" } });

    const accepted = await accept(token);
    expect(accepted).toMatchObject({ ok: true, companyId: company.id });
    const [user] = await usersByEmail(email);
    expect(user).toMatchObject({ company_id: company.id, role: "staff", name: "Nora Neu", locale: "en" });
    expect(await verifyPassword(user!.password_hash, PASSWORD)).toBe(true);
    expect(await branchesOf(user!.id)).toEqual([company.branchId, second].sort());
    // Sign-in finds the account by the invited address.
    expect(await findUserForSignIn(email)).toMatchObject({ id: user!.id, isActive: true, companyActive: true });

    const [row] = await invitationRows(company.id);
    expect(row).toMatchObject({ accepted_user_id: user!.id, invited_by: admin.id });
    expect(row!.accepted_at).not.toBeNull();
    expect(await listOpenInvitations(company.id)).toEqual([]);

    const [created] = await events("invitation_created", company.id, since);
    expect(created).toMatchObject({ user_id: admin.id, details: { invitationId: invited.ok && invited.invitationId, role: "staff" } });
    const [acceptedEvent] = await events("invitation_accepted", company.id, since);
    expect(acceptedEvent).toMatchObject({ user_id: user!.id });
    // Ids only: never the address or the name.
    expect(JSON.stringify([created, acceptedEvent])).not.toContain(email);
    expect(JSON.stringify([created, acceptedEvent])).not.toContain("Nora");

    // The audit trail recorded the new user with the new account as the actor.
    const [audit] = await owner<{ actor_user_id: string }>(
      "select actor_user_id from audit_log where table_name = 'users' and row_id = $1 and action = 'insert'",
      [user!.id],
    );
    expect(audit).toMatchObject({ actor_user_id: user!.id });
  });

  it("stores only the SHA-256 of a 256-bit token and lets the link live 72 hours", async () => {
    const { company, actor } = await world();
    const email = `hash-${tag()}@example.test`;
    const now = new Date();
    await invite(company.id, actor, { email, role: "viewer" }, now);
    const { token } = await mailedInvitationToken(email);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const [row] = await invitationRows(company.id);
    expect(row!.token_hash).toBe(hashInvitationToken(token));
    expect(new Date(row!.expires_at).getTime()).toBe(now.getTime() + 72 * 3_600_000);
    const [found] = await owner<{ n: number }>("select count(*)::int as n from user_invitations i where strpos(i::text, $1) > 0", [token]);
    expect(found!.n).toBe(0);
  });

  it("refuses a used link the second time, and only one of two simultaneous accepts wins", async () => {
    const since = new Date(Date.now() - 1000);
    const { company, actor } = await world();
    const email = `zweimal-${tag()}@example.test`;
    await invite(company.id, actor, { email, role: "viewer" });
    const { token } = await mailedInvitationToken(email);
    const results = await Promise.all([accept(token), accept(token, { name: "Zweite Person" })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: "invitation_used" });
    expect(await usersByEmail(email)).toHaveLength(1);

    const before = await usersByEmail(email);
    expect(await accept(token, { name: "Dritte Person" })).toEqual({ ok: false, error: "invitation_used" });
    expect(await usersByEmail(email)).toEqual(before);
    expect(await checkInvitation(token)).toEqual({ ok: false, error: "invitation_used" });
    const rejected = await events("invitation_rejected", company.id, since);
    expect(rejected.map((e) => e.details.reason)).toContain("used");
  });

  it("refuses a link after 72 hours (and one whose expiry was moved into the past)", async () => {
    const since = new Date(Date.now() - 1000);
    const { company, actor } = await world();
    const email = `spaet-${tag()}@example.test`;
    await invite(company.id, actor, { email, role: "viewer" });
    const { token } = await mailedInvitationToken(email);
    const later = new Date(Date.now() + 72 * 3_600_000 + 1000);
    expect(await checkInvitation(token, later)).toEqual({ ok: false, error: "invitation_expired" });
    expect(await accept(token, {}, later)).toEqual({ ok: false, error: "invitation_expired" });
    expect(await usersByEmail(email)).toEqual([]);

    await owner("update user_invitations set expires_at = now() - interval '1 minute' where company_id = $1", [company.id]);
    expect(await accept(token)).toEqual({ ok: false, error: "invitation_expired" });
    expect(await usersByEmail(email)).toEqual([]);
    expect((await invitationRows(company.id))[0]!.accepted_at).toBeNull();
    const [rejected] = await events("invitation_rejected", company.id, since);
    expect(rejected!.details).toMatchObject({ reason: "expired" });
  });

  it("refuses a revoked link; a new invitation to the same address revokes the old link", async () => {
    const since = new Date(Date.now() - 1000);
    const { company, actor } = await world();
    const email = `erneut-${tag()}@example.test`;
    const first = await invite(company.id, actor, { email, role: "viewer" });
    const { token: oldToken } = await mailedInvitationToken(email);
    const second = await invite(company.id, actor, { email, role: "company_admin" });
    expect(second).toMatchObject({ ok: true, replacedInvitationId: first.ok && first.invitationId });
    const { token: newToken } = await mailedInvitationToken(email);
    expect(newToken).not.toBe(oldToken);

    expect(await accept(oldToken)).toEqual({ ok: false, error: "invitation_invalid" });
    expect(await usersByEmail(email)).toEqual([]);
    const open = await listOpenInvitations(company.id);
    expect(open.map((i) => i.role)).toEqual(["company_admin"]);

    // Resend: a new link again, the previous one dead.
    const resent = await resendInvitation(company.id, open[0]!.id, actor, { origin: ORIGIN });
    expect(resent).toMatchObject({ ok: true, replacedInvitationId: open[0]!.id });
    const { token: resentToken } = await mailedInvitationToken(email);
    expect(await checkInvitation(newToken)).toEqual({ ok: false, error: "invitation_invalid" });

    // Revoking the open one: its link is dead too.
    const [current] = await listOpenInvitations(company.id);
    expect(await revokeInvitation(company.id, { invitationId: current!.id }, actor)).toEqual({ ok: true });
    expect(await accept(resentToken)).toEqual({ ok: false, error: "invitation_invalid" });
    expect(await listOpenInvitations(company.id)).toEqual([]);
    expect(await revokeInvitation(company.id, { invitationId: current!.id }, actor)).toEqual({ ok: false, error: "not_found" });

    const revoked = await events("invitation_revoked", company.id, since);
    expect(revoked.map((e) => e.details.reason)).toEqual(["replaced", "replaced", "revoked"]);
    const rejected = await events("invitation_rejected", company.id, since);
    expect(rejected.map((e) => e.details.reason)).toEqual(["revoked", "revoked"]);
  });

  it("refuses an address that already has an account, in any company (email_taken), storing nothing", async () => {
    const { company, actor } = await world();
    const other = await createTestCompany("Andere");
    const existing = await createUser(other.id, { email: `vergeben-${tag()}@example.test` });
    const result = await invite(company.id, actor, { email: existing.email.toUpperCase(), role: "viewer" });
    expect(result).toMatchObject({ ok: false, error: "email_taken", fieldErrors: { email: "email_taken" } });
    expect(await invitationRows(company.id)).toEqual([]);
    expect(await listMailbox({ to: existing.email })).toEqual([]);
  });

  it("refuses to accept when the address got an account after the invitation", async () => {
    const { company, actor } = await world();
    const email = `spaeter-vergeben-${tag()}@example.test`;
    await invite(company.id, actor, { email, role: "viewer" });
    const { token } = await mailedInvitationToken(email);
    const other = await createTestCompany("Andere");
    await createUser(other.id, { email });
    expect(await accept(token)).toEqual({ ok: false, error: "email_taken" });
    expect((await usersByEmail(email)).map((u) => u.company_id)).toEqual([other.id]);
    expect((await invitationRows(company.id))[0]!.accepted_at).toBeNull();
  });

  it("answers bad invitation input with field codes and stores nothing", async () => {
    const { company, actor } = await world();
    const foreign = await createTestCompany("Fremd");
    const email = `feld-${tag()}@example.test`;
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ email: "kein-at-zeichen", role: "viewer" }, { email: "invalid_email" }],
      [{ email: "", role: "viewer" }, { email: "required" }],
      [{ email, role: "platform_admin" }, { role: "invalid_role" }],
      [{ email, role: "staff" }, { branchIds: "branches_required" }],
      [{ email, role: "branch_manager", branchIds: ["nicht-uuid"] }, { branchIds: "invalid_branch" }],
      [{ email, role: "viewer", locale: "fr" }, { locale: "invalid_locale" }],
      [{ email, role: "staff", branchIds: [foreign.branchId] }, { branchIds: "invalid_branch" }],
    ];
    for (const [input, fieldErrors] of cases) {
      const result = await invite(company.id, actor, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, fieldErrors });
    }
    expect(await invitationRows(company.id)).toEqual([]);
    expect(await listMailbox({ to: email })).toEqual([]);
  });

  it("refuses malformed and unknown links with invitation_invalid and a security event without the token", async () => {
    const since = new Date(Date.now() - 1000);
    const token = "U".repeat(43);
    expect(await accept("kurz")).toEqual({ ok: false, error: "invitation_invalid" });
    expect(await accept(token)).toEqual({ ok: false, error: "invitation_invalid" });
    expect(await checkInvitation("../../etc/passwd")).toEqual({ ok: false, error: "invitation_invalid" });
    const rejected = await events("invitation_rejected", null, since);
    expect(rejected.map((e) => e.details.reason)).toEqual(expect.arrayContaining(["malformed", "unknown"]));
    expect(JSON.stringify(rejected)).not.toContain(token);
  });

  it("checks name and password (policy, the invited address) and keeps the link usable until they pass", async () => {
    const { company, actor } = await world();
    const email = `regel-${tag()}@example.test`;
    await invite(company.id, actor, { email, role: "viewer" });
    const { token } = await mailedInvitationToken(email);
    const local = email.split("@")[0]!;
    expect(await accept(token, { password: "zu-kurz", confirmPassword: "zu-kurz" })).toEqual({
      ok: false,
      error: "invalid_input",
      fieldErrors: { password: "too_short" },
    });
    expect(await accept(token, { password: "password1234", confirmPassword: "password1234" })).toMatchObject({ fieldErrors: { password: "common" } });
    expect(await accept(token, { password: `${local}-2026!`, confirmPassword: `${local}-2026!` })).toMatchObject({
      fieldErrors: { password: "contains_email" },
    });
    expect(await accept(token, { confirmPassword: `${PASSWORD}x` })).toMatchObject({ fieldErrors: { confirmPassword: "mismatch" } });
    expect(await accept(token, { name: "   " })).toMatchObject({ fieldErrors: { name: "required" } });
    expect(await accept(token, { name: 42 })).toMatchObject({ error: "invalid_input" });
    expect(await usersByEmail(email)).toEqual([]);
    expect(await accept(token)).toMatchObject({ ok: true });
  });
});

describe("invitation tenancy", () => {
  it("company A can neither see, revoke nor resend company B's invitations", async () => {
    const a = await world("Firma A");
    const b = await world("Firma B");
    const email = `b-${tag()}@example.test`;
    const invited = await invite(b.company.id, b.actor, { email, role: "viewer" });
    expect(invited.ok).toBe(true);
    const id = invited.ok ? invited.invitationId : "";
    const before = await invitationRows(b.company.id);

    expect(await listOpenInvitations(a.company.id)).toEqual([]);
    expect(await revokeInvitation(a.company.id, { invitationId: id }, a.actor)).toEqual({ ok: false, error: "not_found" });
    expect(await resendInvitation(a.company.id, id, a.actor, { origin: ORIGIN })).toEqual({ ok: false, error: "not_found" });
    expect(await invitationRows(b.company.id)).toEqual(before);
    expect(await invitationRows(a.company.id)).toEqual([]);
    expect((await listOpenInvitations(b.company.id)).map((i) => i.id)).toEqual([id]);
  });
});
