import { describe, expect, it } from "vitest";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { recordSecurityEvent } from "./events";
import { listAllSecurityEvents, listCompanySecurityEvents, PAGE_SIZE, securityEventFiltersSchema } from "./queries";

describe("security events page queries", () => {
  it("lists a company's own events newest first, filtered, in keyset pages; never another company's", async () => {
    const a = await createTestCompany("Sicher A");
    const b = await createTestCompany("Sicher B");
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      await recordSecurityEvent({ type: i % 2 ? "sign_in_failed" : "permission_denied", companyId: a.id, userId: null, details: { i } });
    }
    await recordSecurityEvent({ type: "sign_in_failed", companyId: b.id, userId: null });

    const first = await listCompanySecurityEvents(a.id, {});
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows.every((r) => r.companyId === a.id)).toBe(true);
    const times = first.rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(first.nextCursor).not.toBeNull();
    const second = await listCompanySecurityEvents(a.id, { cursor: first.nextCursor! });
    expect(second.rows).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const seen = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(seen.size).toBe(PAGE_SIZE + 5);

    const failed = await listCompanySecurityEvents(a.id, { type: "sign_in_failed" });
    expect(failed.rows.every((r) => r.type === "sign_in_failed")).toBe(true);
    expect(failed.rows).toHaveLength(Math.floor((PAGE_SIZE + 5) / 2));

    const ofB = await listCompanySecurityEvents(b.id, {});
    expect(ofB.rows).toHaveLength(1);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await listCompanySecurityEvents(a.id, { from: tomorrow })).rows).toEqual([]);
  });

  it("pages over rows that share a millisecond but differ in microseconds without losing one", async () => {
    const a = await createTestCompany("Sicher Mikro");
    const owner = await ownerHandle();
    // PAGE_SIZE + 3 rows inside one millisecond, each a microsecond apart: a cursor cut to
    // milliseconds would skip every row between the cut and the last row shown.
    for (let i = 0; i < PAGE_SIZE + 3; i++) {
      await owner.sql.query(
        `insert into security_events (id, company_id, type, details, created_at)
         values ($1, $2, 'sign_in_failed', '{}', '2026-11-20 10:00:00.123'::timestamptz + make_interval(secs => $3::int / 1000000.0))`,
        [newId(), a.id, 100 + i],
      );
    }
    const first = await listCompanySecurityEvents(a.id, {});
    const second = await listCompanySecurityEvents(a.id, { cursor: first.nextCursor! });
    expect(first.nextCursor).toMatch(/^2026-11-20T10:00:00\.123\d{3}Z_/);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(PAGE_SIZE + 3);
    expect(second.nextCursor).toBeNull();
  });

  it("drops malformed filters instead of failing", () => {
    const parsed = securityEventFiltersSchema.parse({ type: "x; drop table", user: "nope", from: "2026-13", cursor: "'", scope: "everything" });
    expect(parsed).toEqual({});
  });

  it("platform admins see events without a company; others are refused", async () => {
    const owner = await ownerHandle();
    const adminId = newId();
    await owner.sql.query("select app_create_platform_admin($1::uuid, $2, $3, $4)", [adminId, `pa-${adminId}@example.test`, "PA", "x"]);
    const marker = `m${newId().slice(-8)}`;
    await recordSecurityEvent({ type: "sign_in_failed", companyId: null, userId: null, details: { marker } });
    const all = await listAllSecurityEvents(adminId, { type: "sign_in_failed" });
    expect(all.rows.some((r) => r.companyId === null && r.details.marker === marker)).toBe(true);
    await expect(listAllSecurityEvents(newId(), {})).rejects.toThrow();
  });
});
