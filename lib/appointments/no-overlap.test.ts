import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import * as schema from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, sqlStateOf } from "@/db/testing/fixtures";
import { insertBranch, insertCustomer, insertService, insertStaff } from "@/db/testing/rows";

// The database refuses a second active appointment of one staff member over the same time
// (drizzle/0017: an exclusion constraint), whoever writes it and however close together.

async function world() {
  const company = await createTestCompany("Doppelt");
  const refs = await withCompany(company.id, async (tx) => {
    const branchId = await insertBranch(tx, company.id);
    return {
      branchId,
      staffId: await insertStaff(tx, company.id, branchId),
      otherStaffId: await insertStaff(tx, company.id, branchId),
      serviceId: await insertService(tx, company.id),
      customerId: await insertCustomer(tx, company.id),
    };
  });
  const book = (startsAt: string, minutes = 60, extra: Partial<typeof schema.appointments.$inferInsert> = {}) =>
    withCompany(company.id, async (tx) => {
      const id = newId();
      await tx.insert(schema.appointments).values({
        id,
        companyId: company.id,
        branchId: refs.branchId,
        staffId: refs.staffId,
        serviceId: refs.serviceId,
        customerId: refs.customerId,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + minutes * 60_000),
        source: "admin",
        priceCents: 3500,
        ...extra,
      });
      return id;
    });
  return { company, refs, book };
}

const outcome = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => sqlStateOf(e) ?? String(e));

describe("an appointment lasts at most 24 hours (drizzle/0026: availability's bounded read relies on it)", () => {
  it("24 hours is allowed, a minute more is refused (23514), also across a daylight-saving switch", async () => {
    const { book } = await world();
    expect(await outcome(book("2031-03-29T12:00:00Z", 1440))).toBe("ok"); // Berlin's spring switch lies inside
    expect(await outcome(book("2031-04-07T09:00:00Z", 1441))).toBe("23514");
  });
});

describe("no double booking, enforced by the database", () => {
  it("two concurrent bookings of the same staff member over overlapping times: exactly one wins", async () => {
    const { book } = await world();
    const results = await Promise.all([
      outcome(book("2031-03-03T09:00:00Z")),
      outcome(book("2031-03-03T09:30:00Z")),
      outcome(book("2031-03-03T09:15:00Z", 30)), // all three overlap pairwise
    ]);
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "23P01")).toHaveLength(2);
  });

  it("back to back is fine; another staff member or a cancelled or deleted appointment does not block", async () => {
    const { book, refs } = await world();
    const first = await book("2031-03-03T09:00:00Z");
    expect(await outcome(book("2031-03-03T10:00:00Z"))).toBe("ok");
    expect(await outcome(book("2031-03-03T08:00:00Z"))).toBe("ok");
    expect(await outcome(book("2031-03-03T09:00:00Z", 60, { staffId: refs.otherStaffId }))).toBe("ok");
    expect(await outcome(book("2031-03-03T09:00:00Z", 60, { status: "cancelled" }))).toBe("ok");
    expect(await outcome(book("2031-03-03T09:10:00Z"))).toBe("23P01");
    expect(await outcome(book("2031-03-03T09:10:00Z", 30, { status: "completed" }))).toBe("ok");
    return first;
  });

  it("cancelling frees the time; moving another appointment onto it then works, onto a live one fails", async () => {
    const { company, book } = await world();
    const a = await book("2031-03-04T09:00:00Z");
    const b = await book("2031-03-04T11:00:00Z");
    const move = (id: string, startsAt: string) =>
      withCompany(company.id, (tx) =>
        tx
          .update(schema.appointments)
          .set({ startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + 3_600_000) })
          .where(eq(schema.appointments.id, id)),
      );
    expect(await outcome(move(b, "2031-03-04T09:30:00Z"))).toBe("23P01");
    await withCompany(company.id, (tx) => tx.update(schema.appointments).set({ status: "cancelled" }).where(eq(schema.appointments.id, a)));
    expect(await outcome(move(b, "2031-03-04T09:30:00Z"))).toBe("ok");
  });

  it("another company's appointment at the same time is no clash (and invisible)", async () => {
    const a = await world();
    const b = await world();
    await a.book("2031-03-05T09:00:00Z");
    expect(await outcome(b.book("2031-03-05T09:00:00Z"))).toBe("ok");
  });
});
