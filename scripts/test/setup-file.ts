import { afterAll } from "vitest";
import { closeRuntimeDatabase } from "@/db";
import { closeOwnerHandle } from "@/db/testing/fixtures";

// Every test file closes what it opened: an open PGlite or pool keeps the worker alive.
afterAll(async () => {
  await closeOwnerHandle();
  await closeRuntimeDatabase();
});
