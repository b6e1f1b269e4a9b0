import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, rowsOf, runtimeDatabase, withCompany } from "@/db";
import { customers } from "@/db/schema";
import { ownerHandle } from "@/db/testing/fixtures";
import { openCustomerFields, sealCustomerFields } from "@/lib/customers/protect";
import { seedScale } from "./scale";

// The scale seed at a tiny factor: the same statements as the millions, checked for what the
// benchmarks rely on — volumes in proportion, references inside one company (foreign keys are
// not checked while it writes), no overlapping appointments per staff member, readable
// encrypted customer fields, and tenancy still in force on the result.

describe("seedScale (factor 0.0004)", () => {
  it("fills every table in proportion, consistently and without overlaps", async () => {
    const runtime = await runtimeDatabase();
    // On a server the seed needs one session: a pool of one connection.
    const handle = runtime.kind === "pglite" ? await ownerHandle() : await openDatabase({ role: "owner", max: 1 });
    try {
      const counts = await seedScale(handle, { factor: 0.0004, sealCustomer: sealCustomerFields });
      expect(counts.companies).toBe(2);
      expect(counts.customers).toBe(200);
      expect(counts.appointments).toBeGreaterThanOrEqual(1_000);
      expect(counts.appointments).toBeLessThan(1_100);
      expect(counts.calls).toBe(2_000);

      const owner = await ownerHandle();
      // Only the rows the scale seed made (other test files share a server database).
      const [check] = await owner.sql.query<{ cross: number; overlaps: number; orphans: number }>(`
        with scale as (select id from companies where slug like 'scale-%')
        select
          (select count(*)::int from appointments a
             join staff s on s.id = a.staff_id join customers c on c.id = a.customer_id join services v on v.id = a.service_id
            where a.company_id in (select id from scale) and (s.company_id <> a.company_id or c.company_id <> a.company_id or v.company_id <> a.company_id)) as cross,
          (select count(*)::int from appointments a join appointments b
             on a.staff_id = b.staff_id and a.id < b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at
            where a.company_id in (select id from scale) and a.status <> 'cancelled' and b.status <> 'cancelled') as overlaps,
          (select count(*)::int from calls k left join customers c on c.id = k.customer_id
            where k.company_id in (select id from scale) and k.customer_id is not null and (c.id is null or c.company_id <> k.company_id)) as orphans`);
      expect(check).toEqual({ cross: 0, overlaps: 0, orphans: 0 });

      const [company] = await owner.sql.query<{ id: string }>(
        "select k.company_id as id from calls k join companies c on c.id = k.company_id where c.slug like 'scale-%' group by k.company_id order by k.company_id limit 1",
      );
      const seen = await withCompany(company!.id, async (tx) => {
        const [row] = await tx.select().from(customers).limit(1);
        const [count] = rowsOf<{ calls: number }>(await tx.execute(sql`select count(*)::int as calls from calls`));
        return { row: row!, visible: count!.calls };
      });
      // The first company by id is the big chain: 20 % of the calls.
      expect(seen.visible).toBe(400);
      expect(openCustomerFields(seen.row).phone).toMatch(/^\+49151\d{8}$/);
    } finally {
      if (runtime.kind !== "pglite") await handle.close();
    }
  });
});
