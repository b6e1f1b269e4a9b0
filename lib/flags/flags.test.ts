import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { asRuntime, runtimeDatabase, withCompany } from "@/db";
import { createFeatureFlagDefinition, updateFeatureFlagDefinition } from "@/db/platform";
import { featureFlagOverrides, featureFlags, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, messagesOf, ownerHandle, rejectionOf, sqlStateOf } from "@/db/testing/fixtures";
import { getDashboardSummary } from "@/lib/dashboard/queries";
import {
  cachedFlag,
  clearFlagCache,
  FLAG_CACHE_TTL_MS,
  flagCacheGeneration,
  flagLoadCount,
  invalidateFlagDefinition,
  invalidateFlagOverride,
  storeFlag,
} from "./cache";
import { createFlagDefinition, setFlagOverride, updateFlagDefinition } from "./change-flags";
import { decideFlag, rolloutBucket } from "./evaluate";
import { getFlagStates, isEnabled } from "./queries";
import type { FlagKey } from "./registry";

// Feature flags on the real database (in-memory PGlite per file, or the TEST_DATABASE_URL server
// shared by all test files: every flag and company here is made fresh, with unique keys).
// Test flags are not in the registry, hence the casts to FlagKey.

const tag = () => newId().slice(-12).replace(/-/g, "");
const as = (key: string) => key as FlagKey;

async function defineFlag(over: Partial<typeof featureFlags.$inferInsert> = {}) {
  const key = over.key ?? `test.flag_${tag()}`;
  const owner = await ownerHandle();
  await owner.db.insert(featureFlags).values({ key, description: "Test", defaultEnabled: false, rolloutPercentage: 0, ...over });
  return key;
}

async function ownerQuery<T>(text: string, params: unknown[] = []) {
  return (await ownerHandle()).sql.query<T>(text, params);
}

async function createUser(companyId: string | null, role: "company_admin" | "platform_admin") {
  const id = newId();
  if (role === "platform_admin") {
    await ownerQuery("select app_create_platform_admin($1::uuid, $2, $3, $4)", [id, `pa-${tag()}@example.test`, "Plattform", "$argon2id$x"]);
  } else {
    await withCompany(companyId!, (tx) =>
      tx.insert(users).values({ id, companyId, email: `ca-${tag()}@example.test`, name: "Admin", passwordHash: "$argon2id$x", role }),
    );
  }
  return id;
}

const definition = (key: string, over: Partial<{ description: string; defaultEnabled: boolean; rolloutPercentage: number }> = {}) => ({
  key,
  description: "Eine Testfunktion",
  defaultEnabled: false,
  rolloutPercentage: 0,
  ...over,
});

