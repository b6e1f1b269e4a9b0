import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decideFlag, rolloutBucket } from "./evaluate";
import { FLAG_KEYS, isRegisteredFlag } from "./registry";
import { definitionInputSchema, overrideInputSchema } from "./schemas";

// The decision without the database: stable buckets, monotonic rollout, an even spread, and the
// precedence override > global default > rollout. lib/flags/flags.test.ts does the same through
// isEnabled on the real database.

const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
const flag = (rolloutPercentage: number, defaultEnabled = false) => ({ key: "test.rollout", defaultEnabled, rolloutPercentage });

describe("rolloutBucket", () => {
  it("is a fixed function of flag key and company id (pinned, so a change of the hash is noticed)", () => {
    const company = "0195f3a4-7b6c-7d8e-9f00-112233445566";
    // sha256("dashboard.upcoming_appointments:<id>"), first 4 bytes big-endian, mod 100.
    const bucket = rolloutBucket("dashboard.upcoming_appointments", company);
    expect(bucket).toBe(PINNED_BUCKET);
    for (let i = 0; i < 1000; i++) expect(rolloutBucket("dashboard.upcoming_appointments", company)).toBe(bucket);
    // Upper-case ids are the same company.
    expect(rolloutBucket("dashboard.upcoming_appointments", company.toUpperCase())).toBe(bucket);
  });

  it("stays within 0–99 and differs between flags for the same company", () => {
    const companies = ids(500);
    let differ = 0;
    for (const id of companies) {
      const a = rolloutBucket("flag.a", id);
      const b = rolloutBucket("flag.b", id);
      for (const v of [a, b]) expect(Number.isInteger(v) && v >= 0 && v <= 99).toBe(true);
      if (a !== b) differ++;
    }
    // Independent per flag: about 99 % differ, certainly not all the same.
    expect(differ).toBeGreaterThan(450);
  });
});

describe("percentage rollout", () => {
  it("is monotonic: every company enabled at 20 % is enabled at 50 % (and at every higher step)", () => {
    const companies = ids(2000);
    const enabledAt = (p: number) => new Set(companies.filter((id) => decideFlag(flag(p), null, id).enabled));
    let previous = enabledAt(0);
    expect(previous.size).toBe(0);
    for (const p of [1, 5, 10, 20, 35, 50, 75, 99, 100]) {
      const now = enabledAt(p);
      for (const id of previous) expect(now.has(id), `${id} dropped out at ${p} %`).toBe(true);
      previous = now;
    }
    expect(previous.size).toBe(companies.length);
    const at20 = enabledAt(20);
    const at50 = enabledAt(50);
    expect([...at20].every((id) => at50.has(id))).toBe(true);
    expect(at50.size).toBeGreaterThan(at20.size);
  });

  it.each([5, 10, 20, 50, 80, 95])("enables about %i % of 2,000 random companies (±4 points)", (percent) => {
    const companies = ids(2000);
    const enabled = companies.filter((id) => decideFlag(flag(percent), null, id).enabled).length;
    expect(Math.abs((enabled / companies.length) * 100 - percent)).toBeLessThanOrEqual(4);
  });

  it("0 % enables nobody, 100 % everybody", () => {
    for (const id of ids(300)) {
      expect(decideFlag(flag(0), null, id)).toMatchObject({ enabled: false, reason: "off" });
      expect(decideFlag(flag(100), null, id)).toMatchObject({ enabled: true, reason: "rollout" });
    }
  });
});

describe("precedence", () => {
  const id = randomUUID();

  it("an override wins both ways, over the default and over the rollout", () => {
    expect(decideFlag(flag(0, true), false, id)).toMatchObject({ enabled: false, reason: "override" });
    expect(decideFlag(flag(100), false, id)).toMatchObject({ enabled: false, reason: "override" });
    expect(decideFlag(flag(0, false), true, id)).toMatchObject({ enabled: true, reason: "override" });
  });

  it("without an override, a global default of on is on whatever the percentage", () => {
    expect(decideFlag(flag(0, true), null, id)).toMatchObject({ enabled: true, reason: "default" });
  });

  it("reports the bucket that decided", () => {
    const d = decideFlag(flag(37), null, id);
    expect(d.bucket).toBe(rolloutBucket("test.rollout", id));
    expect(d.enabled).toBe(d.bucket < 37);
  });
});

describe("registry and input schemas", () => {
  it("knows the flags the code asks for, in the key format of the table", () => {
    expect(FLAG_KEYS).toContain("dashboard.upcoming_appointments");
    for (const key of FLAG_KEYS) expect(key).toMatch(/^[a-z][a-z0-9_.-]{1,62}$/);
    expect(isRegisteredFlag("voice.live_booking")).toBe(true);
    expect(isRegisteredFlag("typo")).toBe(false);
    expect(isRegisteredFlag("toString")).toBe(false);
  });

  it("accepts a valid definition and names each bad field with a code", () => {
    expect(
      definitionInputSchema.parse({ key: " calendar.week_view ", description: " Wochenansicht ", defaultEnabled: "on", rolloutPercentage: "25" }),
    ).toEqual({ key: "calendar.week_view", description: "Wochenansicht", defaultEnabled: true, rolloutPercentage: 25 });
    expect(definitionInputSchema.parse({ key: "a1", description: "", rolloutPercentage: "0" }).defaultEnabled).toBe(false);

    const codes = (input: Record<string, unknown>) => {
      const result = definitionInputSchema.safeParse(input);
      // The first issue per field, as the page's actions report them.
      return result.success ? {} : Object.fromEntries(result.error.issues.reverse().map((i) => [String(i.path[0]), i.message]));
    };
    expect(codes({ key: "Bad Key", description: "", rolloutPercentage: "10" })).toEqual({ key: "pattern" });
    expect(codes({ key: "a", description: "", rolloutPercentage: "10" })).toEqual({ key: "pattern" });
    expect(codes({ key: `a${"b".repeat(63)}`, description: "", rolloutPercentage: "10" })).toEqual({ key: "pattern" });
    expect(codes({ key: "", description: "", rolloutPercentage: "10" })).toEqual({ key: "required" });
    expect(codes({ description: "", rolloutPercentage: "10" })).toEqual({ key: "required" });
    for (const bad of ["101", "-1", "12.5", "abc", "1e2", "1000"]) {
      expect(codes({ key: "ok.flag", description: "", rolloutPercentage: bad }), bad).toEqual({ rolloutPercentage: "percentage" });
    }
    expect(codes({ key: "ok.flag", description: "", rolloutPercentage: "" })).toEqual({ rolloutPercentage: "required" });
    expect(codes({ key: "ok.flag", description: "x".repeat(501), rolloutPercentage: "1" })).toEqual({ description: "tooLong" });
  });

  it("accepts only inherit/on/off as an override", () => {
    expect(overrideInputSchema.safeParse({ flagKey: "voice.live_booking", value: "on" }).success).toBe(true);
    expect(overrideInputSchema.safeParse({ flagKey: "voice.live_booking", value: "maybe" }).success).toBe(false);
    expect(overrideInputSchema.safeParse({ flagKey: "x", value: "on" }).success).toBe(false);
    expect(overrideInputSchema.safeParse({}).success).toBe(false);
  });
});

// Computed once with node's crypto and written down: a changed hash would move every company.
const PINNED_BUCKET = 85;
