// Test support only (imported by *.test.ts): a company with what an appointment needs, an admin,
// and API tokens issued through the real use case.
import { sql } from "drizzle-orm";
import { withCompany } from "@/db";
import { securityEvents, staffServices, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertCustomer, insertService, insertAlwaysWorking, insertStaff } from "@/db/testing/rows";
import type { ApiScope } from "./scopes";
import { createApiToken } from "./tokens";

export type ApiWorld = { companyId: string; branchId: string; staffId: string; serviceId: string; customerId: string; adminId: string };

export async function createApiWorld(name = "API-Firma"): Promise<ApiWorld> {
  const { id: companyId, branchId } = await createTestCompany(name);
  const adminId = newId();
  return withCompany(companyId, async (tx) => {
    await tx.insert(users).values({
      id: adminId,
      companyId,
      email: `api-${adminId.slice(-12)}@example.test`,
      name: "Anna Admin",
      passwordHash: "$argon2id$x",
      role: "company_admin",
    });
    const staffId = await insertStaff(tx, companyId, branchId);
    const serviceId = await insertService(tx, companyId);
    await tx.insert(staffServices).values({ companyId, staffId, serviceId });
    // Booking rules about working hours are the availability engine's tests; here the staff member always works.
    await insertAlwaysWorking(tx, companyId, staffId, branchId);
    const customerId = await insertCustomer(tx, companyId);
    return { companyId, branchId, staffId, serviceId, customerId, adminId };
  });
}

export async function issueToken(world: ApiWorld, scopes: ApiScope[], extra: { expiresOn?: string; name?: string } = {}) {
  const result = await createApiToken(
    { id: world.adminId, companyId: world.companyId, homeCompanyId: world.companyId },
    { name: extra.name ?? "Test", scopes, expiresOn: extra.expiresOn },
  );
  if (!result.ok) throw new Error(`issueToken: ${JSON.stringify(result.fieldErrors)}`);
  return result;
}

export async function eventsOf(companyId: string, type: string) {
  return withCompany(companyId, (tx) =>
    tx.select().from(securityEvents).where(sql`${securityEvents.type} = ${type}`).orderBy(securityEvents.createdAt),
  );
}

export function bearer(token: string, init: RequestInit & { path?: string } = {}) {
  const { path = "/api/v1/appointments", headers, ...rest } = init;
  return new Request(`http://localhost${path}`, { ...rest, headers: { authorization: `Bearer ${token}`, ...(headers as Record<string, string>) } });
}


