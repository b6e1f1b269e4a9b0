import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db";
import { customers } from "@/db/schema";
import type { SealedCustomerFields } from "@/db/schema/customers";
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from "./names";

const FIRST_NAMES = [...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES];

// The reference system's volumes for benchmarks (operator-portal issue, "Scale"): ~200 companies,
// 500,000 customers, 2.5 million appointments and 5 million calls at factor 1. Everything but the
// customers is made inside PostgreSQL with generate_series (one statement per table); customers
// come from here in batches because their phone and email are encrypted with the app's key ring.
// Written as the owner with triggers off (session_replication_role = replica): the audit trail
// and its hash chains are not wanted for synthetic bulk data, and the rows are consistent by
// construction (every reference points into the same company). Appointments never overlap per
// staff member: each one takes the next hour of that person's weekday working time.
//
// Company 1 (by id) is a big chain: 150 staff, 20 % of the customers and of the calls, ~7 % of the
// appointments — so a list of one company runs to thousands of pages (the benchmarks' page 1,000);
// the other companies share the rest evenly.

export type ScaleOptions = {
  /** 1 = the reference's volumes; 0.001 for a smoke test. */
  factor: number;
  /** Encrypts a customer's phone and email the way the app does (lib/customers/protect.ts). */
  sealCustomer: (companyId: string, fields: { phone: string; email: string }) => SealedCustomerFields;
  log?: (message: string) => void;
};

export type ScaleCounts = { companies: number; branches: number; staff: number; services: number; customers: number; appointments: number; calls: number };

const BATCH = 5_000;

function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Fills the database behind `handle` (the owner; on a server a pool of ONE connection, since the
 * session setting and the temp tables must stay on one session).
 */
