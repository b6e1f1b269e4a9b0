import fc from "fast-check";
import { afterAll } from "vitest";
import { closeRuntimeDatabase } from "@/db";
import { closeOwnerHandle } from "@/db/testing/fixtures";

// Property tests explore new random cases on every local run; CI (CI=true, set by .ci/run)
// replays a fixed seed so a green commit stays green. `FC_SEED=<n>` replays a reported failure,
// `FC_SEED=random` explores under CI too.
const seedSetting = process.env.FC_SEED ?? (process.env.CI ? "20261124" : "random");
if (seedSetting !== "random") {
  const seed = Number(seedSetting);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got ${seedSetting}`);
  fc.configureGlobal({ seed });
}

// Every test file closes what it opened: an open PGlite or pool keeps the worker alive.
afterAll(async () => {
  await closeOwnerHandle();
  await closeRuntimeDatabase();
});
