// The in-process cache behind isEnabled(): one entry per (company, flag), never per flag alone
// (design.md §4: caches always include the company in their key), so one company's override can
// never answer for another. Entries live FLAG_CACHE_TTL_MS; a change made in this process
// invalidates at once (an override: that company's entry; a definition: that flag for every
// company). Other processes see a change within the TTL.
//
// The state sits on globalThis, like the database handle, so every module graph of the Next.js
// server (pages, server actions, route handlers) shares one cache and one invalidation.
//
// A load that started before an invalidation must not store its (possibly stale) answer after
// it: each invalidation bumps a generation, and a load stores only if the generation it started
// in is still current.

export const FLAG_CACHE_TTL_MS = 30_000;

export type CachedFlag = { enabled: boolean; expiresAt: number };

type CacheState = {
  entries: Map<string, CachedFlag>;
  generation: number;
  /** Flags found missing in the database, logged once per process. */
  reportedUnknown: Set<string>;
  /** Database reads made for isEnabled (tests check hits and misses with it). */
  loads: number;
};

const state: CacheState = ((globalThis as { __askproFlagCache?: CacheState }).__askproFlagCache ??= {
  entries: new Map(),
  generation: 0,
  reportedUnknown: new Set(),
  loads: 0,
});

/** Beyond this many entries, a store first drops the expired ones. */
const SWEEP_ABOVE = 10_000;

// Company ids are uuids and flag keys match ^[a-z][a-z0-9_.-]+$: neither contains a space.
const keyOf = (companyId: string, flagKey: string) => `${companyId.toLowerCase()} ${flagKey}`;

export function cachedFlag(companyId: string, flagKey: string, now = Date.now()): boolean | undefined {
  const key = keyOf(companyId, flagKey);
  const entry = state.entries.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt <= now) {
    state.entries.delete(key);
    return undefined;
  }
  return entry.enabled;
}

/** The generation to pass to storeFlag() for a load starting now. */
export function flagCacheGeneration(): number {
  return state.generation;
}

export function storeFlag(companyId: string, flagKey: string, enabled: boolean, generation: number, now = Date.now()) {
  if (generation !== state.generation) return;
  if (state.entries.size > SWEEP_ABOVE) {
    for (const [key, entry] of state.entries) if (entry.expiresAt <= now) state.entries.delete(key);
  }
  state.entries.set(keyOf(companyId, flagKey), { enabled, expiresAt: now + FLAG_CACHE_TTL_MS });
}

/** After a company's override of a flag changed. */
export function invalidateFlagOverride(companyId: string, flagKey: string) {
  state.generation++;
  state.entries.delete(keyOf(companyId, flagKey));
}

/** After a flag's definition changed (or was created): its entries for every company. */
export function invalidateFlagDefinition(flagKey: string) {
  state.generation++;
  const suffix = ` ${flagKey}`;
  for (const key of state.entries.keys()) {
    if (key.endsWith(suffix)) state.entries.delete(key);
  }
  state.reportedUnknown.delete(flagKey);
}

/** Everything (tests, and a process that wants to re-read all flags). */
export function clearFlagCache() {
  state.generation++;
  state.entries.clear();
  state.reportedUnknown.clear();
}

/** True the first time a missing flag is reported in this process. */
export function firstReportOfUnknownFlag(flagKey: string): boolean {
  if (state.reportedUnknown.has(flagKey)) return false;
  state.reportedUnknown.add(flagKey);
  return true;
}

export function countFlagLoad() {
  state.loads++;
}

/** How many times isEnabled went to the database in this process (tests). */
export function flagLoadCount(): number {
  return state.loads;
}
