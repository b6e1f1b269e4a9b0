import { createHash } from "node:crypto";

// How a flag is decided for one company, without the database (pure, unit-tested):
//   1. the company's override, if it has one, wins (both ways);
//   2. otherwise a flag whose global default is on is on;
//   3. otherwise the company is in the rollout when its bucket is below the percentage.
// The bucket (0–99) comes from sha256("<flag key>:<company id>"): the same company always lands
// in the same bucket for a flag, so raising the percentage only ever adds companies and no answer
// flips from one request to the next. Hashing the flag key in as well spreads the early
// companies differently per flag (company X is not the guinea pig of every rollout).

export type FlagDefinition = {
  key: string;
  description: string;
  defaultEnabled: boolean;
  /** 0–100 (a check constraint). */
  rolloutPercentage: number;
};

export type FlagReason = "override" | "default" | "rollout" | "off";

export type FlagDecision = {
  enabled: boolean;
  /** What decided: the company's override, the global default, the rollout, or nothing (off). */
  reason: FlagReason;
  /** The company's stable bucket 0–99 for this flag. */
  bucket: number;
};

/** The company's stable rollout bucket 0–99 for a flag. */
export function rolloutBucket(flagKey: string, companyId: string): number {
  const digest = createHash("sha256").update(`${flagKey}:${companyId.toLowerCase()}`, "utf8").digest();
  // The first 32 bits, modulo 100 (the bias of 2^32 mod 100 is below one in forty million).
  return digest.readUInt32BE(0) % 100;
}

export function decideFlag(
  definition: Pick<FlagDefinition, "key" | "defaultEnabled" | "rolloutPercentage">,
  override: boolean | null,
  companyId: string,
): FlagDecision {
  const bucket = rolloutBucket(definition.key, companyId);
  if (override !== null) return { enabled: override, reason: "override", bucket };
  if (definition.defaultEnabled) return { enabled: true, reason: "default", bucket };
  if (bucket < definition.rolloutPercentage) return { enabled: true, reason: "rollout", bucket };
  return { enabled: false, reason: "off", bucket };
}
