import { withCompany } from "@/db";
import { users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { ownerHandle } from "@/db/testing/fixtures";

// Test helpers for lib/companies: a platform admin made the only way there is
// (app_create_platform_admin as the owner) and a company admin of a company.

export const tag = () => newId().slice(-12);

export async function createPlatformAdmin(): Promise<{ id: string }> {
  const owner = await ownerHandle();
  const id = newId();
  await owner.sql.query("select app_create_platform_admin($1::uuid, $2, $3, $4)", [id, `platform-${tag()}@example.test`, "Plattform", "$argon2id$x"]);
  return { id };
}

export async function createCompanyAdmin(companyId: string): Promise<{ id: string }> {
  const id = newId();
  await withCompany(companyId, (tx) =>
    tx.insert(users).values({ id, companyId, email: `admin-${tag()}@example.test`, name: "Anna Admin", passwordHash: "$argon2id$x", role: "company_admin" }),
  );
  return { id };
}
