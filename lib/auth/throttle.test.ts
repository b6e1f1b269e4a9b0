import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordSignInAttempt } from "@/db/platform";
import { delayAfter, requiredWait, signInWait, THROTTLE_MAX_DELAY_MS } from "./throttle";

describe("sign-in throttling", () => {
  it("is free for nine failures, then doubles from 1 s up to the cap", () => {
    expect([0, 5, 9].map(delayAfter)).toEqual([0, 0, 0]);
    expect([10, 11, 12, 15].map(delayAfter)).toEqual([1000, 2000, 4000, 32_000]);
    expect(delayAfter(16)).toBe(THROTTLE_MAX_DELAY_MS);
    expect(delayAfter(500)).toBe(THROTTLE_MAX_DELAY_MS);
  });

  it("waits for the later of the account's and the IP's delay, never beyond the cap", () => {
    const now = Date.parse("2026-11-24T10:00:00Z");
    const state = {
      emailFailures: 12,
      lastEmailFailure: new Date(now - 1000),
      ipFailures: 10,
      lastIpFailure: new Date(now - 500),
    };
    expect(requiredWait(state, now)).toBe(3000);
    expect(requiredWait({ ...state, emailFailures: 3 }, now)).toBe(500);
    expect(requiredWait(state, now + 10_000)).toBe(0);
    expect(requiredWait({ ...state, emailFailures: 1000 }, now)).toBeLessThanOrEqual(THROTTLE_MAX_DELAY_MS);
  });

  it("counts failures per account and per IP from the database, not successes", async () => {
    const account = `throttle-${randomUUID()}`;
    const ip = `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;
    for (let i = 0; i < 10; i++) await recordSignInAttempt({ emailHash: account, ip, userId: null, succeeded: false });
    await recordSignInAttempt({ emailHash: account, ip, userId: null, succeeded: true });
    const { waitMs, state } = await signInWait(account, ip);
    expect(state.emailFailures).toBe(10);
    expect(state.ipFailures).toBe(10);
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(1000);
    // Another account from another IP is not slowed down by it.
    const other = await signInWait(`throttle-${randomUUID()}`, "10.254.254.254");
    expect(other.waitMs).toBe(0);
    // Outside the window nothing counts.
    const later = await signInWait(account, ip, Date.now() + 16 * 60_000);
    expect(later.state.emailFailures).toBe(0);
    expect(later.waitMs).toBe(0);
  });
});
