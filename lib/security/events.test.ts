import { afterEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { securityEvents, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { recordSecurityEvent, requestInfo } from "./events";

// recordSecurityEvent writes through app_record_security_event on the runtime role; rows are read
// back the way the app reads them (withCompany, under RLS) and, for rows no company may see, as
// the owner. Every assertion is about rows made here (test files may share one database).

const marker = () => `m-${newId()}`;

async function createUser(companyId: string) {
  const id = newId();
  await withCompany(companyId, (tx) =>
    tx.insert(users).values({ id, companyId, email: `ev-${id.slice(-12)}@example.test`, name: "Eva", passwordHash: "$argon2id$x", role: "viewer" }),
  );
  return id;
}

/** Events with this marker in their details, as company `companyId` sees them. */
async function visibleTo(companyId: string, tag: string) {
  return withCompany(companyId, (tx) =>
    tx.select().from(securityEvents).where(sql`${securityEvents.details}->>'marker' = ${tag}`),
  );
}

async function asOwner(tag: string) {
  const owner = await ownerHandle();
  return owner.sql.query<{ type: string; company_id: string | null; user_id: string | null; ip: string | null; user_agent: string | null; details: Record<string, unknown> }>(
    "select type, company_id, user_id, host(ip) ip, user_agent, details from security_events where details->>'marker' = $1",
    [tag],
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("recordSecurityEvent", () => {
  it("writes a row its company sees and another company does not", async () => {
    const a = await createTestCompany("Events A");
    const b = await createTestCompany("Events B");
    const userId = await createUser(a.id);
    const tag = marker();

    const stored = await recordSecurityEvent({
      type: "permission_denied",
      companyId: a.id,
      userId,
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
      details: { permission: "users:read", path: "/settings/users", marker: tag },
    });
    expect(stored).toBe(true);

    const rows = await visibleTo(a.id, tag);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      companyId: a.id,
      userId,
      type: "permission_denied",
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
      details: { permission: "users:read", path: "/settings/users", marker: tag },
    });
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
    expect(await visibleTo(b.id, tag)).toEqual([]);
  });

  it("keeps a company-less event away from every company (written all the same)", async () => {
    const a = await createTestCompany("Events C");
    const b = await createTestCompany("Events D");
    const tag = marker();
    expect(await recordSecurityEvent({ type: "sign_in_failed", companyId: null, userId: null, ip: "2001:db8::1", details: { marker: tag } })).toBe(true);
    expect(await visibleTo(a.id, tag)).toEqual([]);
    expect(await visibleTo(b.id, tag)).toEqual([]);
    expect(await asOwner(tag)).toEqual([
      { type: "sign_in_failed", company_id: null, user_id: null, ip: "2001:db8::1", user_agent: null, details: { marker: tag } },
    ]);
  });

  it("the runtime cannot write security events directly, only through the function", async () => {
    const a = await createTestCompany("Events E");
    const error = await withCompany(a.id, (tx) =>
      tx.insert(securityEvents).values({ companyId: a.id, type: "forged_event" }),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
  });
});

describe("recordSecurityEvent with bad input never throws", () => {
  it("skips a type that is not lower snake case, with a log line", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const a = await createTestCompany("Events F");
    for (const type of ["permission denied", "", "X", "Permission_Denied", "drop table; --", "a".repeat(65)]) {
      const tag = marker();
      await expect(recordSecurityEvent({ type, companyId: a.id, userId: null, details: { marker: tag } })).resolves.toBe(false);
      expect(await asOwner(tag)).toEqual([]);
    }
    expect(log).toHaveBeenCalledTimes(6);
    expect(String(log.mock.calls[0]![0])).toContain("invalid event type");
  });

  it("cuts a 10 KB user agent to 512 characters and drops control characters", async () => {
    const a = await createTestCompany("Events G");
    const tag = marker();
    const userAgent = `Evil\u0000Agent\r\n${"x".repeat(10 * 1024)}`;
    expect(await recordSecurityEvent({ type: "permission_denied", companyId: a.id, userId: null, userAgent, details: { marker: tag } })).toBe(true);
    const [row] = await visibleTo(a.id, tag);
    expect(row!.userAgent).toHaveLength(512);
    expect(row!.userAgent!.startsWith("EvilAgentxxx")).toBe(true);
  });

  it("stores a malformed IP or id as null, and sanitizes details", async () => {
    const a = await createTestCompany("Events H");
    const tag = marker();
    expect(
      await recordSecurityEvent({
        type: "permission_denied",
        companyId: a.id,
        userId: "not-a-uuid",
        ip: "999.1.1.1'; drop table users; --",
        details: { marker: tag, nul: "a\u0000b", big: 10n as unknown as number, nested: { ok: true } },
      }),
    ).toBe(true);
    const [row] = await visibleTo(a.id, tag);
    expect(row).toMatchObject({ userId: null, ip: null, details: { marker: tag, nul: "ab", big: "10", nested: { ok: true } } });
  });

  it("replaces oversized or unserializable details by a marker", async () => {
    const a = await createTestCompany("Events I");
    expect(await recordSecurityEvent({ type: "permission_denied", companyId: a.id, userId: null, details: { blob: "y".repeat(10_000) } })).toBe(true);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(await recordSecurityEvent({ type: "permission_denied", companyId: a.id, userId: null, details: circular })).toBe(true);
    const rows = await withCompany(a.id, (tx) => tx.select({ details: securityEvents.details }).from(securityEvents));
    expect(rows.map((r) => r.details)).toEqual(
      expect.arrayContaining([{ truncated: true, size: expect.any(Number) as number }, { unserializable: true }]),
    );
  });

  it("logs and returns false when the database refuses (unknown user), without leaking the IP or agent", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const a = await createTestCompany("Events J");
    const tag = marker();
    const result = recordSecurityEvent({
      type: "permission_denied",
      companyId: a.id,
      userId: newId(), // no such user: the foreign key refuses
      ip: "198.51.100.23",
      userAgent: "SecretAgent/1.0",
      details: { marker: tag },
    });
    await expect(result).resolves.toBe(false);
    expect(await asOwner(tag)).toEqual([]);
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]![0]);
    expect(line).toContain("permission_denied");
    expect(line).not.toContain("198.51.100.23");
    expect(line).not.toContain("SecretAgent");
  });

  it("logs and returns false for an unknown company", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(recordSecurityEvent({ type: "permission_denied", companyId: newId(), userId: null })).resolves.toBe(false);
  });
});

describe("requestInfo", () => {
  it("takes the first forwarded hop and the user agent, and drops what is not an address", () => {
    expect(requestInfo(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1", "user-agent": "UA/1" }))).toEqual({
      ip: "203.0.113.9",
      userAgent: "UA/1",
    });
    expect(requestInfo(new Headers({ "x-real-ip": "::1" }))).toEqual({ ip: "::1", userAgent: null });
    expect(requestInfo(new Headers({ "x-forwarded-for": "evil.example" })).ip).toBeNull();
    expect(requestInfo(new Headers()).ip).toBeNull();
  });
});
