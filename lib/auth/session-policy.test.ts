import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionExpiry, sessionLimits } from "./session-policy";

const now = Date.parse("2026-11-24T12:00:00Z");
const min = 60_000;

afterEach(() => vi.unstubAllEnvs());

describe("session limits", () => {
  it("ends an admin session after 30 idle minutes and after 12 hours in all", () => {
    expect(sessionExpiry({ role: "company_admin", signedInAt: now - 60 * min, lastSeenAt: now - 29 * min }, now)).toBeNull();
    expect(sessionExpiry({ role: "company_admin", signedInAt: now - 60 * min, lastSeenAt: now - 31 * min }, now)).toBe("idle");
    expect(sessionExpiry({ role: "platform_admin", signedInAt: now - 12 * 60 * min - 1, lastSeenAt: now }, now)).toBe("absolute");
  });

  it("gives other roles longer limits", () => {
    expect(sessionExpiry({ role: "staff", signedInAt: now - 13 * 60 * min, lastSeenAt: now - 2 * 60 * min }, now)).toBeNull();
    expect(sessionExpiry({ role: "viewer", signedInAt: now - 8 * 24 * 60 * min, lastSeenAt: now }, now)).toBe("absolute");
  });

  it("treats a token without times as over", () => {
    expect(sessionExpiry({ role: "viewer" }, now)).toBe("absolute");
  });

  it("takes the admin limits from the environment", () => {
    vi.stubEnv("SESSION_ADMIN_IDLE_MINUTES", "5");
    vi.stubEnv("SESSION_ADMIN_MAX_MINUTES", "60");
    expect(sessionLimits("company_admin")).toEqual({ idleMs: 5 * min, absoluteMs: 60 * min });
    expect(sessionExpiry({ role: "company_admin", signedInAt: now - 10 * min, lastSeenAt: now - 6 * min }, now)).toBe("idle");
    vi.stubEnv("SESSION_ADMIN_IDLE_MINUTES", "nonsense");
    expect(sessionLimits("company_admin").idleMs).toBe(30 * min);
  });
});
