import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withCompany } from "@/db";
import { appointments, calls, customers } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { ownerHandle } from "@/db/testing/fixtures";
import * as appointmentsRoute from "@/app/api/v1/appointments/route";
import * as appointmentRoute from "@/app/api/v1/appointments/[id]/route";
import * as callsRoute from "@/app/api/v1/calls/route";
import * as customersRoute from "@/app/api/v1/customers/route";
import * as catchAll from "@/app/api/v1/[...path]/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { createCustomer } from "@/lib/customers";
import type { ApiScope } from "@/lib/api/scopes";
import { type ApiWorld, createApiWorld, eventsOf, issueToken } from "@/lib/api/testing";
import { revokeApiToken } from "@/lib/api/tokens";
import { appointmentPageSchema, appointmentSchema, callPageSchema, customerPageSchema } from "./schemas";
import { jsonSchemaOf } from "./openapi";
import { operations } from "./registry";

// /api/v1 through its real route handlers (the exported GET/POST of app/api/v1/**) with real
// Request objects on the real database: scopes, tenancy, pagination, booking, bad input.

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const url = (path: string) => `http://localhost/api/v1${path}`;
const auth = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

const getAppointments = (token: string, query = "") => appointmentsRoute.GET(new Request(url(`/appointments${query}`), { headers: auth(token) }), ctx());
const getAppointment = (token: string, id: string) => appointmentRoute.GET(new Request(url(`/appointments/${id}`), { headers: auth(token) }), ctx({ id }));
const getCustomers = (token: string, query = "") => customersRoute.GET(new Request(url(`/customers${query}`), { headers: auth(token) }), ctx());
const getCalls = (token: string, query = "") => callsRoute.GET(new Request(url(`/calls${query}`), { headers: auth(token) }), ctx());
const postAppointment = (token: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  appointmentsRoute.POST(
    new Request(url("/appointments"), { method: "POST", headers: auth(token, headers), body: typeof body === "string" ? body : JSON.stringify(body) }),
    ctx(),
  );

const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};
const bookingOf = (w: ApiWorld, startsAt: Date) => ({
  branch_id: w.branchId,
  service_id: w.serviceId,
  staff_id: w.staffId,
  customer_id: w.customerId,
  starts_at: startsAt.toISOString(),
});

async function insertAppointment(w: ApiWorld, startsAt: string) {
  const id = newId();
  const owner = await ownerHandle();
  await withCompany(
    w.companyId,
    async (tx) => {
      await tx.insert(appointments).values({
        id, companyId: w.companyId, branchId: w.branchId, staffId: w.staffId, serviceId: w.serviceId, customerId: w.customerId,
        startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + 30 * 60_000), source: "admin", priceCents: 3500,
        // Completed: several may share one staff member's time (only active ones may not overlap).
        status: "completed",
      });
    },
    { handle: owner.kind === "pglite" ? undefined : owner },
  );
  // Microsecond start times (a JavaScript Date cannot hold them): set in SQL.
  await owner.sql.query("update appointments set starts_at = $2::timestamptz, ends_at = $2::timestamptz + interval '30 minutes' where id = $1", [id, startsAt]);
  return id;
}

async function count(companyId: string) {
  return (await withCompany(companyId, (tx) => tx.select({ id: appointments.id }).from(appointments))).length;
}

