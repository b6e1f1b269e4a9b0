import { beforeEach, describe, expect, it, vi } from "vitest";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";

// GET /api/search: the session check is requireApiUser's own (tested in lib/auth/session.test.ts);
// here its answers are stubbed to see what the handler makes of them and of the query string.

const state: { user: Record<string, unknown> | null } = { user: null };

vi.mock("@/lib/auth/session", () => ({
  requireApiUser: async () =>
    state.user ? { user: state.user } : { response: Response.json({ ok: false, error: "unauthenticated" }, { status: 401 }) },
}));

const { GET } = await import("./route");
const get = (query: string) => GET(new Request(`http://localhost/api/search${query}`));

describe("GET /api/search", () => {
  beforeEach(() => {
    state.user = null;
  });

  it("answers 401 to the anonymous", async () => {
    const response = await get("?q=M%C3%BCller");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: false, error: "unauthenticated" });
  });

  it("answers 400 to a bad query and 409 without a company, never 500", async () => {
    const company = await createTestCompany("Route");
    state.user = { id: newId(), role: "company_admin", companyId: company.id };
    for (const query of [`?q=${"x".repeat(101)}`, "?q=a%00b", "?q=ab&q=cd"]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toEqual({ ok: false, error: "invalid_query" });
    }
    const ok = await get("?q=Zz");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(await ok.json()).toEqual({ ok: true, customers: [], appointments: [], staff: [], services: [] });
    expect((await get("")).status).toBe(200);

    state.user = { id: newId(), role: "platform_admin", companyId: null };
    expect((await get("?q=Zz")).status).toBe(409);
  });
});
