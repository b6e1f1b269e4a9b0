import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type DatabaseHandle, withCompany } from "@/db";
import { featureFlagOverrides, featureFlags } from "@/db/schema";
import {
  cachedFlag,
  countFlagLoad,
  firstReportOfUnknownFlag,
  flagCacheGeneration,
  storeFlag,
} from "./cache";
import { decideFlag, type FlagDefinition, type FlagReason } from "./evaluate";
import { FLAG_KEYS, type FlagKey, isRegisteredFlag } from "./registry";

export type FlagReadOptions = {
  /** Run on this handle instead of the runtime connection (tests, scripts). */
  handle?: DatabaseHandle;
};

// Loads in flight, shared by concurrent callers of the same company, flag and cache generation
// (a caller arriving after an invalidation starts its own load).
const inflight = new Map<string, Promise<boolean>>();

/**
 * Whether a feature is on for a company: its override, else the global default, else the stable
 * percentage rollout (lib/flags/evaluate.ts). A flag missing from the database is off (logged
 * once per process). Answers are cached per company and flag for FLAG_CACHE_TTL_MS.
 */
export async function isEnabled(flag: FlagKey, companyId: string, options: FlagReadOptions = {}): Promise<boolean> {
  const cached = cachedFlag(companyId, flag);
  if (cached !== undefined) return cached;
  const generation = flagCacheGeneration();
  const key = `${generation} ${companyId.toLowerCase()} ${flag}`;
  let pending = inflight.get(key);
  if (!pending) {
    pending = loadFlag(flag, companyId, generation, options).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

async function loadFlag(flag: string, companyId: string, generation: number, options: FlagReadOptions): Promise<boolean> {
  countFlagLoad();
  const [row] = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          key: featureFlags.key,
          defaultEnabled: featureFlags.defaultEnabled,
          rolloutPercentage: featureFlags.rolloutPercentage,
          override: featureFlagOverrides.enabled,
        })
        .from(featureFlags)
        .leftJoin(
          featureFlagOverrides,
          and(eq(featureFlagOverrides.flagKey, featureFlags.key), eq(featureFlagOverrides.companyId, companyId)),
        )
        .where(eq(featureFlags.key, flag))
        .limit(1),
    { handle: options.handle },
  );
  let enabled = false;
  if (!row) {
    if (firstReportOfUnknownFlag(flag)) {
      console.warn(`[flags] feature flag "${flag}" has no definition in feature_flags: it is off for every company`);
    }
  } else {
    enabled = decideFlag(row, row.override, companyId).enabled;
  }
  storeFlag(companyId, flag, enabled, generation);
  return enabled;
}

export type FlagState = FlagDefinition & {
  /** The code asks for this flag (lib/flags/registry.ts); others are defined but unused so far. */
  registered: boolean;
  /** The company's override: null = inherits the global setting. */
  override: boolean | null;
  /** The answer isEnabled gives this company, and why. */
  enabled: boolean;
  reason: FlagReason;
  /** The company's stable bucket 0–99: in the rollout while below the percentage. */
  bucket: number;
  updatedAt: Date;
};

export type CompanyFlags = {
  flags: FlagState[];
  /** Flags the code asks for that have no definition yet: off for everyone. */
  missing: FlagKey[];
};

/** Every flag with the company's override and effective value, read fresh (the settings page). */
export async function getFlagStates(companyId: string, options: FlagReadOptions = {}): Promise<CompanyFlags> {
  const generation = flagCacheGeneration();
  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          key: featureFlags.key,
          description: featureFlags.description,
          defaultEnabled: featureFlags.defaultEnabled,
          rolloutPercentage: featureFlags.rolloutPercentage,
          updatedAt: featureFlags.updatedAt,
          override: featureFlagOverrides.enabled,
        })
        .from(featureFlags)
        .leftJoin(
          featureFlagOverrides,
          and(eq(featureFlagOverrides.flagKey, featureFlags.key), eq(featureFlagOverrides.companyId, companyId)),
        )
        .orderBy(asc(featureFlags.key)),
    { handle: options.handle },
  );
  const flags = rows.map((row): FlagState => {
    const decision = decideFlag(row, row.override, companyId);
    // A fresh read: let isEnabled use it too (unless something changed meanwhile).
    storeFlag(companyId, row.key, decision.enabled, generation);
    return { ...row, registered: isRegisteredFlag(row.key), ...decision };
  });
  const defined = new Set(rows.map((r) => r.key));
  return { flags, missing: FLAG_KEYS.filter((key) => !defined.has(key)) };
}