async function walk(fetchPage: (query: string) => Promise<Response>, limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await fetchPage(`?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: string }[]; next_cursor: string | null };
    seen.push(...body.data.map((r) => r.id));
    cursor = body.next_cursor;
    pages++;
  } while (cursor && pages < 50);
  return { seen, pages };
}

describe("scopes", () => {
  it("lets each endpoint through only with its scope; a missing one is 403 insufficient_scope and a security event", async () => {
    const w = await createApiWorld();
    const read = await issueToken(w, ["appointments:read"]);
    expect((await getAppointments(read.token)).status).toBe(200);
    const denied: [string, Response][] = [
      ["appointments:write", await postAppointment(read.token, bookingOf(w, inDays(2)))],
      ["customers:read", await getCustomers(read.token)],
      ["calls:read", await getCalls(read.token)],
    ];
    for (const [scope, response] of denied) {
      expect(response.status, scope).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: "insufficient_scope", message: expect.any(String), details: { required_scope: scope } },
      });
      expect(response.headers.get("WWW-Authenticate")).toContain(`scope="${scope}"`);
      expect(response.headers.get("RateLimit-Limit")).toBeTruthy();
    }
    expect(await count(w.companyId)).toBe(0);
    const events = await eventsOf(w.companyId, "api_scope_denied");
    expect(events.map((e) => (e.details as { scope: string }).scope).sort()).toEqual(["appointments:write", "calls:read", "customers:read"]);
    expect(events.every((e) => (e.details as { tokenId: string }).tokenId === read.created.id)).toBe(true);

    const scoped = async (scope: ApiScope) => (await issueToken(w, [scope])).token;
    expect((await getCustomers(await scoped("customers:read"))).status).toBe(200);
    expect((await getCalls(await scoped("calls:read"))).status).toBe(200);
    expect((await postAppointment(await scoped("appointments:write"), bookingOf(w, inDays(2)))).status).toBe(201);
    expect((await getAppointments(await scoped("appointments:write"))).status).toBe(403);
  });
});

describe("tenancy", () => {
  it("a token of company A never reads or changes company B's rows", async () => {
    const a = await createApiWorld("A");
    const b = await createApiWorld("B");
    const tokenA = (await issueToken(a, ["appointments:read", "appointments:write", "customers:read", "calls:read"])).token;
    const ownA = await insertAppointment(a, "2031-03-01T10:00:00.000000Z");
    const ofB = await insertAppointment(b, "2031-03-01T11:00:00.000000Z");
    await withCompany(b.companyId, (tx) =>
      tx.insert(calls).values({ companyId: b.companyId, retellCallId: `call_${newId()}`, status: "ended", startedAt: new Date() }),
    );

    expect((await getAppointment(tokenA, ownA)).status).toBe(200);
    const foreign = await getAppointment(tokenA, ofB);
    const missing = await getAppointment(tokenA, newId());
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());

    const list = (await (await getAppointments(tokenA)).json()) as { data: { id: string }[] };
    expect(list.data.map((r) => r.id)).toEqual([ownA]);
    const people = (await (await getCustomers(tokenA)).json()) as { data: { id: string }[] };
    expect(people.data.map((r) => r.id)).toEqual([a.customerId]);
    expect(((await (await getCalls(tokenA)).json()) as { data: unknown[] }).data).toEqual([]);
    // Filtering by B's branch or staff finds nothing.
    expect(((await (await getAppointments(tokenA, `?branch_id=${b.branchId}`)).json()) as { data: unknown[] }).data).toEqual([]);

    // Booking with any of B's ids is refused, and neither company changes.
    for (const field of ["customer_id", "staff_id", "service_id", "branch_id"] as const) {
      const key = { customer_id: "customerId", staff_id: "staffId", service_id: "serviceId", branch_id: "branchId" }[field];
      const response = await postAppointment(tokenA, { ...bookingOf(a, inDays(3)), [field]: b[key as keyof ApiWorld] });
      expect(response.status, field).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: "unknown_reference", details: { field } } });
    }
    expect(await count(a.companyId)).toBe(1);
    expect(await count(b.companyId)).toBe(1);
  });
});

describe("cursor pagination", () => {
  it("walks appointments page by page without losing or repeating rows that share a millisecond", async () => {
    const w = await createApiWorld();
    const token = (await issueToken(w, ["appointments:read"])).token;
    const ids = [];
    // Five starts inside one millisecond, two at the same microsecond, and a few more.
    for (const at of ["2031-05-01T09:00:00.123401Z", "2031-05-01T09:00:00.123402Z", "2031-05-01T09:00:00.123402Z", "2031-05-01T09:00:00.123403Z", "2031-05-01T09:00:00.123999Z", "2031-05-01T10:00:00Z", "2031-05-02T10:00:00Z"]) {
      ids.push(await insertAppointment(w, at));
    }
    const { seen, pages } = await walk((q) => getAppointments(token, q), 2);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
    // Filters apply across pages too.
    const filtered = await walk((q) => getAppointments(token, `${q}&from=2031-05-01T09:30:00%2B00:00&to=2031-05-03T00:00:00Z`), 1);
    expect(filtered.seen).toHaveLength(2);
    const response = await getAppointments(token, "?limit=3");
    expect(appointmentPageSchema.safeParse(await response.json()).success).toBe(true);
  });

  it("walks customers (created in one millisecond) and calls (some never started) the same way", async () => {
    const w = await createApiWorld();
    const token = (await issueToken(w, ["customers:read", "calls:read"])).token;
    const owner = await ownerHandle();
    const made = [w.customerId];
    for (let i = 0; i < 4; i++) {
      const created = await createCustomer(w.companyId, { firstName: "Kim", lastName: `Nr ${i}`, phone: `030 1234 56${i}` });
      if (created.ok) made.push(created.customer.id);
    }
    await owner.sql.query("update customers set created_at = '2030-01-01T00:00:00.000100Z'::timestamptz + (random() * interval '500 microseconds') where company_id = $1", [w.companyId]);
    const people = await walk((q) => getCustomers(token, q), 2);
    expect(new Set(people.seen)).toEqual(new Set(made));
    expect(people.seen).toHaveLength(made.length);

    const callIds: string[] = [];
    await withCompany(w.companyId, async (tx) => {
      for (let i = 0; i < 5; i++) {
        const [row] = await tx
          .insert(calls)
          .values({ companyId: w.companyId, retellCallId: `call_${newId()}`, status: i < 3 ? "ended" : "not_connected", startedAt: i < 3 ? new Date(Date.UTC(2030, 0, 1, 10, i)) : null })
          .returning({ id: calls.id });
        callIds.push(row!.id);
      }
    });
    const called = await walk((q) => getCalls(token, q), 2);
    expect(called.seen).toHaveLength(5);
    expect(called.seen.slice(0, 3)).toEqual([callIds[2], callIds[1], callIds[0]]);
    expect(new Set(called.seen)).toEqual(new Set(callIds));
    const page = await (await getCalls(token, "?status=ended&limit=10")).json();
    expect(callPageSchema.parse(page).data).toHaveLength(3);

    // Exact lookups through the blind index.
    const byPhone = customerPageSchema.parse(await (await getCustomers(token, "?phone=%2B49301234562")).json());
    expect(byPhone.data.map((c) => c.phone)).toEqual(["+49301234562"]);
    expect(byPhone.next_cursor).toBeNull();
  });
});

describe("POST /api/v1/appointments", () => {
  it("books (201), then refuses the same slot with 409 slot_taken naming the clash", async () => {
    const w = await createApiWorld();
    const token = (await issueToken(w, ["appointments:write", "appointments:read"])).token;
    const start = inDays(5, 13);
    const created = await postAppointment(token, { ...bookingOf(w, start), notes: "Erstbesuch" });
    expect(created.status).toBe(201);
    const body = appointmentSchema.parse(await created.json());
    expect(body).toMatchObject({ source: "online", status: "booked", starts_at: start.toISOString(), notes: "Erstbesuch" });
    expect((await getAppointment(token, body.id)).status).toBe(200);

    const clash = await postAppointment(token, bookingOf(w, new Date(start.getTime() + 10 * 60_000)));
    expect(clash.status).toBe(409);
    expect(await clash.json()).toEqual({
      error: {
        code: "slot_taken",
        message: expect.stringContaining(start.toISOString()),
        details: { clash: { starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 30 * 60_000).toISOString() } },
      },
    });
    expect(await count(w.companyId)).toBe(1);
  });

  it("answers bad input with a 4xx and a stable code, never a 500, and stores nothing", async () => {
    const w = await createApiWorld();
    const { token, created } = await issueToken(w, ["appointments:write", "appointments:read"]);
    const valid = bookingOf(w, inDays(6));
    const megabyte = JSON.stringify({ ...valid, notes: "x".repeat(1024 * 1024) });
    const cases: [string, Promise<Response>, number, string][] = [
      ["1 MB body", postAppointment(token, megabyte), 413, "payload_too_large"],
      ["text/plain", postAppointment(token, valid, { "content-type": "text/plain" }), 415, "unsupported_media_type"],
      ["no content type", postAppointment(token, valid, {}), 415, "unsupported_media_type"],
      ["malformed JSON", postAppointment(token, "{ branch_id: "), 400, "malformed_json"],
      ["not an object", postAppointment(token, "[1,2]"), 400, "invalid_input"],
      ["unknown field", postAppointment(token, { ...valid, price_cents: 0 }), 400, "invalid_input"],
      ["no offset", postAppointment(token, { ...valid, starts_at: "2031-01-01T10:00:00" }), 400, "invalid_input"],
      ["past", postAppointment(token, { ...valid, starts_at: "2020-01-01T10:00:00Z" }), 422, "starts_in_past"],
      ["malformed token", postAppointment("apk_short", valid), 401, "invalid_token"],
      ["bad limit", getAppointments(token, "?limit=0"), 400, "invalid_input"],
      ["big limit", getAppointments(token, "?limit=101"), 400, "invalid_input"],
      ["bad status", getAppointments(token, "?status=gone"), 400, "invalid_input"],
      ["bad cursor", getAppointments(token, "?cursor=bm9wZQ"), 400, "invalid_input"],
      ["from after to", getAppointments(token, "?from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z"), 400, "invalid_input"],
      ["bad id", getAppointment(token, "not-a-uuid"), 404, "not_found"],
      ["PUT", appointmentsRoute.PUT(new Request(url("/appointments"), { method: "PUT", headers: auth(token) }), ctx()), 405, "method_not_allowed"],
      ["DELETE one", appointmentRoute.DELETE(new Request(url(`/appointments/${newId()}`), { method: "DELETE" }), ctx()), 405, "method_not_allowed"],
      ["unknown path", catchAll.GET(), 404, "not_found"],
    ];
    for (const [name, pending, status, code] of cases) {
      const response = await pending;
      expect(response.status, name).toBe(status);
      expect(response.headers.get("content-type"), name).toContain("application/json");
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(json.error.code, name).toBe(code);
      expect(json.error.message.length, name).toBeGreaterThan(0);
    }
    const invalid = (await (await postAppointment(token, { ...valid, customer_id: "x", starts_at: "morgen" })).json()) as {
      error: { details: { issues: { field: string }[] } };
    };
    expect(invalid.error.details.issues.map((i) => i.field).sort()).toEqual(["body.customer_id", "body.starts_at"]);
    expect((await appointmentsRoute.PUT(new Request(url("/appointments"), { method: "PUT" }), ctx())).headers.get("Allow")).toBe("GET, POST");

    // A revoked token: 401, and nothing booked.
    await revokeApiToken({ id: w.adminId, companyId: w.companyId, homeCompanyId: w.companyId }, created.id);
    const revoked = await postAppointment(token, valid);
    expect(revoked.status).toBe(401);
    expect(await count(w.companyId)).toBe(0);
    expect(await withCompany(w.companyId, (tx) => tx.select({ id: customers.id }).from(customers))).toHaveLength(1);
  });
});

describe("/api/v1/openapi.json", () => {
  it("is OpenAPI 3.1 with every registered operation, generated from the validating schemas", async () => {
    const response = await getOpenApi();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; security: unknown; parameters: { name: string; in: string; schema: unknown }[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Error).toBeDefined();
    for (const op of operations) {
      const entry = doc.paths[op.path]?.[op.method.toLowerCase()];
      expect(entry?.operationId, `${op.method} ${op.path}`).toBe(op.operationId);
      expect(entry?.security).toEqual([{ bearerToken: [op.scope] }]);
      expect(doc.components.schemas[op.response.name]).toEqual(JSON.parse(JSON.stringify(jsonSchemaOf(op.response.schema, "output"))));
      if (op.body) {
        const { $schema: _, ...expected } = z.toJSONSchema(op.body.schema, { target: "draft-2020-12", io: "input" });
        expect(doc.components.schemas[op.body.name]).toEqual(expected);
      }
      if (op.query) {
        const expected = z.toJSONSchema(op.query, { target: "draft-2020-12", io: "input" }) as { properties: Record<string, { description?: string }> };
        const params = entry!.parameters.filter((p) => p.in === "query");
        expect(params.map((p) => p.name).sort()).toEqual(Object.keys(expected.properties).sort());
        for (const p of params) {
          const { description: _, ...schema } = expected.properties[p.name]!;
          expect(p.schema, `${op.operationId} ?${p.name}`).toEqual(schema);
        }
      }
      expect(Object.keys(entry!.responses)).toEqual(expect.arrayContaining(["401", "403", "429"]));
    }
    expect(doc.paths["/appointments"]?.get?.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["from", "to", "status", "branch_id", "staff_id", "cursor", "limit"]),
    );
  });
});