beforeAll(() => clearFlagCache());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("isEnabled", () => {
  it("answers by override, then global default, then the company's stable bucket", async () => {
    const a = await createTestCompany("FlagA");
    const defaultOn = await defineFlag({ defaultEnabled: true });
    const rolledOut = await defineFlag({ rolloutPercentage: 100 });
    const off = await defineFlag();
    expect(await isEnabled(as(defaultOn), a.id)).toBe(true);
    expect(await isEnabled(as(rolledOut), a.id)).toBe(true);
    expect(await isEnabled(as(off), a.id)).toBe(false);

    // Overrides win both ways.
    const actor = { userId: newId() };
    expect(await setFlagOverride(a.id, defaultOn, false, actor)).toEqual({ ok: true });
    expect(await setFlagOverride(a.id, rolledOut, false, actor)).toEqual({ ok: true });
    expect(await setFlagOverride(a.id, off, true, actor)).toEqual({ ok: true });
    expect(await isEnabled(as(defaultOn), a.id)).toBe(false);
    expect(await isEnabled(as(rolledOut), a.id)).toBe(false);
    expect(await isEnabled(as(off), a.id)).toBe(true);

    // Back to inherit: the global answer again.
    expect(await setFlagOverride(a.id, defaultOn, null, actor)).toEqual({ ok: true });
    expect(await setFlagOverride(a.id, off, null, actor)).toEqual({ ok: true });
    expect(await isEnabled(as(defaultOn), a.id)).toBe(true);
    expect(await isEnabled(as(off), a.id)).toBe(false);
  });

  it("gives a company the same answer over many calls and across cache clears, matching its bucket", async () => {
    const key = await defineFlag({ rolloutPercentage: 50 });
    const companies = Array.from({ length: 40 }, () => randomUUID());
    const first = new Map<string, boolean>();
    for (const id of companies) first.set(id, await isEnabled(as(key), id));
    for (let round = 0; round < 5; round++) {
      clearFlagCache();
      for (const id of companies) {
        const again = await isEnabled(as(key), id);
        expect(again).toBe(first.get(id));
        expect(again).toBe(rolloutBucket(key, id) < 50);
        expect(await isEnabled(as(key), id)).toBe(again);
      }
    }
    // 40 companies at 50 %: both answers occur (the chance of all alike is 2 × 2^-40).
    expect(new Set(first.values()).size).toBe(2);
  });

  it("only adds companies when the rollout goes from 20 % to 50 %, and spreads 2,000 companies about evenly", async () => {
    const admin = await createUser(null, "platform_admin");
    const key = `test.rollout_${tag()}`;
    expect(await createFlagDefinition(definition(key, { rolloutPercentage: 20 }), { userId: admin })).toEqual({ ok: true });
    // Company ids need no company row: the answer depends on the id alone.
    const companies = Array.from({ length: 2000 }, () => randomUUID());
    const enabledAt = async () => {
      const on = new Set<string>();
      for (const id of companies) if (await isEnabled(as(key), id)) on.add(id);
      return on;
    };
    const at20 = await enabledAt();
    expect(Math.abs((at20.size / companies.length) * 100 - 20)).toBeLessThanOrEqual(4);
    // The change invalidates every cached answer of the flag at once (no waiting for the TTL).
    expect(await updateFlagDefinition(definition(key, { rolloutPercentage: 50 }), { userId: admin })).toEqual({ ok: true });
    const at50 = await enabledAt();
    expect(Math.abs((at50.size / companies.length) * 100 - 50)).toBeLessThanOrEqual(4);
    const dropped = [...at20].filter((id) => !at50.has(id));
    expect(dropped).toEqual([]);
  }, 120_000);

  it("is off for a flag without a definition, and says so once per process", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const company = await createTestCompany("Unbekannt");
    const key = `test.missing_${tag()}`;
    expect(await isEnabled(as(key), company.id)).toBe(false);
    clearFlagCache();
    // clearFlagCache forgets the report too; within one cache life it is reported once.
    expect(await isEnabled(as(key), company.id)).toBe(false);
    expect(await isEnabled(as(key), randomUUID())).toBe(false);
    expect(await isEnabled(as(key), randomUUID())).toBe(false);
    const reports = warn.mock.calls.filter((c) => String(c[0]).includes(key));
    expect(reports).toHaveLength(2);
    // Defined later (in this process): found at once.
    const admin = await createUser(null, "platform_admin");
    expect(await createFlagDefinition(definition(key, { defaultEnabled: true }), { userId: admin })).toEqual({ ok: true });
    expect(await isEnabled(as(key), company.id)).toBe(true);
    expect(warn.mock.calls.filter((c) => String(c[0]).includes(key))).toHaveLength(2);
  });

  it("takes only flag keys the code knows (a type check)", () => {
    // @ts-expect-error "typo" is not in lib/flags/registry.ts: tsc --noEmit fails without this line's error.
    const typo = () => isEnabled("typo", randomUUID());
    expect(typeof typo).toBe("function");
  });

  it("rejects a malformed company id instead of reading anything", async () => {
    const key = await defineFlag({ defaultEnabled: true });
    await expect(isEnabled(as(key), "not-a-company")).rejects.toThrow(TypeError);
  });
});

