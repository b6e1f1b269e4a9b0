import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { APP_ROLE, asRuntime, runtimeDatabase, withCompany } from "@/db";
import {
  checkSessionUser,
  claimWebhookEvent,
  createCompanyAsPlatformAdmin,
  ensureWebhookEventPartitions,
  finishWebhookEvent,
  getWebhookEventForPlatformAdmin,
  insertWebhookEvent,
  insertWebhookEvents,
  listCallbackSweepItems,
  listDueWebhookEvents,
  listWebhookEventsForPlatformAdmin,
  purgeExpiredVoiceRecords,
  purgeWebhookEvents,
  replayWebhookEventAsPlatformAdmin,
  createPasswordReset,
  findUserForSignIn,
  getCompanyForPlatformAdmin,
  listCompaniesForPlatformAdmin,
  searchCompaniesForPlatformAdmin,
  setCompanyArchivedAsPlatformAdmin,
  updateCompanyAsPlatformAdmin,
  purgeExpiredAuthRecords,
  recordSignInAttempt,
  resolvePhoneNumber,
  startUserSession,
} from "@/db/platform";
import { branches, callbackRequests, phoneNumbers, retellAgents, slotHolds, toolInvocations, users, webhookEvents } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import {
  createTestCompany,
  messagesOf,
  ownerHandle,
  rejectionOf,
  sqlStateOf,
} from "@/db/testing/fixtures";
import { insertStaff, testPhoneNumber } from "@/db/testing/rows";
import { blindIndex, encryptField } from "@/lib/crypto/field-encryption";

// The named platform functions (db/platform.ts → SECURITY DEFINER functions of
// drizzle/0001_tenancy.sql) are the only ways across companies: each is tested here through its
// wrapper, on the runtime role, and the catalog is checked for how they are declared.
// Test files share one database on a server: every assertion is about rows made here.

const tag = () => newId().slice(-12);

