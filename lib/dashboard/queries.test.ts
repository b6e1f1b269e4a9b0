import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { appointments, branches, customers, services, staff } from "@/db/schema";
import { createTestCompany } from "@/db/testing/fixtures";
import { dayWindow, getDashboardSummary } from "./queries";

// 2026-03-29 is the spring DST switch in Berlin: the local day is 23 hours long.
const NOW = new Date("2026-03-29T10:00:00Z"); // 12:00 in Berlin (CEST)

async function world(name: string) {
  const company = await createTestCompany(name);
  const ids = await withCompany(company.id, async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({ companyId: company.id, firstName: "Jana", lastName: "Krüger" })
      .returning({ id: customers.id });
    const [service] = await tx
      .insert(services)
      .values({ companyId: company.id, name: "Damenhaarschnitt", durationMinutes: 45, priceCents: 4900 })
      .returning({ id: services.id });
    const [member] = await tx
      .insert(staff)
      .values({ companyId: company.id, branchId: company.branchId, firstName: "Mia", lastName: "Wolf", displayName: "Mia W." })
      .returning({ id: staff.id });
    await tx.insert(staff).values({
      companyId: company.id,
      branchId: company.branchId,
      firstName: "Alt",
      lastName: "Inaktiv",
      displayName: "Alt I.",
      isActive: false,
    });
    return { customerId: customer!.id, serviceId: service!.id, staffId: member!.id };
  });
  const book = (startsAt: string, status: (typeof appointments.$inferInsert)["status"] = "booked") =>
    withCompany(company.id, (tx) =>
      tx.insert(appointments).values({
        companyId: company.id,
        branchId: company.branchId,
        staffId: ids.staffId,
        serviceId: ids.serviceId,
        customerId: ids.customerId,
        startsAt: new Date(startsAt),
        endsAt: new Date(new Date(startsAt).getTime() + 45 * 60_000),
        status,
        source: "admin",
        priceCents: 4900,
      }),
    );
  return { company, book };
}

describe("dayWindow", () => {
  it("starts the day at local midnight in the given zone, across a DST switch", () => {
    const w = dayWindow(NOW, "Europe/Berlin");
    expect(w.todayStart.toISOString()).toBe("2026-03-28T23:00:00.000Z"); // still CET at midnight
    expect(w.tomorrowStart.toISOString()).toBe("2026-03-29T22:00:00.000Z"); // CEST from 02:00
    expect(w.weekEnd.toISOString()).toBe("2026-04-04T22:00:00.000Z");
  });
});

describe("getDashboardSummary", () => {
  it("counts today in the company's zone, the next 7 days, and lists the next appointments", async () => {
    const { company, book } = await world("Dashboard");
    await book("2026-03-28T23:30:00Z"); // 00:30 local on the 29th: today
    await book("2026-03-28T22:30:00Z"); // 23:30 local on the 28th: yesterday
    await book("2026-03-29T15:00:00Z"); // today, later
    await book("2026-03-29T16:00:00Z", "cancelled"); // does not count
    await book("2026-04-02T08:00:00Z", "confirmed"); // within 7 days
    await book("2026-04-06T08:00:00Z"); // beyond the week

    const summary = await getDashboardSummary(company.id, "Europe/Berlin", NOW);
    expect(summary.appointmentsToday).toBe(2);
    expect(summary.appointmentsNext7Days).toBe(3);
    expect(summary.activeCustomers).toEqual({ value: 1, capped: false });
    expect(summary.activeStaff).toBe(1);
    expect(summary.upcoming.map((a) => a.startsAt.toISOString())).toEqual([
      "2026-03-29T15:00:00.000Z",
      "2026-04-02T08:00:00.000Z",
      "2026-04-06T08:00:00.000Z",
    ]);
    expect(summary.upcoming[0]).toMatchObject({
      customerName: "Jana Krüger",
      serviceName: "Damenhaarschnitt",
      staffName: "Mia W.",
      branchName: "Hauptfiliale",
      branchTimeZone: "Europe/Berlin",
    });
  });

  it("a branch-limited scope counts only its branches' appointments and staff; an empty scope nothing", async () => {
    const { company, book } = await world("Filialen");
    await book("2026-03-29T15:00:00Z");
    const otherBranch = await withCompany(company.id, async (tx) => {
      const [branch] = await tx.insert(branches).values({ companyId: company.id, name: "Zweite", timeZone: "Europe/Berlin" }).returning({ id: branches.id });
      return branch!.id;
    });
    const all = await getDashboardSummary(company.id, "Europe/Berlin", NOW, { branchIds: null });
    expect(all.appointmentsToday).toBe(1);
    const other = await getDashboardSummary(company.id, "Europe/Berlin", NOW, { branchIds: [otherBranch] });
    expect(other).toMatchObject({ appointmentsToday: 0, appointmentsNext7Days: 0, activeStaff: 0, upcoming: [] });
    // Customers belong to the company: every role that reads the dashboard may read them.
    expect(other.activeCustomers.value).toBe(1);
    const own = await getDashboardSummary(company.id, "Europe/Berlin", NOW, { branchIds: [company.branchId] });
    expect(own).toMatchObject({ appointmentsToday: 1, activeStaff: 1 });
    expect(own.upcoming).toHaveLength(1);
    const none = await getDashboardSummary(company.id, "Europe/Berlin", NOW, { branchIds: [] });
    expect(none).toMatchObject({ appointmentsToday: 0, activeStaff: 0, upcoming: [] });
  });

  it("shows company B nothing of company A", async () => {
    const a = await world("A");
    await a.book("2026-03-29T15:00:00Z");
    const b = await createTestCompany("B");
    const summary = await getDashboardSummary(b.id, "Europe/Berlin", NOW);
    expect(summary).toEqual({
      appointmentsToday: 0,
      appointmentsNext7Days: 0,
      activeCustomers: { value: 0, capped: false },
      activeStaff: 0,
      upcoming: [],
    });
  });
});
