import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkSessionUser, findUserForSignIn, startUserSession } from "@/db/platform";
import { createTestCompany } from "@/db/testing/fixtures";
import { changeUserRole } from "./change-user-role";
import { inviteUser } from "./invite-user";
import { listCompanyUsers, listOpenInvitations } from "./queries";
import { setUserActive } from "./set-user-active";
import { actorOf, createBranch, createUser, events, ORIGIN, owner, tag, useTempMailbox } from "./test-support";

// Role changes, deactivation and the guard rails of the users page, on the real database.

let cleanup: () => void;
beforeAll(() => {
  cleanup = useTempMailbox("askpro-users-mail-");
  vi.spyOn(console, "info").mockImplementation(() => {});
});
afterAll(() => cleanup());

async function world(name = "Team") {
  const company = await createTestCompany(name);
  const admin = await createUser(company.id, { role: "company_admin", name: "Ines Inhaberin" });
  return { company, admin, actor: actorOf(admin) };
}

async function userRow(id: string) {
  const [row] = await owner<{ role: string; is_active: boolean; session_version: number; updated_at: Date }>(
    "select role, is_active, session_version, updated_at from users where id = $1",
    [id],
  );
  return row!;
}

async function branchesOf(userId: string) {
  return (await owner<{ branch_id: string }>("select branch_id from user_branches where user_id = $1 order by branch_id", [userId])).map(
    (r) => r.branch_id,
  );
}

describe("listing", () => {
  it("lists the company's users with their branches and its open invitations, nothing of another company", async () => {
    const { company, admin, actor } = await world();
    const other = await world("Andere");
    const staff = await createUser(company.id, { role: "staff", name: "Anna Aushilfe" });
    await owner("insert into user_branches (company_id, user_id, branch_id) values ($1, $2, $3)", [company.id, staff.id, company.branchId]);
    await createUser(other.company.id, { role: "staff" });
    await inviteUser(company.id, { email: `offen-${tag()}@example.test`, role: "branch_manager", branchIds: [company.branchId] }, actor, { origin: ORIGIN });

    const listed = await listCompanyUsers(company.id);
    expect(listed.map((u) => u.id).sort()).toEqual([admin.id, staff.id].sort());
    expect(listed.find((u) => u.id === staff.id)).toMatchObject({ role: "staff", isActive: true, branches: [{ id: company.branchId, name: "Hauptfiliale" }] });
    const open = await listOpenInvitations(company.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ role: "branch_manager", branches: [{ id: company.branchId }] });
    expect((await listCompanyUsers(other.company.id)).map((u) => u.id)).not.toContain(staff.id);
  });
});

describe("changeUserRole", () => {
  it("changes role and branches, records user_role_changed, and refuses self-changes", async () => {
    const since = new Date(Date.now() - 1000);
    const { company, admin, actor } = await world();
    const second = await createBranch(company.id);
    const user = await createUser(company.id, { role: "viewer" });

    expect(await changeUserRole(company.id, { userId: user.id, role: "branch_manager", branchIds: [second, company.branchId] }, actor)).toEqual({
      ok: true,
      changed: true,
    });
    expect((await userRow(user.id)).role).toBe("branch_manager");
    expect(await branchesOf(user.id)).toEqual([company.branchId, second].sort());

    expect(await changeUserRole(company.id, { userId: user.id, role: "staff", branchIds: [second] }, actor)).toMatchObject({ ok: true });
    expect(await branchesOf(user.id)).toEqual([second]);
    expect(await changeUserRole(company.id, { userId: user.id, role: "viewer", branchIds: [second] }, actor)).toMatchObject({ ok: true });
    expect((await userRow(user.id)).role).toBe("viewer");
    expect(await branchesOf(user.id)).toEqual([]);
    // The same again changes nothing and records nothing.
    expect(await changeUserRole(company.id, { userId: user.id, role: "viewer" }, actor)).toEqual({ ok: true, changed: false });

    const changed = await events("user_role_changed", company.id, since);
    expect(changed.map((e) => [e.details.from, e.details.to])).toEqual([
      ["viewer", "branch_manager"],
      ["branch_manager", "staff"],
      ["staff", "viewer"],
    ]);
    expect(changed[0]).toMatchObject({ user_id: admin.id, details: { targetUserId: user.id } });

    expect(await changeUserRole(company.id, { userId: admin.id, role: "viewer" }, actor)).toEqual({ ok: false, error: "self" });
    expect((await userRow(admin.id)).role).toBe("company_admin");
  });

  it("refuses bad input: platform_admin, a branch role without branches, another company's branch", async () => {
    const { company, actor } = await world();
    const foreign = await createTestCompany("Fremd");
    const user = await createUser(company.id, { role: "viewer" });
    const before = await userRow(user.id);
    expect(await changeUserRole(company.id, { userId: user.id, role: "platform_admin" }, actor)).toMatchObject({
      error: "invalid_input",
      fieldErrors: { role: "invalid_role" },
    });
    expect(await changeUserRole(company.id, { userId: user.id, role: "staff", branchIds: [] }, actor)).toMatchObject({
      fieldErrors: { branchIds: "branches_required" },
    });
    expect(await changeUserRole(company.id, { userId: user.id, role: "staff", branchIds: [foreign.branchId] }, actor)).toMatchObject({
      error: "invalid_branch",
    });
    expect(await changeUserRole(company.id, { userId: "nicht-uuid", role: "viewer" }, actor)).toMatchObject({ error: "not_found" });
    expect(await userRow(user.id)).toEqual(before);
    expect(await branchesOf(user.id)).toEqual([]);
  });

  it("keeps the last active company admin an admin; with two, one may be demoted", async () => {
    const { company, admin } = await world();
    // A platform admin acting for the company (not one of its users) tries to demote the only admin.
    const platformActor = actorOf({ id: randomUUID(), name: "Plattform" });
    expect(await changeUserRole(company.id, { userId: admin.id, role: "viewer" }, platformActor)).toEqual({ ok: false, error: "last_admin" });
    expect(await setUserActive(company.id, { userId: admin.id, active: false }, platformActor)).toEqual({ ok: false, error: "last_admin" });

    const second = await createUser(company.id, { role: "company_admin" });
    expect(await changeUserRole(company.id, { userId: second.id, role: "viewer" }, actorOf(admin))).toMatchObject({ ok: true, changed: true });
    // Now admin is the last again: the other (now viewer) cannot be used to demote it either.
    expect(await changeUserRole(company.id, { userId: admin.id, role: "staff", branchIds: [company.branchId] }, platformActor)).toEqual({
      ok: false,
      error: "last_admin",
    });
    // An inactive admin does not count.
    const inactive = await createUser(company.id, { role: "company_admin", isActive: false });
    expect(await setUserActive(company.id, { userId: admin.id, active: false }, actorOf(inactive))).toEqual({ ok: false, error: "last_admin" });
    expect(await userRow(admin.id)).toMatchObject({ role: "company_admin", is_active: true });
  });
});

