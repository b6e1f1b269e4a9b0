// Test support only (imported by *.test.ts): a salon as the voice agent sees it — a Berlin branch
// with opening hours (Mon–Fri 9–18, Sat 10–14, Sun closed), one stylist working Mon–Sat 9–18,
// phone-bookable services, a known caller with a sealed phone number, an agent and its number.
import { eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { appointments, branches, customers, phoneNumbers, retellAgents, services, staff, staffServices, workingHours } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { testPhoneNumber } from "@/db/testing/rows";
import { sealCustomerFields } from "@/lib/customers/protect";
import type { ToolContext } from "./types";

export const BERLIN = "Europe/Berlin";
/** Wednesday 10 March 2027, 10:15 in Berlin (CET). */
export const NOW = new Date("2027-03-10T09:15:00Z");

export type VoiceWorld = Awaited<ReturnType<typeof createVoiceWorld>>;

export async function createVoiceWorld(name = "Salon", options: { locale?: "de" | "en" } = {}) {
  const { id: companyId, branchId } = await createTestCompany(name);
  const e164 = testPhoneNumber();
  const callerNumber = testPhoneNumber();
  const ids = { staffId: newId(), ladies: newId(), gents: newId(), colour: newId(), customerId: newId(), agentId: newId(), retellAgentId: `agent_${newId().replace(/-/g, "")}` };
  await withCompany(companyId, async (tx) => {
    await tx
      .update(branches)
      .set({
        name: "Schnittkunst Mitte",
        locale: options.locale ?? "de",
        openingHours: {
          "1": [{ open: "09:00", close: "18:00" }],
          "2": [{ open: "09:00", close: "18:00" }],
          "3": [{ open: "09:00", close: "18:00" }],
          "4": [{ open: "09:00", close: "18:00" }],
          "5": [{ open: "09:00", close: "18:00" }],
          "6": [{ open: "10:00", close: "14:00" }],
        },
      })
      .where(eq(branches.id, branchId));
    await tx.insert(staff).values({ id: ids.staffId, companyId, branchId, firstName: "Lena", lastName: "Vogel", displayName: "Lena" });
    await tx.insert(workingHours).values([1, 2, 3, 4, 5, 6].map((weekday) => ({ companyId, staffId: ids.staffId, branchId, weekday, startTime: "09:00", endTime: "18:00" })));
    await tx.insert(services).values([
      { id: ids.ladies, companyId, name: "Damenhaarschnitt", durationMinutes: 45, priceCents: 3550, sortOrder: 1 },
      { id: ids.gents, companyId, name: "Herrenhaarschnitt", durationMinutes: 30, priceCents: 2500, sortOrder: 2 },
      { id: ids.colour, companyId, name: "Färben", durationMinutes: 90, priceCents: 8900, sortOrder: 3, bookableByPhone: false },
    ]);
    await tx.insert(staffServices).values([ids.ladies, ids.gents, ids.colour].map((serviceId) => ({ companyId, staffId: ids.staffId, serviceId })));
    await tx.insert(customers).values({ id: ids.customerId, companyId, firstName: "Anna", lastName: "Becker", ...sealCustomerFields(companyId, { phone: callerNumber }) });
    await tx.insert(retellAgents).values({ id: ids.agentId, companyId, retellAgentId: ids.retellAgentId, name: "Empfang" });
    await tx.insert(phoneNumbers).values({ id: newId(), companyId, branchId, retellAgentId: ids.agentId, e164 });
  });
  return { companyId, branchId, e164, callerNumber, ...ids };
}

export function contextOf(w: VoiceWorld, extra: Partial<ToolContext> = {}): ToolContext {
  return {
    companyId: w.companyId,
    branchId: w.branchId,
    timeZone: BERLIN,
    locale: "de",
    callId: `call_${newId().replace(/-/g, "")}`,
    fromNumber: w.callerNumber,
    now: NOW,
    ...extra,
  };
}

/** An appointment of the world's customer (or another) with the stylist. */
export async function bookDirectly(
  w: VoiceWorld,
  startsAt: Date,
  extra: { customerId?: string; serviceId?: string; minutes?: number; status?: "booked" | "cancelled" } = {},
) {
  const id = newId();
  await withCompany(w.companyId, (tx) =>
    tx.insert(appointments).values({
      id,
      companyId: w.companyId,
      branchId: w.branchId,
      staffId: w.staffId,
      serviceId: extra.serviceId ?? w.ladies,
      customerId: extra.customerId ?? w.customerId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (extra.minutes ?? 45) * 60_000),
      status: extra.status ?? "booked",
      source: "phone",
      priceCents: 3550,
    }),
  );
  return id;
}
