import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { sqlStateOf } from "@/db/errors";
import { createFeatureFlagDefinition, type FeatureFlagDefinitionInput, updateFeatureFlagDefinition } from "@/db/platform";
import { featureFlagOverrides, featureFlags } from "@/db/schema";
import { invalidateFlagDefinition, invalidateFlagOverride } from "./cache";

// Changing flags. The audit trail records every change by its triggers (drizzle/0004): nothing
// here writes audit or security events. Each change invalidates this process's cache at once.

export type Actor = { userId: string; requestId?: string };

export type FlagChangeResult =
  | { ok: true }
  | { ok: false; reason: "unknown_flag" | "exists" | "invalid" | "forbidden" };

/**
 * A company's override of a flag: true/false, or null to inherit the global setting again.
 * Written under the company's row-level security (withCompany), so it can only ever touch the
 * company's own row.
 */
export async function setFlagOverride(
  companyId: string,
  flagKey: string,
  enabled: boolean | null,
  actor: Actor,
): Promise<FlagChangeResult> {
  const result = await withCompany(
    companyId,
    async (tx): Promise<FlagChangeResult> => {
      const [flag] = await tx.select({ key: featureFlags.key }).from(featureFlags).where(eq(featureFlags.key, flagKey)).limit(1);
      if (!flag) return { ok: false, reason: "unknown_flag" };
      if (enabled === null) {
        await tx
          .delete(featureFlagOverrides)
          .where(and(eq(featureFlagOverrides.companyId, companyId), eq(featureFlagOverrides.flagKey, flagKey)));
      } else {
        await tx
          .insert(featureFlagOverrides)
          .values({ companyId, flagKey, enabled })
          .onConflictDoUpdate({
            target: [featureFlagOverrides.companyId, featureFlagOverrides.flagKey],
            set: { enabled, updatedAt: sql`now()` },
          });
      }
      return { ok: true };
    },
    { userId: actor.userId, requestId: actor.requestId },
  );
  // After the commit: a reader that loaded before it cannot store its answer any more either.
  invalidateFlagOverride(companyId, flagKey);
  return result;
}

/** A new flag definition by a platform admin (the database checks the role again). */
export async function createFlagDefinition(flag: FeatureFlagDefinitionInput, actor: Actor): Promise<FlagChangeResult> {
  return changeDefinition(flag.key, () => createFeatureFlagDefinition(actor.userId, flag, actor.requestId ?? null));
}

/** A changed definition (description, global default, rollout %) by a platform admin. */
export async function updateFlagDefinition(flag: FeatureFlagDefinitionInput, actor: Actor): Promise<FlagChangeResult> {
  return changeDefinition(flag.key, () => updateFeatureFlagDefinition(actor.userId, flag, actor.requestId ?? null));
}

const REASON_BY_STATE: Record<string, Exclude<FlagChangeResult, { ok: true }>["reason"]> = {
  "42501": "forbidden",
  "23505": "exists",
  "23514": "invalid",
  "23502": "invalid",
  "22001": "invalid",
  P0002: "unknown_flag",
};

async function changeDefinition(flagKey: string, change: () => Promise<void>): Promise<FlagChangeResult> {
  try {
    await change();
  } catch (error) {
    const reason = REASON_BY_STATE[sqlStateOf(error) ?? ""];
    if (!reason) throw error;
    return { ok: false, reason };
  } finally {
    invalidateFlagDefinition(flagKey);
  }
  return { ok: true };
}