describe("the cache", () => {
  it("is keyed by company: A's override never answers for B, even inside the TTL", async () => {
    const a = await createTestCompany("CacheA");
    const b = await createTestCompany("CacheB");
    const key = await defineFlag();
    await setFlagOverride(a.id, key, true, { userId: newId() });

    expect(await isEnabled(as(key), a.id)).toBe(true);
    const loads = flagLoadCount();
    expect(await isEnabled(as(key), a.id)).toBe(true);
    expect(flagLoadCount()).toBe(loads); // a hit
    expect(await isEnabled(as(key), b.id)).toBe(false);
    expect(flagLoadCount()).toBe(loads + 1); // B's own miss, not A's entry
    expect(await isEnabled(as(key), b.id)).toBe(false);
    expect(await isEnabled(as(key), a.id)).toBe(true);
    expect(flagLoadCount()).toBe(loads + 1);

    // The reverse: B's override off on a flag that is on by default leaves A on.
    const onKey = await defineFlag({ defaultEnabled: true });
    expect(await isEnabled(as(onKey), a.id)).toBe(true);
    await setFlagOverride(b.id, onKey, false, { userId: newId() });
    expect(await isEnabled(as(onKey), b.id)).toBe(false);
    expect(await isEnabled(as(onKey), a.id)).toBe(true);
  });

  it("serves a change made elsewhere only after the TTL; a change made here at once", async () => {
    const a = await createTestCompany("TTL");
    const b = await createTestCompany("TTL2");
    const key = await defineFlag();
    expect(await isEnabled(as(key), a.id)).toBe(false);
    expect(await isEnabled(as(key), b.id)).toBe(false);

    // Another process (here: the owner, bypassing this process's cache) switches A on.
    await withCompany(a.id, (tx) => tx.insert(featureFlagOverrides).values({ companyId: a.id, flagKey: key, enabled: true }));
    expect(await isEnabled(as(key), a.id)).toBe(false); // still the cached answer
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + FLAG_CACHE_TTL_MS + 1_000);
    expect(await isEnabled(as(key), a.id)).toBe(true);
    vi.useRealTimers();

    // Through setFlagOverride: this process invalidates at once.
    await setFlagOverride(a.id, key, false, { userId: newId() });
    expect(await isEnabled(as(key), a.id)).toBe(false);

    // A definition change elsewhere is also seen after the TTL only; through the platform
    // function wrapper of this module at once, for every company.
    const admin = await createUser(null, "platform_admin");
    expect(await isEnabled(as(key), b.id)).toBe(false);
    expect(await updateFlagDefinition(definition(key, { defaultEnabled: true }), { userId: admin })).toEqual({ ok: true });
    expect(await isEnabled(as(key), b.id)).toBe(true);
    expect(await isEnabled(as(key), a.id)).toBe(false); // A's override still wins
  });

  it("does not store an answer loaded before an invalidation that happened meanwhile", async () => {
    const a = await createTestCompany("Race");
    const key = await defineFlag();
    // Start a load, and change the override before it settles.
    const stale = isEnabled(as(key), a.id);
    await setFlagOverride(a.id, key, true, { userId: newId() });
    await stale; // whatever it saw, it may not be cached
    expect(await isEnabled(as(key), a.id)).toBe(true);

    // The same, deterministically: an answer read before an invalidation is not stored after it.
    const other = randomUUID();
    const generation = flagCacheGeneration();
    invalidateFlagOverride(other, key);
    storeFlag(other, key, false, generation);
    expect(cachedFlag(other, key)).toBeUndefined();
    storeFlag(other, key, false, flagCacheGeneration());
    expect(cachedFlag(other, key)).toBe(false);
    invalidateFlagDefinition(key);
    expect(cachedFlag(other, key)).toBeUndefined();
  });
});

describe("getFlagStates", () => {
  it("lists every flag with the company's override, the effective value and why", async () => {
    const a = await createTestCompany("Liste");
    const on = await defineFlag({ defaultEnabled: true, description: "an" });
    const rolled = await defineFlag({ rolloutPercentage: 37 });
    const forced = await defineFlag();
    await setFlagOverride(a.id, forced, true, { userId: newId() });
    const { flags, missing } = await getFlagStates(a.id);
    const byKey = new Map(flags.map((f) => [f.key, f]));
    expect(byKey.get(on)).toMatchObject({ description: "an", defaultEnabled: true, override: null, enabled: true, reason: "default", registered: false });
    expect(byKey.get(forced)).toMatchObject({ override: true, enabled: true, reason: "override" });
    const r = byKey.get(rolled)!;
    expect(r).toMatchObject({ rolloutPercentage: 37, override: null, ...decideFlag(r, null, a.id) });
    // Every answer agrees with isEnabled.
    for (const f of [on, rolled, forced]) expect(await isEnabled(as(f), a.id)).toBe(byKey.get(f)!.enabled);
    // The migration defines the dashboard flag; it is registered and on by default.
    expect(byKey.get("dashboard.upcoming_appointments")).toMatchObject({ registered: true, defaultEnabled: true, enabled: true });
    expect(missing).not.toContain("dashboard.upcoming_appointments");
    expect([...byKey.keys()]).toEqual([...byKey.keys()].sort());
  });
});

describe("setFlagOverride", () => {
  it("refuses an unknown flag without writing anything", async () => {
    const a = await createTestCompany("Override");
    expect(await setFlagOverride(a.id, `test.nope_${tag()}`, true, { userId: newId() })).toEqual({ ok: false, reason: "unknown_flag" });
    const rows = await withCompany(a.id, (tx) => tx.select().from(featureFlagOverrides));
    expect(rows).toEqual([]);
  });

  it("writes the acting user into the audit trail of the company (by the trigger)", async () => {
    const a = await createTestCompany("Audit");
    const key = await defineFlag();
    const userId = await createUser(a.id, "company_admin");
    await setFlagOverride(a.id, key, true, { userId, requestId: "req-flags-1" });
    const rows = await ownerQuery<{ action: string; actor_user_id: string; request_id: string }>(
      "select action, actor_user_id, request_id from audit_log where table_name = 'feature_flag_overrides' and row_id = $1 order by seq",
      [`${a.id}/${key}`],
    );
    expect(rows).toEqual([{ action: "insert", actor_user_id: userId, request_id: "req-flags-1" }]);
  });
});