describe("setUserActive", () => {
  it("deactivation bumps the session version: the user's live session ends at once; reactivation lets them in again", async () => {
    const since = new Date(Date.now() - 1000);
    const { company, admin, actor } = await world();
    const user = await createUser(company.id, { role: "staff" });
    const sessionId = randomUUID();
    await startUserSession({ id: sessionId, userId: user.id, ip: null, userAgent: "vitest" });
    expect(await checkSessionUser(user.id, sessionId)).toMatchObject({ sessionLive: true, isActive: true });
    const before = await userRow(user.id);

    expect(await setUserActive(company.id, { userId: user.id, active: "false" }, actor)).toEqual({ ok: true, changed: true });
    expect(await userRow(user.id)).toMatchObject({ is_active: false, session_version: before.session_version + 1 });
    expect(await checkSessionUser(user.id, sessionId)).toMatchObject({ sessionLive: false, isActive: false });
    expect(await findUserForSignIn(user.email)).toMatchObject({ isActive: false });
    // Twice is a no-op.
    expect(await setUserActive(company.id, { userId: user.id, active: false }, actor)).toEqual({ ok: true, changed: false });

    expect(await setUserActive(company.id, { userId: user.id, active: true }, actor)).toEqual({ ok: true, changed: true });
    expect(await userRow(user.id)).toMatchObject({ is_active: true, session_version: before.session_version + 1 });
    // The old session stays ended.
    expect(await checkSessionUser(user.id, sessionId)).toMatchObject({ sessionLive: false, isActive: true });

    expect(await events("user_deactivated", company.id, since)).toEqual([
      expect.objectContaining({ user_id: admin.id, details: { targetUserId: user.id } }),
    ]);
    expect(await events("user_reactivated", company.id, since)).toHaveLength(1);
  });

  it("refuses to deactivate oneself", async () => {
    const { company, admin, actor } = await world();
    await createUser(company.id, { role: "company_admin" });
    expect(await setUserActive(company.id, { userId: admin.id, active: false }, actor)).toEqual({ ok: false, error: "self" });
    expect((await userRow(admin.id)).is_active).toBe(true);
  });
});

describe("users tenancy", () => {
  it("company A's admin can neither change nor deactivate company B's users (not_found, nothing changed)", async () => {
    const since = new Date(Date.now() - 1000);
    const a = await world("Firma A");
    const b = await world("Firma B");
    const userB = await createUser(b.company.id, { role: "viewer" });
    const before = { user: await userRow(userB.id), admin: await userRow(b.admin.id) };

    expect(await changeUserRole(a.company.id, { userId: userB.id, role: "company_admin" }, a.actor)).toEqual({ ok: false, error: "not_found" });
    expect(await changeUserRole(a.company.id, { userId: b.admin.id, role: "viewer" }, a.actor)).toEqual({ ok: false, error: "not_found" });
    expect(await setUserActive(a.company.id, { userId: userB.id, active: false }, a.actor)).toEqual({ ok: false, error: "not_found" });
    // Even A's branch cannot be handed to B's user through A.
    expect(await changeUserRole(a.company.id, { userId: userB.id, role: "staff", branchIds: [a.company.branchId] }, a.actor)).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await userRow(userB.id)).toEqual(before.user);
    expect(await userRow(b.admin.id)).toEqual(before.admin);
    expect(await branchesOf(userB.id)).toEqual([]);
    expect(await events("user_role_changed", a.company.id, since)).toEqual([]);
    expect(await events("user_deactivated", b.company.id, since)).toEqual([]);
  });
});
