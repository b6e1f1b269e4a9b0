import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it, vi } from "vitest";
import { dynamic, GET } from "./route";

// GET /api/health: the liveness answer, never cached, and outside the sign-in proxy.

// proxy.ts is loaded only for its matcher; Auth.js itself does not load under vitest (its
// `next/server` import), so it is replaced by a stand-in that wraps the handler unchanged.
vi.mock("next-auth", () => ({ default: () => ({ auth: (handler: unknown) => handler }) }));

describe("GET /api/health", () => {
  it("answers 200 {status: ok}, not cacheable, rendered per request", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
    expect(dynamic).toBe("force-dynamic");
  });

  it("is reachable signed out: the proxy (sign-in redirect) does not run on it", async () => {
    const { config } = await import("@/proxy");
    expect(unstable_doesMiddlewareMatch({ config, url: "/api/health" })).toBe(false);
    // The same check sees the proxy on a portal page, so it is not vacuous.
    expect(unstable_doesMiddlewareMatch({ config, url: "/appointments" })).toBe(true);
  });
});