describe("row-level security on overrides", () => {
  it("company B can neither read nor change nor delete A's override, nor write one for A", async () => {
    const a = await createTestCompany("RlsA");
    const b = await createTestCompany("RlsB");
    const key = await defineFlag();
    await setFlagOverride(a.id, key, true, { userId: newId() });

    const seen = await withCompany(b.id, (tx) => tx.select().from(featureFlagOverrides).where(eq(featureFlagOverrides.companyId, a.id)));
    expect(seen).toEqual([]);
    const updated = await withCompany(b.id, (tx) =>
      tx.update(featureFlagOverrides).set({ enabled: false }).where(eq(featureFlagOverrides.companyId, a.id)).returning(),
    );
    expect(updated).toEqual([]);
    const deleted = await withCompany(b.id, (tx) =>
      tx.delete(featureFlagOverrides).where(eq(featureFlagOverrides.companyId, a.id)).returning(),
    );
    expect(deleted).toEqual([]);
    const insert = await rejectionOf(
      withCompany(b.id, (tx) => tx.insert(featureFlagOverrides).values({ companyId: a.id, flagKey: key, enabled: false })),
    );
    expect(sqlStateOf(insert), messagesOf(insert)).toBe("42501");
    // An upsert from B onto A's key cannot reach A's row either.
    const upsert = await rejectionOf(
      withCompany(b.id, (tx) =>
        tx
          .insert(featureFlagOverrides)
          .values({ companyId: a.id, flagKey: key, enabled: false })
          .onConflictDoUpdate({ target: [featureFlagOverrides.companyId, featureFlagOverrides.flagKey], set: { enabled: false } }),
      ),
    );
    expect(sqlStateOf(upsert), messagesOf(upsert)).toBe("42501");

    const [row] = await withCompany(a.id, (tx) =>
      tx.select().from(featureFlagOverrides).where(and(eq(featureFlagOverrides.companyId, a.id), eq(featureFlagOverrides.flagKey, key))),
    );
    expect(row?.enabled).toBe(true);
    clearFlagCache();
    expect(await isEnabled(as(key), a.id)).toBe(true);
    expect(await isEnabled(as(key), b.id)).toBe(false);
  });

  it("the runtime role cannot write flag definitions directly, with or without a company", async () => {
    const a = await createTestCompany("Direkt");
    const key = await defineFlag();
    const handle = await runtimeDatabase();
    // One at a time (started lazily): a rejection nobody awaits yet would be "unhandled".
    for (const attempt of [
      () => asRuntime(handle, (db) => db.execute(sql`insert into feature_flags (key) values (${`test.direct_${tag()}`})`)),
      () => withCompany(a.id, (tx) => tx.update(featureFlags).set({ defaultEnabled: true }).where(eq(featureFlags.key, key))),
      () => withCompany(a.id, (tx) => tx.delete(featureFlags).where(eq(featureFlags.key, key))),
    ]) {
      const error = await rejectionOf(attempt());
      expect(sqlStateOf(error), messagesOf(error)).toBe("42501");
    }
  });
});

