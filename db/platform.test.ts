import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { APP_ROLE, asRuntime, runtimeDatabase, withCompany } from "@/db";
import {
  checkSessionUser,
  createPasswordReset,
  findUserForSignIn,
  listCompaniesForPlatformAdmin,
  purgeExpiredAuthRecords,
  recordSignInAttempt,
  resolvePhoneNumber,
  startUserSession,
} from "@/db/platform";
import { branches, phoneNumbers, retellAgents, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import {
  createTestCompany,
  messagesOf,
  ownerHandle,
  rejectionOf,
  sqlStateOf,
} from "@/db/testing/fixtures";
import { testPhoneNumber } from "@/db/testing/rows";

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
