import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { calls, toolInvocations } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { hashToolArguments, runToolOnce } from "./tool-idempotency";

describe("hashToolArguments", () => {
  it("is the same for the same arguments in another key order, spacing or with empty extras", () => {
    const a = hashToolArguments({ service: "Haarschnitt", date: "2031-03-04", time: "10:00" });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToolArguments({ time: " 10:00 ", date: "2031-03-04", service: "Haarschnitt", note: "", staff: null })).toBe(a);
    expect(hashToolArguments({ service: "Haarschnitt", date: "2031-03-04", time: "11:00" })).not.toBe(a);
  });
});

describe("runToolOnce", () => {
  it("three concurrent identical deliveries do the work once and answer the same", async () => {
    const company = await createTestCompany("Idempotent");
    const retellCallId = `call_${newId()}`;
    let produced = 0;
    const deliver = () =>
      withCompany(company.id, (tx) =>
        runToolOnce(tx, { companyId: company.id, retellCallId, tool: "book_appointment", args: { time: "10:00", date: "2031-03-04" } }, async () => {
          produced++;
          // The "booking": a row written in the same transaction.
          const id = newId();
          await tx.insert(calls).values({ id, companyId: company.id, retellCallId: `booked_${id}` });
          await new Promise((r) => setTimeout(r, 50));
          return { ok: true, message: "Ihr Termin ist gebucht.", bookingId: id };
        }),
      );
    const results = await Promise.all([deliver(), deliver(), deliver()]);
    expect(produced).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r.response))).size).toBe(1);
    const booked = await withCompany(company.id, (tx) => tx.select({ id: calls.id }).from(calls));
    expect(booked).toHaveLength(1);
    // Other arguments are another invocation.
    const other = await withCompany(company.id, (tx) =>
      runToolOnce(tx, { companyId: company.id, retellCallId, tool: "book_appointment", args: { time: "11:00", date: "2031-03-04" } }, async () => "second"),
    );
    expect(other).toEqual({ response: "second", replayed: false });
  });

  it("a delivery whose work fails leaves no key: the next one does the work", async () => {
    const company = await createTestCompany("Rollback");
    const key = { companyId: company.id, retellCallId: `call_${newId()}`, tool: "book_appointment", args: { time: "09:00" } };
    await expect(
      withCompany(company.id, (tx) =>
        runToolOnce(tx, key, async () => {
          throw new Error("calendar down");
        }),
      ),
    ).rejects.toThrow("calendar down");
    expect(await withCompany(company.id, (tx) => tx.select().from(toolInvocations).where(eq(toolInvocations.retellCallId, key.retellCallId)))).toEqual([]);
    const retry = await withCompany(company.id, (tx) => runToolOnce(tx, key, async () => ({ ok: true })));
    expect(retry).toEqual({ response: { ok: true }, replayed: false });
  });
});