describe("the platform functions for definitions", () => {
  it("let an active platform admin create and update a flag, recorded with the admin as actor", async () => {
    const admin = await createUser(null, "platform_admin");
    const key = `test.platform_${tag()}`;
    await createFeatureFlagDefinition(admin, definition(key, { description: "Neu", rolloutPercentage: 10 }), "req-1");
    await updateFeatureFlagDefinition(admin, definition(key, { description: "Geändert", defaultEnabled: true, rolloutPercentage: 60 }), "req-2");
    const [row] = await ownerQuery<{ description: string; default_enabled: boolean; rollout_percentage: number }>(
      "select description, default_enabled, rollout_percentage from feature_flags where key = $1",
      [key],
    );
    expect(row).toEqual({ description: "Geändert", default_enabled: true, rollout_percentage: 60 });
    const audit = await ownerQuery<{ action: string; actor_user_id: string; request_id: string; company_id: string | null }>(
      "select action, actor_user_id, request_id, company_id from audit_log where table_name = 'feature_flags' and row_id = $1 order by seq",
      [key],
    );
    expect(audit).toEqual([
      { action: "insert", actor_user_id: admin, request_id: "req-1", company_id: null },
      { action: "update", actor_user_id: admin, request_id: "req-2", company_id: null },
    ]);
  });

  it("refuse a company admin, an inactive platform admin and a random uuid with 42501, changing nothing", async () => {
    const company = await createTestCompany("KeinPlattform");
    const companyAdmin = await createUser(company.id, "company_admin");
    const inactive = await createUser(null, "platform_admin");
    await ownerQuery("update users set is_active = false where id = $1", [inactive]);
    const existing = await defineFlag({ description: "unverändert" });
    for (const userId of [companyAdmin, inactive, randomUUID()]) {
      const created = await rejectionOf(createFeatureFlagDefinition(userId, definition(`test.evil_${tag()}`), null));
      expect(sqlStateOf(created), messagesOf(created)).toBe("42501");
      const updated = await rejectionOf(updateFeatureFlagDefinition(userId, definition(existing, { defaultEnabled: true }), null));
      expect(sqlStateOf(updated), messagesOf(updated)).toBe("42501");
      // Through the use case: a clean refusal, not an exception.
      expect(await updateFlagDefinition(definition(existing, { defaultEnabled: true }), { userId })).toEqual({ ok: false, reason: "forbidden" });
    }
    const [row] = await ownerQuery<{ description: string; default_enabled: boolean }>(
      "select description, default_enabled from feature_flags where key = $1",
      [existing],
    );
    expect(row).toEqual({ description: "unverändert", default_enabled: false });
    const evil = await ownerQuery("select key from feature_flags where key like 'test.evil_%'");
    expect(evil).toEqual([]);
  });

  it("leave key format, percentage range and uniqueness to the table, reported as clean reasons", async () => {
    const admin = await createUser(null, "platform_admin");
    const key = `test.checks_${tag()}`;
    const actor = { userId: admin };
    expect(await createFlagDefinition(definition(key), actor)).toEqual({ ok: true });
    expect(await createFlagDefinition(definition(key), actor)).toEqual({ ok: false, reason: "exists" });
    expect(await createFlagDefinition(definition("Bad Key"), actor)).toEqual({ ok: false, reason: "invalid" });
    expect(await createFlagDefinition(definition(`test.pct_${tag()}`, { rolloutPercentage: 101 }), actor)).toEqual({ ok: false, reason: "invalid" });
    expect(await updateFlagDefinition(definition(key, { rolloutPercentage: -1 }), actor)).toEqual({ ok: false, reason: "invalid" });
    expect(await updateFlagDefinition(definition(`test.absent_${tag()}`), actor)).toEqual({ ok: false, reason: "unknown_flag" });
    const raw = await rejectionOf(createFeatureFlagDefinition(admin, definition(`test.pct_${tag()}`, { rolloutPercentage: 101 }), null));
    expect(sqlStateOf(raw)).toBe("23514");
  });
});

describe("the dashboard's upcoming-appointments card", () => {
  it("is behind dashboard.upcoming_appointments: off for a company, its query is skipped", async () => {
    const a = await createTestCompany("Dashboard");
    expect(await isEnabled("dashboard.upcoming_appointments", a.id)).toBe(true);
    await setFlagOverride(a.id, "dashboard.upcoming_appointments", false, { userId: newId() });
    expect(await isEnabled("dashboard.upcoming_appointments", a.id)).toBe(false);

    // With the option off the upcoming query is not even built: count the selects the
    // company's transaction builds (the figures' queries are the same either way).
    let selects = 0;
    const handle = await runtimeDatabase();
    const transaction = handle.db.transaction.bind(handle.db);
    vi.spyOn(handle.db, "transaction").mockImplementation(((fn: Parameters<typeof transaction>[0], config?: Parameters<typeof transaction>[1]) =>
      transaction(async (tx) => {
        const select = tx.select.bind(tx);
        tx.select = ((...args: Parameters<typeof select>) => {
          selects++;
          return select(...args);
        }) as typeof tx.select;
        return fn(tx);
      }, config)) as typeof transaction);
    const without = await getDashboardSummary(a.id, "Europe/Berlin", new Date(), { upcoming: false });
    const selectsWithout = selects;
    selects = 0;
    const withCard = await getDashboardSummary(a.id, "Europe/Berlin", new Date());
    expect(without.upcoming).toEqual([]);
    expect(withCard.upcoming).toEqual([]);
    expect(selectsWithout).toBeGreaterThan(0);
    expect(selects).toBe(selectsWithout + 1);
  });
});