export async function seedScale(handle: DatabaseHandle, options: ScaleOptions): Promise<ScaleCounts> {
  const log = options.log ?? (() => {});
  const factor = options.factor;
  const companies = Math.max(2, Math.round(200 * Math.min(1, factor * 10)));
  const customerTotal = Math.max(companies, Math.round(500_000 * factor));
  const appointmentTotal = Math.round(2_500_000 * factor);
  const callTotal = Math.round(5_000_000 * factor);
  const db = handle.db;
  const run = (query: ReturnType<typeof sql>) => db.execute(query);

  await handle.sql.exec("SET session_replication_role = replica");
  try {
    // uuidv7 from a timestamp, for rows made in SQL (PostgreSQL 15 has no uuidv7()).
    await handle.sql.exec(`
      CREATE OR REPLACE FUNCTION pg_temp.scale_uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql AS $$
        SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' ||
                substr(md5(random()::text), 1, 3) || to_hex(8 + floor(random() * 4)::int) ||
                substr(md5(random()::text), 1, 15))::uuid
      $$`);

    const count = async (table: string) =>
      Number((await handle.sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE company_id IN (SELECT id FROM scale_companies)`))[0]!.n);
    let t0 = performance.now();
    const tag = Date.now().toString(36);
    await run(sql`
      INSERT INTO companies (id, name, slug, status, plan, time_zone)
      SELECT pg_temp.scale_uuid7(now() - make_interval(days => g)), 'Skala ' || g, ${`scale-${tag}-`} || g, 'active', 'pro', 'Europe/Berlin'
        FROM generate_series(1, ${companies}::int) g`);
    await run(sql`CREATE TEMP TABLE scale_companies ON COMMIT PRESERVE ROWS AS
      SELECT id, row_number() OVER (ORDER BY id) AS n FROM companies WHERE slug LIKE ${`scale-${tag}-%`}`);
    // 1–3 branches, 5–15 staff (spread over the branches), 10 services each.
    await run(sql`
      INSERT INTO branches (id, company_id, name, time_zone, opening_hours)
      SELECT pg_temp.scale_uuid7(now()), c.id, 'Filiale ' || b, 'Europe/Berlin',
             '{"1":[{"open":"08:00","close":"19:00"}],"2":[{"open":"08:00","close":"19:00"}],"3":[{"open":"08:00","close":"19:00"}],"4":[{"open":"08:00","close":"19:00"}],"5":[{"open":"08:00","close":"19:00"}]}'::jsonb
        FROM scale_companies c, generate_series(1, 1 + (c.n % 3)::int) b`);
    await run(sql`
      INSERT INTO staff (id, company_id, branch_id, first_name, last_name, display_name)
      SELECT pg_temp.scale_uuid7(now()), c.id,
             (SELECT id FROM branches b WHERE b.company_id = c.id ORDER BY b.id OFFSET (s % (1 + (c.n % 3))) LIMIT 1),
             'Person', 'Nr. ' || s, 'P' || s
        FROM scale_companies c, generate_series(1, CASE WHEN c.n = 1 THEN 150 ELSE 5 + (c.n % 11)::int END) s`);
    await run(sql`
      INSERT INTO services (id, company_id, name, duration_minutes, buffer_after_minutes, price_cents)
      SELECT pg_temp.scale_uuid7(now()), c.id, 'Leistung ' || v, 30 + 15 * (v % 4), 5 * (v % 3), 2000 + 500 * v
        FROM scale_companies c, generate_series(1, 10) v`);
    await run(sql`
      INSERT INTO staff_services (company_id, staff_id, service_id)
      SELECT s.company_id, s.id, v.id FROM staff s JOIN services v ON v.company_id = s.company_id
       WHERE s.company_id IN (SELECT id FROM scale_companies)`);
    await run(sql`
      INSERT INTO working_hours (id, company_id, staff_id, branch_id, weekday, start_time, end_time, breaks)
      SELECT pg_temp.scale_uuid7(now()), s.company_id, s.id, s.branch_id, d, '09:00', '17:00', '[{"start":"12:00","end":"12:30"}]'::jsonb
        FROM staff s, generate_series(1, 5) d
       WHERE s.company_id IN (SELECT id FROM scale_companies)`);
    log(`companies, branches, staff, services, working hours in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Customers: encrypted in the app, inserted in batches.
    t0 = performance.now();
    const companyIds = (await handle.sql.query<{ id: string }>("SELECT id FROM scale_companies ORDER BY n")).map((r) => r.id);
    const random = lcg(7);
    let made = 0;
    const bigShare = (total: number) => Math.round(total * 0.2);
    const shareOf = (total: number, index: number) =>
      index === 0 ? bigShare(total) : Math.floor((total - bigShare(total)) / (companyIds.length - 1));
    let batch: (typeof customers.$inferInsert)[] = [];
    const flush = async () => {
      if (batch.length) await db.insert(customers).values(batch);
      batch = [];
    };
    for (const [index, companyId] of companyIds.entries()) {
      for (let i = 0; i < shareOf(customerTotal, index); i++) {
        made++;
        const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]!;
        const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]!;
        const phone = `+49151${String(made).padStart(8, "0")}`;
        const email = `kunde${made}@scale.example`;
        batch.push({
          id: uuidv7({ msecs: Date.now() - Math.floor(random() * 730) * 86_400_000 }),
          companyId,
          firstName: first,
          lastName: last,
          ...options.sealCustomer(companyId, { phone, email }),
        });
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    log(`${made.toLocaleString("en")} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Appointments: per staff member, consecutive weekday hours from two years ago on.
    t0 = performance.now();
    await run(sql`CREATE TEMP TABLE scale_staff ON COMMIT PRESERVE ROWS AS
      SELECT s.id, s.company_id, s.branch_id, count(*) OVER (PARTITION BY s.company_id) AS per_company,
             row_number() OVER (PARTITION BY s.company_id ORDER BY s.id) AS k
        FROM staff s WHERE s.company_id IN (SELECT id FROM scale_companies)`);
    await run(sql`CREATE TEMP TABLE scale_refs ON COMMIT PRESERVE ROWS AS
      SELECT c.id AS company_id,
             (SELECT array_agg(id ORDER BY id) FROM customers x WHERE x.company_id = c.id) AS customer_ids,
             (SELECT array_agg(id ORDER BY id) FROM services x WHERE x.company_id = c.id) AS service_ids
        FROM scale_companies c`);
    const staffCount = Number((await handle.sql.query<{ n: string }>("SELECT count(*) AS n FROM scale_staff"))[0]!.n);
    const perStaff = Math.max(1, Math.ceil(appointmentTotal / staffCount));
    await run(sql`
      INSERT INTO appointments (id, company_id, branch_id, staff_id, service_id, customer_id, starts_at, ends_at, status, source, price_cents)
      SELECT pg_temp.scale_uuid7(t.starts_at), s.company_id, s.branch_id, s.id,
             r.service_ids[1 + (g % cardinality(r.service_ids))],
             r.customer_ids[1 + ((g * 7919 + s.k * 104729) % cardinality(r.customer_ids))],
             t.starts_at, t.starts_at + interval '45 minutes',
             (CASE WHEN t.starts_at > now() THEN (ARRAY['booked','confirmed'])[1 + g % 2]
                   ELSE (ARRAY['completed','completed','completed','completed','completed','completed','no_show','cancelled'])[1 + g % 8] END)::appointment_status,
             (ARRAY['phone','phone','admin','online'])[1 + g % 4]::appointment_source,
             4500
        FROM scale_staff s
        JOIN scale_refs r ON r.company_id = s.company_id
        CROSS JOIN generate_series(0, ${perStaff - 1}::int) g
        CROSS JOIN LATERAL (
          -- the g-th working hour: 8 a day, Monday to Friday, from a Monday two years back
          SELECT (date_trunc('week', now() - interval '700 days') + make_interval(days => (g / 8 / 5) * 7 + (g / 8) % 5, hours => 8 + g % 8))
                   AS starts_at
        ) t`);
    const appointmentsMade = await count("appointments");
    log(`${appointmentsMade.toLocaleString("en")} appointments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Calls: spread over two years, most linked to a customer.
    t0 = performance.now();
    const bigCalls = bigShare(callTotal);
    const otherCalls = Math.max(1, Math.ceil((callTotal - bigCalls) / (companyIds.length - 1)));
    await run(sql`
      INSERT INTO calls (id, company_id, branch_id, customer_id, retell_call_id, direction, status, from_number, to_number,
                         started_at, ended_at, duration_ms, disconnection_reason, sentiment, successful)
      SELECT pg_temp.scale_uuid7(t.started_at), c.id,
             (SELECT b.id FROM branches b WHERE b.company_id = c.id ORDER BY b.id LIMIT 1),
             CASE WHEN g % 5 = 0 THEN NULL ELSE r.customer_ids[1 + ((g * 31) % cardinality(r.customer_ids))] END,
             'scale_' || replace(c.id::text, '-', '') || '_' || g, 'inbound', 'ended',
             '+49170' || lpad((g % 10000000)::text, 7, '0'), '+4930' || lpad(c.n::text, 8, '0'),
             t.started_at, t.started_at + make_interval(secs => 30 + g % 400), (30 + g % 400) * 1000,
             (ARRAY['user_hangup','agent_hangup','call_transfer','inactivity'])[1 + g % 4],
             (ARRAY['Positive','Neutral','Negative','Unknown'])[1 + g % 4], g % 3 <> 0
        FROM scale_companies c
        JOIN scale_refs r ON r.company_id = c.id
        CROSS JOIN LATERAL (SELECT CASE WHEN c.n = 1 THEN ${bigCalls}::int ELSE ${otherCalls}::int END AS n) per
        CROSS JOIN generate_series(1, per.n) g
        CROSS JOIN LATERAL (SELECT now() - make_interval(secs => ((g::bigint * 63113904) / per.n)::double precision) AS started_at) t`);
    const callsMade = await count("calls");
    log(`${callsMade.toLocaleString("en")} calls in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const counts: ScaleCounts = {
      companies: companyIds.length,
      branches: await count("branches"),
      staff: staffCount,
      services: await count("services"),
      customers: made,
      appointments: appointmentsMade,
      calls: callsMade,
    };
    await handle.sql.exec("DROP TABLE scale_companies; DROP TABLE scale_staff; DROP TABLE scale_refs");
    // VACUUM, not only ANALYZE: freshly bulk-loaded pages are not yet marked all-visible, so the
    // lists' index-only scans (their capped counts) would visit the heap until autovacuum gets
    // there — in bench:lists that showed as a p95 of ~55 ms instead of ~8 ms on the customers list.
    await handle.sql.exec("VACUUM (ANALYZE)");
    return counts;
  } finally {
    await handle.sql.exec("SET session_replication_role = origin");
  }
}
