import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withCompany } from "@/db";
import {
  checkSessionUser,
  endSignedOutSession,
  listUserSessions,
  purgeExpiredAuthRecords,
  revokeOtherUserSessions,
  revokeUserSession,
  startUserSession,
} from "@/db/platform";
import { securityEvents, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from "./user-sessions";

// Sessions as rows on the real database: the platform functions of
// drizzle/0010_user_sessions_functions.sql through their db/platform.ts wrappers (runtime role),
// and the use cases of lib/auth/user-sessions.ts. Every assertion is about rows made here.

async function createUser(companyId: string) {
  const id = newId();
  await withCompany(companyId, (tx) =>
    tx.insert(users).values({ id, companyId, email: `us-${id.slice(-12)}@example.test`, name: "Uta", passwordHash: "$argon2id$x", role: "viewer" }),
  );
  return id;
}

async function start(userId: string, userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0") {
  const id = crypto.randomUUID();
  await startUserSession({ id, userId, ip: "203.0.113.7", userAgent });
  return id;
}

async function owner<T>(text: string, params: unknown[] = []) {
  return (await ownerHandle()).sql.query<T>(text, params);
}

async function sessionRow(id: string) {
  const rows = await owner<{ last_seen_at: Date | string; revoked_at: Date | string | null; revoked_reason: string | null }>(
    "select last_seen_at, revoked_at, revoked_reason from user_sessions where id = $1",
    [id],
  );
  return rows[0];
}

describe("the session functions", () => {
  it("start, list and check a session", async () => {
    const company = await createTestCompany("Sessions A");
    const user = await createUser(company.id);
    const long = "x".repeat(600);
    const a = await start(user);
    const b = await start(user, long);
    const list = await listUserSessions(user);
    expect(list.map((s) => s.id).sort()).toEqual([a, b].sort());
    expect(list.find((s) => s.id === a)).toMatchObject({ ip: "203.0.113.7", userAgent: expect.stringContaining("Firefox") });
    expect(list.find((s) => s.id === b)?.userAgent).toHaveLength(512);
    expect(list[0]!.createdAt).toBeInstanceOf(Date);

    expect(await checkSessionUser(user, a)).toMatchObject({ id: user, role: "viewer", isActive: true, companyActive: true, sessionLive: true });
    expect((await checkSessionUser(user, crypto.randomUUID()))?.sessionLive).toBe(false);
    expect(await checkSessionUser(newId(), a)).toBeNull();
  });

  it("a user cannot end another user's session: the function ignores it", async () => {
    const company = await createTestCompany("Sessions B");
    const alice = await createUser(company.id);
    const bob = await createUser(company.id);
    const bobs = await start(bob);
    expect(await revokeUserSession(alice, bobs)).toBe(false);
    expect(await revokeOtherUserSessions(alice, crypto.randomUUID())).toBe(0);
    await endSignedOutSession(alice, bobs);
    expect((await checkSessionUser(bob, bobs))?.sessionLive).toBe(true);
    expect((await checkSessionUser(alice, bobs))?.sessionLive).toBe(false);
    expect((await sessionRow(bobs))?.revoked_at).toBeNull();

    expect(await revokeUserSession(bob, bobs)).toBe(true);
    expect(await revokeUserSession(bob, bobs)).toBe(false);
    expect((await checkSessionUser(bob, bobs))?.sessionLive).toBe(false);
    expect(await sessionRow(bobs)).toMatchObject({ revoked_reason: "ended_by_user" });
  });

  it("ending all other sessions keeps the current one", async () => {
    const company = await createTestCompany("Sessions C");
    const user = await createUser(company.id);
    const other = await createUser(company.id);
    const [current, second, third] = [await start(user), await start(user), await start(user)];
    const othersSession = await start(other);
    expect(await revokeOtherUserSessions(user, current)).toBe(2);
    expect((await listUserSessions(user)).map((s) => s.id)).toEqual([current]);
    expect((await checkSessionUser(user, second))?.sessionLive).toBe(false);
    expect((await checkSessionUser(user, third))?.sessionLive).toBe(false);
    expect((await checkSessionUser(other, othersSession))?.sessionLive).toBe(true);
    expect(await sessionRow(second)).toMatchObject({ revoked_reason: "ended_others" });
  });

  it("sign-out ends the current session", async () => {
    const company = await createTestCompany("Sessions D");
    const user = await createUser(company.id);
    const id = await start(user);
    await endSignedOutSession(user, id);
    expect((await checkSessionUser(user, id))?.sessionLive).toBe(false);
    expect(await listUserSessions(user)).toEqual([]);
    expect(await sessionRow(id)).toMatchObject({ revoked_reason: "sign_out" });
  });

  it("a bumped session version ends every session of the account", async () => {
    const company = await createTestCompany("Sessions E");
    const user = await createUser(company.id);
    const id = await start(user);
    await owner("update users set session_version = session_version + 1 where id = $1", [user]);
    expect((await checkSessionUser(user, id))?.sessionLive).toBe(false);
    expect(await listUserSessions(user)).toEqual([]);
    const fresh = await start(user);
    expect((await checkSessionUser(user, fresh))?.sessionLive).toBe(true);
  });

  it("the check moves last_seen_at on at most once a minute", async () => {
    const company = await createTestCompany("Sessions F");
    const user = await createUser(company.id);
    const id = await start(user);
    const seen = async () => new Date((await sessionRow(id))!.last_seen_at).getTime();

    await owner("update user_sessions set last_seen_at = now() - interval '30 seconds' where id = $1", [id]);
    const thirtySecondsAgo = await seen();
    await checkSessionUser(user, id);
    expect(await seen()).toBe(thirtySecondsAgo);

    await owner("update user_sessions set last_seen_at = now() - interval '2 minutes' where id = $1", [id]);
    const twoMinutesAgo = await seen();
    await checkSessionUser(user, id);
    const touched = await seen();
    expect(touched).toBeGreaterThan(twoMinutesAgo + 60_000);
    await checkSessionUser(user, id);
    expect(await seen()).toBe(touched);

    // An ended session is not touched.
    await revokeUserSession(user, id);
    await owner("update user_sessions set last_seen_at = now() - interval '2 minutes' where id = $1", [id]);
    const before = await seen();
    await checkSessionUser(user, id);
    expect(await seen()).toBe(before);
  });

  it("the purge drops sessions ended over a day ago or idle for 30 days, not live ones", async () => {
    const company = await createTestCompany("Sessions G");
    const user = await createUser(company.id);
    const [live, ended, idle] = [await start(user), await start(user), await start(user)];
    await owner("update user_sessions set revoked_at = now() - interval '2 days', revoked_reason = 'sign_out' where id = $1", [ended]);
    await owner("update user_sessions set last_seen_at = now() - interval '31 days' where id = $1", [idle]);
    await purgeExpiredAuthRecords(new Date(), 90);
    const left = await owner<{ id: string }>("select id from user_sessions where user_id = $1", [user]);
    expect(left.map((r) => r.id)).toEqual([live]);
  });
});

describe("the use cases", () => {
  const origin = { ip: "198.51.100.4", userAgent: "Vitest" };

  async function events(companyId: string, userId: string) {
    return withCompany(companyId, (tx) => tx.select().from(securityEvents).where(sql`${securityEvents.userId} = ${userId}`));
  }

  it("lists the current session first and ends one other with a session_revoked event", async () => {
    const company = await createTestCompany("Sessions H");
    const user = await createUser(company.id);
    const other = await start(user);
    const current = await start(user);
    const actor = { id: user, sessionId: current, homeCompanyId: company.id };
    const list = await listOwnSessions(actor);
    expect(list.map((s) => [s.id, s.current])).toEqual([
      [current, true],
      [other, false],
    ]);

    expect(await endOwnSession(actor, current, origin)).toEqual({ ok: false, reason: "current" });
    expect(await endOwnSession(actor, crypto.randomUUID(), origin)).toEqual({ ok: false, reason: "not_found" });
    expect(await events(company.id, user)).toEqual([]);
    expect(await endOwnSession(actor, other, origin)).toEqual({ ok: true, ended: 1 });
    const [event, ...rest] = await events(company.id, user);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: "session_revoked", details: { which: "one" }, ip: "198.51.100.4" });
  });

  it("ends all others with one event, and none when there was nothing to end", async () => {
    const company = await createTestCompany("Sessions I");
    const user = await createUser(company.id);
    const current = await start(user);
    const actor = { id: user, sessionId: current, homeCompanyId: company.id };
    expect(await endOtherOwnSessions(actor, origin)).toEqual({ ok: true, ended: 0 });
    expect(await events(company.id, user)).toEqual([]);
    await start(user);
    await start(user);
    expect(await endOtherOwnSessions(actor, origin)).toEqual({ ok: true, ended: 2 });
    const rows = await events(company.id, user);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: "session_revoked", details: { which: "others", count: 2 } });
    expect((await listOwnSessions(actor)).map((s) => s.id)).toEqual([current]);
  });
});