async function createCompanyUser(companyId: string, overrides: Partial<typeof users.$inferInsert> = {}) {
  const user = {
    id: newId(),
    companyId,
    email: `Anna.Admin-${tag()}@Example.test`,
    name: "Anna Admin",
    passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${tag()}`,
    role: "company_admin" as const,
    ...overrides,
  };
  await withCompany(companyId, (tx) => tx.insert(users).values(user));
  return user;
}

/** A platform admin, made the only way there is: app_create_platform_admin as the owner. */
async function createPlatformAdmin() {
  const owner = await ownerHandle();
  const admin = { id: newId(), email: `platform-${tag()}@example.test`, name: "Plattform", hash: "$argon2id$x" };
  await owner.sql.query("select app_create_platform_admin($1::uuid, $2, $3, $4)", [
    admin.id,
    admin.email,
    admin.name,
    admin.hash,
  ]);
  return admin;
}

async function ownerQuery<T>(text: string, params: unknown[] = []) {
  return (await ownerHandle()).sql.query<T>(text, params);
}

async function expectInsufficientPrivilege(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(sqlStateOf(error), messagesOf(error)).toBe("42501");
}

describe("findUserForSignIn", () => {
  it("finds the account by email case-insensitively, with its hash; an unknown email gives null", async () => {
    const company = await createTestCompany("Anmeldung");
    const user = await createCompanyUser(company.id);
    const found = await findUserForSignIn(user.email.toUpperCase());
    expect(found).toEqual({
      id: user.id,
      companyId: company.id,
      email: user.email,
      name: user.name,
      passwordHash: user.passwordHash,
      role: "company_admin",
      locale: "de",
      isActive: true,
      sessionVersion: 1,
      companyActive: true,
    });
    expect(await findUserForSignIn(user.email.toLowerCase())).toMatchObject({ id: user.id });
    expect(await findUserForSignIn(`nobody-${tag()}@example.test`)).toBeNull();
    expect(await findUserForSignIn("' or 1=1 --")).toBeNull();
    expect(await findUserForSignIn("")).toBeNull();
  });

  it("reports a suspended company and a platform admin without company", async () => {
    const company = await createTestCompany("Gesperrt");
    const user = await createCompanyUser(company.id);
    await ownerQuery("update companies set status = 'suspended' where id = $1", [company.id]);
    expect(await findUserForSignIn(user.email)).toMatchObject({ id: user.id, companyActive: false });
    const admin = await createPlatformAdmin();
    expect(await findUserForSignIn(admin.email)).toMatchObject({
      id: admin.id,
      companyId: null,
      role: "platform_admin",
      passwordHash: admin.hash,
      companyActive: true,
    });
  });
});

describe("checkSessionUser", () => {
  it("re-reads the user by id without the hash; reflects deactivation; unknown id gives null", async () => {
    const company = await createTestCompany("Sitzung");
    const user = await createCompanyUser(company.id, { role: "viewer", locale: "en" });
    const sessionId = newId();
    await startUserSession({ id: sessionId, userId: user.id, ip: null, userAgent: null });
    const session = await checkSessionUser(user.id, sessionId);
    expect(session).toEqual({
      id: user.id,
      companyId: company.id,
      email: user.email,
      name: user.name,
      role: "viewer",
      locale: "en",
      isActive: true,
      sessionVersion: 1,
      companyActive: true,
      sessionLive: true,
    });
    expect(session).not.toHaveProperty("passwordHash");
    await withCompany(company.id, (tx) =>
      tx.update(users).set({ isActive: false, sessionVersion: 2 }).where(eq(users.id, user.id)),
    );
    expect(await checkSessionUser(user.id, sessionId)).toMatchObject({ isActive: false, sessionVersion: 2, sessionLive: false });
    expect(await checkSessionUser(newId(), sessionId)).toBeNull();
  });
});

describe("recordSignInAttempt", () => {
  it("stores attempts for the owner to read and stamps last_sign_in_at on success only", async () => {
    const company = await createTestCompany("Versuch");
    const user = await createCompanyUser(company.id);
    const emailHash = `hash-${tag()}`;
    const lastSignIn = async () =>
      (await ownerQuery<{ at: Date | string | null }>("select last_sign_in_at as at from users where id = $1", [user.id]))[0]
        ?.at ?? null;

    await recordSignInAttempt({ emailHash, ip: "203.0.113.7", userId: user.id, succeeded: false });
    expect(await lastSignIn()).toBeNull();
    await recordSignInAttempt({ emailHash, ip: null, userId: null, succeeded: false });
    const before = Date.now();
    await recordSignInAttempt({ emailHash, ip: "2001:db8::1", userId: user.id, succeeded: true });

    const attempts = await ownerQuery<{ ip: string | null; user_id: string | null; succeeded: boolean }>(
      "select host(ip) as ip, user_id, succeeded from sign_in_attempts where email_hash = $1 order by created_at, succeeded",
      [emailHash],
    );
    expect(attempts).toHaveLength(3);
    expect(attempts).toEqual(
      expect.arrayContaining([
        { ip: "203.0.113.7", user_id: user.id, succeeded: false },
        { ip: null, user_id: null, succeeded: false },
        { ip: "2001:db8::1", user_id: user.id, succeeded: true },
      ]),
    );
    const at = await lastSignIn();
    expect(at).not.toBeNull();
    expect(new Date(at!).getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });
});

describe("listCompaniesForPlatformAdmin", () => {
  it("lists every live company for an active platform admin", async () => {
    const a = await createTestCompany("Liste A");
    const b = await createTestCompany("Liste B");
    const gone = await createTestCompany("Liste gelöscht");
    await ownerQuery("update companies set deleted_at = now(), parent_company_id = null where id = $1", [gone.id]);
    await ownerQuery("update companies set parent_company_id = $1 where id = $2", [a.id, b.id]);
    const admin = await createPlatformAdmin();
    const list = await listCompaniesForPlatformAdmin(admin.id);
    const ids = list.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(gone.id);
    expect(list.find((c) => c.id === b.id)).toMatchObject({ status: "active", parentCompanyId: a.id });
    expect(list.find((c) => c.id === a.id)).toMatchObject({ parentCompanyId: null });
    // Ordered by name, then id (in the database's collation).
    const [order] = await ownerQuery<{ ids: string[] }>(
      "select array(select id::text from companies where id = any($1::uuid[]) order by name, id) as ids",
      [ids],
    );
    expect(ids).toEqual(order?.ids);
  });

  it("is refused (42501) to a company admin, an inactive platform admin and an unknown id", async () => {
    const company = await createTestCompany("Kein Admin");
    const companyAdmin = await createCompanyUser(company.id);
    await expectInsufficientPrivilege(listCompaniesForPlatformAdmin(companyAdmin.id));
    const inactive = await createPlatformAdmin();
    await ownerQuery("update users set is_active = false where id = $1", [inactive.id]);
    await expectInsufficientPrivilege(listCompaniesForPlatformAdmin(inactive.id));
    await expectInsufficientPrivilege(listCompaniesForPlatformAdmin(newId()));
  });
});

describe("resolvePhoneNumber", () => {
  async function numberWorld() {
    const company = await createTestCompany("Telefon");
    const branchId = newId();
    const agentId = newId();
    const retellAgentId = `agent_${tag()}`;
    const e164 = testPhoneNumber();
    await withCompany(company.id, async (tx) => {
      await tx
        .insert(branches)
        .values({ id: branchId, companyId: company.id, name: "Filiale Mitte", timeZone: "Europe/Vienna", locale: "en" });
      await tx.insert(retellAgents).values({ id: agentId, companyId: company.id, retellAgentId, name: "Empfang" });
      await tx.insert(phoneNumbers).values({ id: newId(), companyId: company.id, branchId, retellAgentId: agentId, e164 });
    });
    return { company, branchId, agentId, retellAgentId, e164 };
  }

  it("resolves number → branch → company → agent", async () => {
    const w = await numberWorld();
    expect(await resolvePhoneNumber(w.e164)).toEqual({
      phoneNumberId: expect.any(String),
      companyId: w.company.id,
      companyActive: true,
      branchId: w.branchId,
      branchName: "Filiale Mitte",
      timeZone: "Europe/Vienna",
      locale: "en",
      agentId: w.agentId,
      retellAgentId: w.retellAgentId,
    });
  });

  it("gives null for an inactive or unknown number, no agent for an inactive agent", async () => {
    const w = await numberWorld();
    await withCompany(w.company.id, (tx) =>
      tx.update(retellAgents).set({ isActive: false }).where(eq(retellAgents.id, w.agentId)),
    );
    expect(await resolvePhoneNumber(w.e164)).toMatchObject({ companyId: w.company.id, agentId: null, retellAgentId: null });
    await withCompany(w.company.id, (tx) => tx.update(phoneNumbers).set({ isActive: false }).where(eq(phoneNumbers.e164, w.e164)));
    expect(await resolvePhoneNumber(w.e164)).toBeNull();
    expect(await resolvePhoneNumber(testPhoneNumber())).toBeNull();
    expect(await resolvePhoneNumber("not a number")).toBeNull();
  });

  it("gives null when the branch is deleted, and reports an archived company", async () => {
    const w = await numberWorld();
    await ownerQuery("update companies set status = 'archived' where id = $1", [w.company.id]);
    expect(await resolvePhoneNumber(w.e164)).toMatchObject({ companyId: w.company.id, companyActive: false });
    await withCompany(w.company.id, (tx) => tx.update(branches).set({ deletedAt: new Date() }).where(eq(branches.id, w.branchId)));
    expect(await resolvePhoneNumber(w.e164)).toBeNull();
  });
});

describe("createPasswordReset and purgeExpiredAuthRecords", () => {
  it("stores a reset token; the purge removes long-expired and used tokens and old attempts only", async () => {
    const company = await createTestCompany("Reset");
    const user = await createCompanyUser(company.id);
    const now = new Date();
    const hour = 3_600_000;
    const ids = {
      valid: await createPasswordReset({ userId: user.id, tokenHash: `t-${tag()}`, expiresAt: new Date(now.getTime() + hour) }),
      // Expired within the last day: kept a little longer (a late click still gets a clear message).
      recentlyExpired: await createPasswordReset({
        userId: user.id,
        tokenHash: `t-${tag()}`,
        expiresAt: new Date(now.getTime() - hour),
      }),
      expired: await createPasswordReset({ userId: user.id, tokenHash: `t-${tag()}`, expiresAt: new Date(now.getTime() - 48 * hour) }),
      used: await createPasswordReset({ userId: user.id, tokenHash: `t-${tag()}`, expiresAt: new Date(now.getTime() + hour) }),
    };
    const stored = await ownerQuery<{ id: string; user_id: string }>(
      "select id, user_id from password_resets where id = any($1::uuid[])",
      [Object.values(ids)],
    );
    expect(stored).toHaveLength(4);
    expect(new Set(stored.map((r) => r.user_id))).toEqual(new Set([user.id]));
    await ownerQuery("update password_resets set used_at = now() - interval '2 days' where id = $1", [ids.used]);

    // Sign-in attempts: one past the retention, one fresh (the owner may backdate; the app cannot).
    const emailHash = `purge-${tag()}`;
    const oldAttempt = newId();
    const freshAttempt = newId();
    await ownerQuery(
      `insert into sign_in_attempts (id, email_hash, succeeded, created_at)
       values ($1, $3, false, now() - interval '40 days'), ($2, $3, false, now())`,
      [oldAttempt, freshAttempt, emailHash],
    );

    const purged = await purgeExpiredAuthRecords(now, 30);
    expect(purged.passwordResets).toBeGreaterThanOrEqual(2);
    expect(purged.signInAttempts).toBeGreaterThanOrEqual(1);
    const resetsLeft = await ownerQuery<{ id: string }>("select id from password_resets where id = any($1::uuid[])", [
      Object.values(ids),
    ]);
    expect(new Set(resetsLeft.map((r) => r.id))).toEqual(new Set([ids.valid, ids.recentlyExpired]));
    const attemptsLeft = await ownerQuery<{ id: string }>("select id from sign_in_attempts where email_hash = $1", [emailHash]);
    expect(attemptsLeft.map((r) => r.id)).toEqual([freshAttempt]);
  });

  it("refuses a reset for an unknown user (foreign key)", async () => {
    await expect(
      createPasswordReset({ userId: newId(), tokenHash: `t-${tag()}`, expiresAt: new Date(Date.now() + 60_000) }),
    ).rejects.toThrow();
  });
});

describe("how the platform functions are declared", () => {
  type FunctionRow = {
    signature: string;
    definer: boolean;
    config: string | null;
    owner: string;
    publicExecute: boolean;
    appExecute: boolean;
  };

  async function platformFunctions() {
    return ownerQuery<FunctionRow>(
      `select p.oid::regprocedure::text as signature, p.prosecdef as definer,
              array_to_string(p.proconfig, ';') as config, pg_get_userbyid(p.proowner)::text as owner,
              exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl
                       where acl.grantee = 0 and acl.privilege_type = 'EXECUTE') as "publicExecute",
              has_function_privilege($1, p.oid, 'EXECUTE') as "appExecute"
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname like 'app\\_%'
        order by 1`,
      [APP_ROLE],
    );
  }

  it("every app_* function but the tenancy helpers is SECURITY DEFINER, pinned, owned by askpro_platform, not PUBLIC", async () => {
    const all = await platformFunctions();
    const named = all.filter((f) => !/^app_(current_company_id|enable_tenant_rls|enable_audit|own_platform_function)\(/.test(f.signature));
    // Every wrapper in db/platform.ts has its function (and a few more may come).
    for (const name of [
      "app_auth_find_user",
      "app_record_sign_in_attempt",
      "app_platform_list_companies",
      "app_resolve_phone_number",
      "app_create_password_reset",
      "app_purge_expired_auth_records",
      "app_create_platform_admin",
      "app_user_session_start",
      "app_auth_session_check",
      "app_user_sessions_list",
      "app_user_session_revoke",
      "app_user_sessions_revoke_others",
      "app_user_session_sign_out",
      "app_webhook_event_insert",
      "app_webhook_event_claim",
      "app_webhook_event_finish",
      "app_webhook_events_due",
      "app_webhook_events_ensure_partitions",
      "app_webhook_events_purge",
      "app_platform_list_webhook_events",
      "app_platform_get_webhook_event",
      "app_platform_replay_webhook_event",
      "app_callback_requests_sweep",
      "app_voice_purge_expired",
      "app_uuid_v7_time",
    ]) {
      expect(named.map((f) => f.signature.split("(")[0])).toContain(name);
    }
    const problems = named.flatMap((f) => [
      ...(f.definer ? [] : [`${f.signature} is not SECURITY DEFINER`]),
      ...(/(^|;)search_path=/.test(f.config ?? "") ? [] : [`${f.signature} has no fixed search_path`]),
      ...(/search_path=.*\$user/.test(f.config ?? "") ? [`${f.signature}: search_path names $user`] : []),
      ...(f.owner === "askpro_platform" ? [] : [`${f.signature} is owned by ${f.owner}`]),
      ...(f.publicExecute ? [`PUBLIC may execute ${f.signature}`] : []),
    ]);
    expect(problems).toEqual([]);
    // The helpers: app_current_company_id is for the policies; app_enable_tenant_rls and
    // app_enable_audit run as the migrating role (they alter tables askpro_platform does not own).
    const helpers = all.filter((f) => /^app_(current_company_id|enable_tenant_rls|enable_audit|own_platform_function)\(/.test(f.signature));
    expect(helpers.map((f) => f.definer)).toEqual([false, false, false, false]);
    expect(helpers.find((f) => f.signature.startsWith("app_enable_tenant_rls"))?.publicExecute).toBe(false);
    expect(helpers.find((f) => f.signature.startsWith("app_enable_audit"))?.publicExecute).toBe(false);
    expect(helpers.find((f) => f.signature.startsWith("app_own_platform_function"))?.publicExecute).toBe(false);
  });

  it("the runtime role executes exactly the wrapped functions: not the admin bootstrap, not the RLS helper", async () => {
    const all = await platformFunctions();
    const executable = all.filter((f) => f.appExecute).map((f) => f.signature.split("(")[0]);
    expect(executable).not.toContain("app_create_platform_admin");
    expect(executable).not.toContain("app_enable_tenant_rls");
    expect(executable).toContain("app_resolve_phone_number");

    const handle = await runtimeDatabase();
    await expectInsufficientPrivilege(
      asRuntime(handle, (db) =>
        db.execute(sql`select app_create_platform_admin(${newId()}::uuid, ${`evil-${tag()}@example.test`}, 'x', 'x')`),
      ),
    );
    await expectInsufficientPrivilege(asRuntime(handle, (db) => db.execute(sql`select app_enable_tenant_rls('customers')`)));
    const company = await createTestCompany("Bootstrap");
    await expectInsufficientPrivilege(
      withCompany(company.id, (tx) =>
        tx.execute(sql`select app_create_platform_admin(${newId()}::uuid, ${`evil-${tag()}@example.test`}, 'x', 'x')`),
      ),
    );
  });

  it("PUBLIC cannot create objects in schema public (the functions' search_path)", async () => {
    const [row] = await ownerQuery<{ create: boolean }>(
      `select exists (select 1 from pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) acl
                       where n.nspname = 'public' and acl.grantee = 0 and acl.privilege_type = 'CREATE') as create`,
    );
    expect(row?.create).toBe(false);
  });
});

describe("resolvePhoneNumber: the edges the voice agent meets", () => {
  async function numberOf(options: { withAgent: boolean }) {
    const company = await createTestCompany("Rufnummer");
    const e164 = testPhoneNumber();
    await withCompany(company.id, async (tx) => {
      let agentId: string | null = null;
      if (options.withAgent) {
        agentId = newId();
        await tx.insert(retellAgents).values({ id: agentId, companyId: company.id, retellAgentId: `agent_${tag()}`, name: "Empfang" });
      }
      await tx.insert(phoneNumbers).values({ id: newId(), companyId: company.id, branchId: company.branchId, retellAgentId: agentId, e164 });
    });
    return { company, e164 };
  }

  it("resolves a number without agent to its branch, with no agent", async () => {
    const w = await numberOf({ withAgent: false });
    expect(await resolvePhoneNumber(w.e164)).toMatchObject({
      companyId: w.company.id,
      companyActive: true,
      branchId: w.company.branchId,
      agentId: null,
      retellAgentId: null,
    });
  });

  it("reports a suspended company as inactive; an inactive number is unknown", async () => {
    const w = await numberOf({ withAgent: true });
    await ownerQuery("update companies set status = 'suspended' where id = $1", [w.company.id]);
    expect(await resolvePhoneNumber(w.e164)).toMatchObject({ companyId: w.company.id, companyActive: false });
    await withCompany(w.company.id, (tx) => tx.update(phoneNumbers).set({ isActive: false }).where(eq(phoneNumbers.e164, w.e164)));
    expect(await resolvePhoneNumber(w.e164)).toBeNull();
  });
});

describe("company functions for platform admins (0022)", () => {
  const fields = (overrides: Record<string, unknown> = {}) => ({
    name: `Plattform-Firma ${tag()}`,
    slug: `pf-${tag()}`,
    status: "trial" as const,
    plan: "starter",
    locale: "de" as const,
    timeZone: "Europe/Berlin",
    currency: "EUR",
    contactEmail: null,
    contactPhone: null,
    ...overrides,
  });

  async function createAs(userId: string, overrides: Record<string, unknown> = {}) {
    const company = { ...fields(overrides), id: newId(), branchId: newId(), branchName: "Erste Filiale" };
    await createCompanyAsPlatformAdmin(userId, company, "req-1");
    return company;
  }

  it("create: the company and its first branch, audited with the admin as actor; 23505 for a taken slug, 23514 for a bad one", async () => {
    const admin = await createPlatformAdmin();
    const company = await createAs(admin.id);
    expect(await getCompanyForPlatformAdmin(admin.id, company.id)).toMatchObject({
      id: company.id,
      slug: company.slug,
      status: "trial",
      branchCount: 1,
      deletedAt: null,
    });
    const audit = await ownerQuery<{ table_name: string; actor_user_id: string; request_id: string }>(
      "select table_name, actor_user_id, request_id from audit_log where company_id = $1 order by seq",
      [company.id],
    );
    expect(audit).toEqual([
      { table_name: "companies", actor_user_id: admin.id, request_id: "req-1" },
      { table_name: "branches", actor_user_id: admin.id, request_id: "req-1" },
    ]);
    expect(sqlStateOf(await rejectionOf(createAs(admin.id, { slug: company.slug })))).toBe("23505");
    expect(sqlStateOf(await rejectionOf(createAs(admin.id, { slug: "Nicht OK" })))).toBe("23514");
    expect(sqlStateOf(await rejectionOf(createAs(admin.id, { status: "archived" })))).toBe("23514");
  });

  it("search: name/slug, status, archived on request, total on every row", async () => {
    const admin = await createPlatformAdmin();
    const word = `suche${tag()}`;
    const a = await createAs(admin.id, { name: `A ${word}`, status: "active" });
    const b = await createAs(admin.id, { name: `B ${word}`, status: "suspended" });
    const query = { q: word, statuses: [], includeArchived: false, sort: "name.asc" as const, limit: 50, offset: 0 };
    expect((await searchCompaniesForPlatformAdmin(admin.id, query)).rows.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(await searchCompaniesForPlatformAdmin(admin.id, { ...query, statuses: ["suspended"] })).toMatchObject({ total: 1, rows: [{ id: b.id }] });
    expect(await searchCompaniesForPlatformAdmin(admin.id, { ...query, limit: 1, offset: 1 })).toMatchObject({ total: 2, rows: [{ id: b.id }] });
    expect(await setCompanyArchivedAsPlatformAdmin(admin.id, a.id, true, null)).toBe("archived");
    expect((await searchCompaniesForPlatformAdmin(admin.id, query)).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await searchCompaniesForPlatformAdmin(admin.id, { ...query, includeArchived: true })).rows.map((r) => r.id)).toEqual([a.id, b.id]);
    // The switcher leaves archived companies out too.
    expect((await listCompaniesForPlatformAdmin(admin.id)).map((c) => c.id)).not.toContain(a.id);
  });

  it("update and archive/restore: only live companies are edited; restore brings the old status back", async () => {
    const admin = await createPlatformAdmin();
    const company = await createAs(admin.id, { status: "suspended" });
    expect(await updateCompanyAsPlatformAdmin(admin.id, company.id, fields({ name: "Neu", slug: company.slug, status: "suspended" }), null)).toBe(true);
    expect(await setCompanyArchivedAsPlatformAdmin(admin.id, company.id, true, null)).toBe("archived");
    expect(await setCompanyArchivedAsPlatformAdmin(admin.id, company.id, true, null)).toBeNull();
    expect(await updateCompanyAsPlatformAdmin(admin.id, company.id, fields(), null)).toBe(false);
    expect(await setCompanyArchivedAsPlatformAdmin(admin.id, company.id, false, null)).toBe("suspended");
    expect(await getCompanyForPlatformAdmin(admin.id, company.id)).toMatchObject({ name: "Neu", status: "suspended", deletedAt: null });
    expect(await updateCompanyAsPlatformAdmin(admin.id, newId(), fields(), null)).toBe(false);
    expect(await getCompanyForPlatformAdmin(admin.id, newId())).toBeNull();
  });

  it("every one is refused (42501) to a company admin, an inactive platform admin and an unknown id", async () => {
    const company = await createTestCompany("Kein Plattform-Admin");
    const companyAdmin = await createCompanyUser(company.id);
    const inactive = await createPlatformAdmin();
    await ownerQuery("update users set is_active = false where id = $1", [inactive.id]);
    const query = { q: "", statuses: [], includeArchived: true, sort: "name.asc" as const, limit: 10, offset: 0 };
    for (const userId of [companyAdmin.id, inactive.id, newId()]) {
      await expectInsufficientPrivilege(searchCompaniesForPlatformAdmin(userId, query));
      await expectInsufficientPrivilege(getCompanyForPlatformAdmin(userId, company.id));
      await expectInsufficientPrivilege(createAs(userId));
      await expectInsufficientPrivilege(updateCompanyAsPlatformAdmin(userId, company.id, fields(), null));
      await expectInsufficientPrivilege(setCompanyArchivedAsPlatformAdmin(userId, company.id, true, null));
    }
    const [row] = await ownerQuery<{ status: string; deleted_at: Date | null }>("select status, deleted_at from companies where id = $1", [company.id]);
    expect(row).toEqual({ status: "active", deleted_at: null });
  });
});

// --- the webhook inbox and the voice-agent sweeps (drizzle/0024) --------------------------------

const retellEvent = (overrides: Partial<Parameters<typeof insertWebhookEvent>[0]> = {}) => ({
  provider: "retell" as const,
  eventType: "call_ended",
  providerEventId: `call_ended:call_${tag()}`,
  payload: { event: "call_ended", call: { call_id: "call_x", duration_ms: 61_000 } },
  ...overrides,
});

async function inboxRow(id: string) {
  const [row] = await ownerQuery<{
    status: string;
    attempts: number;
    last_error: string | null;
    company_id: string | null;
    received_at: Date | string;
    processed_at: Date | string | null;
    next_attempt_at: Date | string | null;
  }>("select status, attempts, last_error, company_id, received_at, processed_at, next_attempt_at from webhook_events where id = $1", [id]);
  return row;
}

describe("insertWebhookEvent", () => {
  it("stores a pending event whose received_at is its UUIDv7's time, due for the redrive after the grace period", async () => {
    const id = newId();
    const payloadText = '{"event":"call_ended","call":{"call_id":"call_raw"}}';
    expect(await insertWebhookEvent(retellEvent({ id, payload: undefined, payloadText }))).toEqual({ id, duplicate: false, status: "pending" });
    const row = await inboxRow(id);
    const idTime = parseInt(id.replace(/-/g, "").slice(0, 12), 16);
    expect(new Date(row!.received_at).getTime()).toBe(idTime);
    expect(new Date(row!.next_attempt_at!).getTime()).toBe(idTime + 120_000);
    expect(row).toMatchObject({ status: "pending", attempts: 0, company_id: null });
    const [stored] = await ownerQuery<{ payload: unknown }>("select payload from webhook_events where id = $1", [id]);
    expect(stored?.payload).toEqual({ event: "call_ended", call: { call_id: "call_raw" } });
  });

  it("a second delivery of the same (provider, provider event id) is a no-op naming the first; another provider is not a duplicate", async () => {
    const event = retellEvent();
    const first = await insertWebhookEvent(event);
    const again = await insertWebhookEvent({ ...event, payload: { changed: true } });
    expect(again).toEqual({ id: first.id, duplicate: true, status: "pending" });
    const other = await insertWebhookEvent({ ...event, provider: "calcom" });
    expect(other.duplicate).toBe(false);
    const rows = await ownerQuery<{ n: number }>("select count(*)::int as n from webhook_events where provider_event_id = $1", [event.providerEventId]);
    expect(rows[0]?.n).toBe(2);
    const [payload] = await ownerQuery<{ payload: unknown }>("select payload from webhook_events where id = $1", [first.id]);
    expect(payload?.payload).toEqual(event.payload);
  });

  it("three concurrent deliveries store one event", async () => {
    const event = retellEvent();
    const results = await Promise.all([1, 2, 3].map(() => insertWebhookEvent(event)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const rows = await ownerQuery<{ n: number }>("select count(*)::int as n from webhook_events where provider_event_id = $1", [event.providerEventId]);
    expect(rows[0]?.n).toBe(1);
  });

  it("refuses an id that is not a UUIDv7 (22023), storing nothing", async () => {
    const event = retellEvent({ id: "3f6c2a1e-9b7d-4c1a-8e2f-0123456789ab" });
    const error = await rejectionOf(insertWebhookEvent(event));
    expect(sqlStateOf(error), messagesOf(error)).toBe("22023");
    expect(await ownerQuery("select 1 from webhook_event_keys where provider_event_id = $1", [event.providerEventId])).toEqual([]);
  });
});

describe("insertWebhookEvents (the batch the webhook route coalesces deliveries into)", () => {
  it("stores each like insertWebhookEvent, in order: a repeat within the batch and an earlier delivery are duplicates", async () => {
    const earlier = retellEvent();
    const first = await insertWebhookEvent(earlier);
    const fresh = retellEvent({ id: newId(), payload: undefined, payloadText: '{"event":"call_ended","n":1.50}' });
    const other = retellEvent({ id: newId(), companyId: null, redriveAfterSeconds: 30 });
    const results = await insertWebhookEvents([fresh, { ...earlier, id: newId() }, other, { ...fresh, id: newId() }]);
    expect(results).toEqual([
      { id: fresh.id, duplicate: false, status: "pending" },
      { id: first.id, duplicate: true, status: "pending" },
      { id: other.id, duplicate: false, status: "pending" },
      { id: fresh.id, duplicate: true, status: "pending" },
    ]);
    const [stored] = await ownerQuery<{ payload: unknown }>("select payload from webhook_events where id = $1", [fresh.id]);
    expect(stored?.payload).toEqual({ event: "call_ended", n: 1.5 });
    const row = await inboxRow(other.id!);
    expect(new Date(row!.next_attempt_at!).getTime() - new Date(row!.received_at).getTime()).toBe(30_000);
    expect(await insertWebhookEvents([])).toEqual([]);
  });

  it("one row the database refuses fails the whole statement, storing nothing of the batch", async () => {
    const good = retellEvent({ id: newId() });
    const bad = retellEvent({ id: newId(), payload: undefined, payloadText: '{"text":"nul \\u0000 inside"}' });
    const error = await rejectionOf(insertWebhookEvents([good, bad]));
    expect(sqlStateOf(error), messagesOf(error)).toBe("22P05");
    expect(await ownerQuery("select 1 from webhook_event_keys where provider_event_id = $1", [good.providerEventId])).toEqual([]);
  });
});

describe("claimWebhookEvent / finishWebhookEvent", () => {
  it("claims once: processing, attempts + 1, with the payload; finished events are not claimed again", async () => {
    const event = retellEvent();
    const { id } = await insertWebhookEvent(event);
    const claimed = await claimWebhookEvent(id);
    expect(claimed).toMatchObject({ id, provider: "retell", eventType: "call_ended", providerEventId: event.providerEventId, attempts: 1 });
    expect(claimed?.payload).toEqual(event.payload);
    expect(claimed?.receivedAt).toBeInstanceOf(Date);
    expect(await claimWebhookEvent(id)).toBeNull();
    const company = await createTestCompany("Inbox");
    expect(await finishWebhookEvent(id, { status: "processed", companyId: company.id })).toBe(true);
    expect(await inboxRow(id)).toMatchObject({ status: "processed", attempts: 1, company_id: company.id, next_attempt_at: null });
    expect((await inboxRow(id))?.processed_at).not.toBeNull();
    expect(await claimWebhookEvent(id)).toBeNull();
    expect(await finishWebhookEvent(id, { status: "failed", error: "late" })).toBe(false);
    // The company now reads its own event under RLS; another company does not.
    expect(await withCompany(company.id, (tx) => tx.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, id)))).toEqual([{ id }]);
    const other = await createTestCompany("Fremd");
    expect(await withCompany(other.id, (tx) => tx.select().from(webhookEvents).where(eq(webhookEvents.id, id)))).toEqual([]);
  });

  it("two concurrent claims: exactly one winner", async () => {
    for (let round = 0; round < 3; round++) {
      const { id } = await insertWebhookEvent(retellEvent());
      const results = await Promise.all([claimWebhookEvent(id), claimWebhookEvent(id)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await inboxRow(id))?.attempts).toBe(1);
    }
  });

  it("a failure is retried with backoff and claimed again; a lapsed lease frees a stuck event; unknown ids give null/false", async () => {
    const { id } = await insertWebhookEvent(retellEvent());
    await claimWebhookEvent(id);
    const before = Date.now();
    expect(await finishWebhookEvent(id, { status: "failed", error: "x".repeat(3000) })).toBe(true);
    const failed = await inboxRow(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, processed_at: null });
    expect(failed?.last_error).toHaveLength(2000);
    const due = new Date(failed!.next_attempt_at!).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 59_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 61_000);
    expect((await claimWebhookEvent(id))?.attempts).toBe(2);
    // A worker that died: with a zero lease the event is free again at once.
    const stuck = await insertWebhookEvent(retellEvent());
    expect(await claimWebhookEvent(stuck.id, { leaseSeconds: 0 })).not.toBeNull();
    expect((await claimWebhookEvent(stuck.id))?.attempts).toBe(2);
    expect(await claimWebhookEvent(newId())).toBeNull();
    expect(await finishWebhookEvent(newId(), { status: "processed" })).toBe(false);
    const bad = await rejectionOf(finishWebhookEvent(id, { status: "pending" as never }));
    expect(sqlStateOf(bad)).toBe("22023");
  });

  it("gives up after 8 attempts: no next attempt, not claimable, until replayed", async () => {
    const { id } = await insertWebhookEvent(retellEvent());
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect((await claimWebhookEvent(id))?.attempts).toBe(attempt);
      await finishWebhookEvent(id, { status: "failed", error: `attempt ${attempt}` });
    }
    expect(await inboxRow(id)).toMatchObject({ status: "failed", attempts: 8, next_attempt_at: null, last_error: "attempt 8" });
    expect(await claimWebhookEvent(id)).toBeNull();
    const admin = await createPlatformAdmin();
    expect(await replayWebhookEventAsPlatformAdmin(admin.id, id)).toBe(true);
    expect((await claimWebhookEvent(id))?.attempts).toBe(9);
  });
});

describe("listDueWebhookEvents", () => {
  it("lists pending events past their grace, failed ones past their backoff and lapsed leases; not finished or fresh ones", async () => {
    const due = await insertWebhookEvent(retellEvent({ redriveAfterSeconds: 0 }));
    const fresh = await insertWebhookEvent(retellEvent());
    const done = await insertWebhookEvent(retellEvent({ redriveAfterSeconds: 0 }));
    await claimWebhookEvent(done.id);
    await finishWebhookEvent(done.id, { status: "ignored", error: "unknown event type" });
    const failed = await insertWebhookEvent(retellEvent({ redriveAfterSeconds: 0 }));
    await claimWebhookEvent(failed.id);
    await finishWebhookEvent(failed.id, { status: "failed", error: "boom" });
    const mine = new Set([due.id, fresh.id, done.id, failed.id]);
    const idsAt = async (now: Date) => (await listDueWebhookEvents(1000, now)).filter((e) => mine.has(e.id)).map((e) => e.id);
    expect(await idsAt(new Date(Date.now() + 1_000))).toEqual([due.id]);
    const later = await idsAt(new Date(Date.now() + 10 * 60_000));
    expect(later.sort()).toEqual([due.id, fresh.id, failed.id].sort());
    const [row] = (await listDueWebhookEvents(1000, new Date(Date.now() + 1_000))).filter((e) => e.id === due.id);
    expect(row).toMatchObject({ provider: "retell", eventType: "call_ended", status: "pending", attempts: 0 });
  });
});

describe("webhook inbox for platform admins", () => {
  it("lists newest first with filters and a keyset cursor, shows one with its payload, replays finished ones", async () => {
    const admin = await createPlatformAdmin();
    const company = await createTestCompany("Admin-Inbox");
    const type = `call_test_${tag()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await insertWebhookEvent(retellEvent({ eventType: type, companyId: i < 3 ? company.id : null }));
      ids.push(id);
      await new Promise((r) => setTimeout(r, 2));
    }
    await insertWebhookEvent(retellEvent({ provider: "stripe", eventType: type }));

    const first = await listWebhookEventsForPlatformAdmin(admin.id, { provider: "retell", eventType: type }, { limit: 2 });
    expect(first.rows.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    expect(first.nextCursor).toEqual({ at: first.rows[1]!.receivedAt.toISOString(), id: ids[3] });
    const second = await listWebhookEventsForPlatformAdmin(admin.id, { provider: "retell", eventType: type }, { cursor: first.nextCursor, limit: 2 });
    expect(second.rows.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const third = await listWebhookEventsForPlatformAdmin(admin.id, { provider: "retell", eventType: type }, { cursor: second.nextCursor, limit: 2 });
    expect(third.rows.map((r) => r.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();

    const ofCompany = await listWebhookEventsForPlatformAdmin(admin.id, { companyId: company.id });
    expect(ofCompany.rows.map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(ofCompany.rows[0]).toMatchObject({ companyName: expect.stringContaining("Admin-Inbox"), status: "pending", attempts: 0 });
    expect((await listWebhookEventsForPlatformAdmin(admin.id, { eventType: type, provider: "stripe" })).rows).toHaveLength(1);
    await claimWebhookEvent(ids[0]!);
    await finishWebhookEvent(ids[0]!, { status: "failed", error: "boom" });
    expect((await listWebhookEventsForPlatformAdmin(admin.id, { eventType: type, status: "failed" })).rows.map((r) => r.id)).toEqual([ids[0]]);
    const window = await listWebhookEventsForPlatformAdmin(admin.id, {
      eventType: type,
      from: new Date(Date.now() + 60_000),
    });
    expect(window.rows).toEqual([]);

    const one = await getWebhookEventForPlatformAdmin(admin.id, ids[0]!);
    expect(one).toMatchObject({ id: ids[0], status: "failed", lastError: "boom", attempts: 1 });
    expect(one?.payload).toEqual({ event: "call_ended", call: { call_id: "call_x", duration_ms: 61_000 } });
    expect(await getWebhookEventForPlatformAdmin(admin.id, newId())).toBeNull();

    // Replay: back to pending and due now; an event being processed is left alone.
    expect(await replayWebhookEventAsPlatformAdmin(admin.id, ids[0]!)).toBe(true);
    expect(await inboxRow(ids[0]!)).toMatchObject({ status: "pending", attempts: 1, last_error: "boom", processed_at: null });
    await claimWebhookEvent(ids[1]!);
    expect(await replayWebhookEventAsPlatformAdmin(admin.id, ids[1]!)).toBe(false);
    expect(await replayWebhookEventAsPlatformAdmin(admin.id, newId())).toBe(false);
  });

  it("every one is refused (42501) to a company admin, an inactive platform admin and an unknown id", async () => {
    const company = await createTestCompany("Kein Admin");
    const companyAdmin = await createCompanyUser(company.id);
    const inactive = await createPlatformAdmin();
    await (await ownerHandle()).sql.query("update users set is_active = false where id = $1", [inactive.id]);
    const { id } = await insertWebhookEvent(retellEvent());
    for (const userId of [companyAdmin.id, inactive.id, newId()]) {
      await expectInsufficientPrivilege(listWebhookEventsForPlatformAdmin(userId, {}));
      await expectInsufficientPrivilege(getWebhookEventForPlatformAdmin(userId, id));
      await expectInsufficientPrivilege(replayWebhookEventAsPlatformAdmin(userId, id));
    }
    expect((await inboxRow(id))?.status).toBe("pending");
  });
});

describe("inbox partitions and retention", () => {
  it("creates missing months once; an event of a month without partition gets one; purge drops old months and old keys", async () => {
    expect(await ensureWebhookEventPartitions(new Date("2019-11-15T12:00:00Z"), 2)).toBe(2);
    expect(await ensureWebhookEventPartitions(new Date("2019-11-01T00:00:00Z"), 2)).toBe(0);
    const old = retellEvent({ id: uuidv7({ msecs: Date.UTC(2019, 11, 31, 23, 59) }) });
    expect((await insertWebhookEvent(old)).duplicate).toBe(false);
    // Its month (2019-12) existed; one in 2020-01 makes its own partition on the spot.
    const january = retellEvent({ id: uuidv7({ msecs: Date.UTC(2020, 0, 10) }) });
    expect((await insertWebhookEvent(january)).duplicate).toBe(false);
    const partitions = async () =>
      (
        await ownerQuery<{ name: string }>(
          `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = 'public.webhook_events'::regclass order by 1`,
        )
      ).map((r) => r.name);
    expect(await partitions()).toEqual(expect.arrayContaining(["webhook_events_2019_11", "webhook_events_2019_12", "webhook_events_2020_01"]));

    const purged = await purgeWebhookEvents({ eventsBefore: new Date("2020-01-01T00:00:00Z"), keysBefore: new Date("2020-01-01T00:00:00Z") });
    expect(purged).toEqual({ partitionsDropped: 2, keysDeleted: 1 });
    const after = await partitions();
    expect(after).not.toContain("webhook_events_2019_12");
    expect(after).toContain("webhook_events_2020_01");
    expect(after).toContain(`webhook_events_${new Date().toISOString().slice(0, 7).replace("-", "_")}`);
    // Its key is gone with it: the same provider event id is new again; January's is still a duplicate.
    expect((await insertWebhookEvent({ ...old, id: newId() })).duplicate).toBe(false);
    expect(await insertWebhookEvent({ ...january, id: newId() })).toMatchObject({ duplicate: true, status: "pending" });
  });
});

describe("voice-agent sweeps", () => {
  it("listCallbackSweepItems: escalate what is overdue once, expire what is stale, skip finished work", async () => {
    const company = await createTestCompany("Rückruf");
    const now = Date.now();
    const hour = 3_600_000;
    const callback = (overrides: Partial<typeof callbackRequests.$inferInsert>) => {
      const phone = testPhoneNumber();
      return {
        id: newId(),
        companyId: company.id,
        branchId: company.branchId,
        phoneCiphertext: encryptField(phone, { companyId: company.id, column: "phone_ciphertext" }),
        phoneBlindIndex: blindIndex("phone", phone),
        dueAt: new Date(now - 2 * hour),
        ...overrides,
      };
    };
    const overdue = callback({});
    const escalated = callback({ escalatedAt: new Date(now - hour) });
    const stale = callback({ dueAt: new Date(now - 10 * 24 * hour), status: "contacted", contactedAt: new Date(now - 9 * 24 * hour) });
    const completed = callback({ status: "completed", completedAt: new Date(now - hour) });
    const future = callback({ dueAt: new Date(now + hour) });
    const deleted = callback({ deletedAt: new Date() });
    await withCompany(company.id, (tx) => tx.insert(callbackRequests).values([overdue, escalated, stale, completed, future, deleted]));
    const items = (await listCallbackSweepItems({ now: new Date(now), expireBefore: new Date(now - 7 * 24 * hour), limit: 1000 })).filter(
      (i) => i.companyId === company.id,
    );
    expect(items.map((i) => [i.id, i.action])).toEqual([
      [stale.id, "expire"],
      [overdue.id, "escalate"],
    ]);
    expect(items[1]).toMatchObject({ branchId: company.branchId, dueAt: overdue.dueAt });
  });

  it("purgeExpiredVoiceRecords: expired holds and old idempotency keys go, live ones stay", async () => {
    const company = await createTestCompany("Halten");
    const staffId = await withCompany(company.id, (tx) => insertStaff(tx, company.id, company.branchId));
    const hold = (expiresAt: Date, minute: number) => ({
      id: newId(),
      companyId: company.id,
      retellCallId: `call_${tag()}`,
      branchId: company.branchId,
      staffId,
      startsAt: new Date(Date.UTC(2031, 1, 3, 9, minute)),
      endsAt: new Date(Date.UTC(2031, 1, 3, 9, minute + 10)),
      expiresAt,
    });
    const expired = hold(new Date(Date.now() - 1_000), 0);
    const live = hold(new Date(Date.now() + 120_000), 20);
    const invocation = (createdAt: Date) => ({
      id: newId(),
      companyId: company.id,
      retellCallId: `call_${tag()}`,
      tool: "book_appointment",
      argsHash: "a".repeat(64),
      response: { ok: true },
      createdAt,
    });
    const oldKey = invocation(new Date(Date.now() - 3 * 86_400_000));
    const newKey = invocation(new Date());
    await withCompany(company.id, async (tx) => {
      await tx.insert(slotHolds).values([expired, live]);
      await tx.insert(toolInvocations).values([oldKey, newKey]);
    });
    const result = await purgeExpiredVoiceRecords({ now: new Date(), invocationsBefore: new Date(Date.now() - 86_400_000) });
    expect(result.slotHolds).toBeGreaterThanOrEqual(1);
    expect(result.toolInvocations).toBeGreaterThanOrEqual(1);
    const holds = await withCompany(company.id, (tx) => tx.select({ id: slotHolds.id }).from(slotHolds));
    expect(holds).toEqual([{ id: live.id }]);
    const keys = await withCompany(company.id, (tx) => tx.select({ id: toolInvocations.id }).from(toolInvocations));
    expect(keys).toEqual([{ id: newKey.id }]);
  });
});
