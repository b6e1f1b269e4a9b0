// The scale database's side of npm run bench:voice, all through the owner connection:
//   - the company under test (the scale seed's chain: most staff, every branch, all services);
//   - a Retell agent and one phone number per branch, made once (db:seed:scale makes none) —
//     the voice agent finds the company only through a called number;
//   - a booked calendar for the next weeks (the seed's appointments all lie in the past, and an
//     empty calendar would flatter check_availability): 60 % of the working hours of every staff
//     member, deterministic, only added where missing, marked in notes, without audit rows
//     (synthetic bulk data, written like db:seed:scale writes);
//   - free slots for book_appointment, read from that calendar;
//   - the removal of what the server made for bench calls (calls, traces, holds, bookings, new
//     customers, inbox rows), recognised by the Retell call-id prefix, so reruns start clean.
import type { DatabaseHandle } from "@/db";
import { newId } from "@/db/schema/_columns";

export const BENCH_CALL_PREFIX = "bench_voice_";
export const BENCH_CUSTOMER_LAST_NAME = "Benchvoice";
const CALENDAR_NOTE = "bench:voice calendar";
/** Bookable whole hours of the seed's working day (09:00–17:00, break 12:00–12:30). */
const HOURS = [9, 10, 11, 13, 14, 15, 16];

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** One transaction on one reserved connection of the owner. */
async function inTransaction<T>(owner: DatabaseHandle, body: (query: Query) => Promise<T>): Promise<T> {
  const connection = await owner.reserve();
  try {
    await connection.sql.exec("begin");
    try {
      const result = await body((text, params) => connection.sql.query(text, params));
      await connection.sql.exec("commit");
      return result;
    } catch (error) {
      await connection.sql.exec("rollback");
      throw error;
    }
  } finally {
    connection.release();
  }
}

export type BenchStaff = { id: string; name: string };
export type BenchBranch = { id: string; name: string; e164: string; timeZone: string; staff: BenchStaff[] };
export type BenchService = { id: string; name: string; durationMinutes: number; bufferMinutes: number };
export type VoiceWorld = {
  companyId: string;
  companyName: string;
  retellAgentId: string;
  branches: BenchBranch[];
  services: BenchService[];
  appointments: number;
  customers: number;
};

/**
 * The company under test: `largest` = the most staff (the scale seed's chain, 75 staff per branch:
 * the availability engine's worst case), `median` = a typical one (the median staff count), or
 * the one with id `companyId`.
 */
export async function prepareVoiceWorld(owner: DatabaseHandle, pick: "largest" | "median", companyId?: string): Promise<VoiceWorld> {
  const q = owner.sql.query;
  const [company] = await q<{ id: string; name: string }>(
    `with candidates as (
       select c.id, c.name, count(*) as staff from companies c
         join staff s on s.company_id = c.id and s.deleted_at is null and s.is_active
        where c.status = 'active' and c.deleted_at is null and ($1::uuid is null or c.id = $1::uuid)
          and exists (select 1 from working_hours w where w.company_id = c.id)
          and exists (select 1 from services v where v.company_id = c.id and v.is_active and v.bookable_by_phone and v.deleted_at is null)
        group by c.id, c.name
     ), median as (select percentile_disc(0.5) within group (order by staff) as staff from candidates)
     select id, name from candidates, median
      order by case when $2 = 'median' then abs(candidates.staff - median.staff) else -candidates.staff end, candidates.id limit 1`,
    [companyId ?? null, pick],
  );
  if (!company) throw new Error("no active company with staff, working hours and phone-bookable services: run npm run db:seed:scale first");

  const retellAgentId = `agent_bench_voice_${company.id.replaceAll("-", "")}`;
  await q(
    `insert into retell_agents (id, company_id, retell_agent_id, name) values ($1, $2, $3, 'Bench voice agent')
     on conflict (retell_agent_id) do nothing`,
    [newId(), company.id, retellAgentId],
  );
  const [agent] = await q<{ id: string }>("select id from retell_agents where retell_agent_id = $1 and company_id = $2", [retellAgentId, company.id]);
  if (!agent) throw new Error(`${retellAgentId} belongs to another company`);

  const branchRows = await q<{ id: string; name: string; time_zone: string }>(
    "select id, name, time_zone from branches where company_id = $1 and is_active and deleted_at is null order by id",
    [company.id],
  );
  const branches: BenchBranch[] = [];
  for (const branch of branchRows) {
    const e164 = await numberFor(owner, company.id, branch.id, agent.id);
    const staff = await q<BenchStaff>(
      `select s.id, s.display_name as name from staff s
        where s.company_id = $1 and s.is_active and s.deleted_at is null
          and (s.branch_id = $2 or exists (select 1 from staff_branches b where b.staff_id = s.id and b.branch_id = $2))
          and exists (select 1 from working_hours w where w.staff_id = s.id and w.branch_id = $2)
        order by s.display_name, s.id`,
      [company.id, branch.id],
    );
    if (staff.length) branches.push({ id: branch.id, name: branch.name, e164, timeZone: branch.time_zone, staff });
  }
  if (!branches.length) throw new Error(`company ${company.id} has no branch with working staff`);

  const services = (
    await q<{ id: string; name: string; duration: number; buffer: number }>(
      `select id, name, duration_minutes as duration, buffer_after_minutes as buffer from services
        where company_id = $1 and is_active and bookable_by_phone and deleted_at is null and branch_id is null order by name`,
      [company.id],
    )
  ).map((s) => ({ id: s.id, name: s.name, durationMinutes: Number(s.duration), bufferMinutes: Number(s.buffer) }));
  const [counts] = await q<{ appointments: string; customers: string }>(
    `select (select count(*) from appointments where company_id = $1) as appointments, (select count(*) from customers where company_id = $1) as customers`,
    [company.id],
  );
  return {
    companyId: company.id,
    companyName: company.name,
    retellAgentId,
    branches,
    services,
    appointments: Number(counts!.appointments),
    customers: Number(counts!.customers),
  };
}

/** The branch's active number (with an agent), else a bench number +49 30 999 1xxxx made for it. */
async function numberFor(owner: DatabaseHandle, companyId: string, branchId: string, agentId: string): Promise<string> {
  const q = owner.sql.query;
  const [existing] = await q<{ e164: string }>(
    "select e164 from phone_numbers where company_id = $1 and branch_id = $2 and is_active and retell_agent_id is not null order by e164 limit 1",
    [companyId, branchId],
  );
  if (existing) return existing.e164;
  for (let k = 0; k < 1000; k++) {
    const e164 = `+4930999${10000 + k}`;
    const [row] = await q<{ id: string }>(
      `insert into phone_numbers (id, company_id, branch_id, retell_agent_id, e164, label) values ($1, $2, $3, $4, $5, 'bench:voice')
       on conflict (e164) do nothing returning id`,
      [newId(), companyId, branchId, agentId, e164],
    );
    if (row) return e164;
  }
  throw new Error("no free bench phone number in +49 30 999 10000–10999");
}

/**
 * Books 60 % of each staff member's bookable hours on the weekdays of the next `days` days
 * (45 minutes at the full hour, like the seed's appointments), where not already there. Returns
 * the rows added.
 */
export async function fillCalendar(owner: DatabaseHandle, world: VoiceWorld, days: number): Promise<number> {
  const serviceIds = world.services.filter((s) => s.durationMinutes + s.bufferMinutes <= 60).map((s) => s.id);
  const branchIds = world.branches.map((b) => b.id);
  const added = await inTransaction(owner, async (run) => {
    await run("set local session_replication_role = replica");
    const rows = await run(
      `with refs as (
         select (select array_agg(id order by id) from (select id from customers where company_id = $1 and deleted_at is null order by id limit 5000) c) as customer_ids,
                $3::uuid[] as service_ids
       ), slots as (
         select s.id as staff_id, s.branch_id, b.time_zone, d.day, h.hour,
                abs(hashtextextended(s.id::text || ':' || d.day::text || ':' || h.hour, 7)) as k
           from staff s
           join branches b on b.id = s.branch_id
           cross join lateral (select (now() at time zone b.time_zone)::date + g as day from generate_series(1, $4::int) g) d
           cross join unnest($5::int[]) h(hour)
          where s.company_id = $1 and s.branch_id = any($2::uuid[]) and s.is_active and s.deleted_at is null
            and extract(isodow from d.day) between 1 and 5
       ), wanted as (
         select staff_id, branch_id, k, (day + make_interval(hours => hour)) at time zone time_zone as starts_at from slots where k % 100 < 60
       )
       insert into appointments (id, company_id, branch_id, staff_id, service_id, customer_id, starts_at, ends_at, status, source, price_cents, notes)
       select gen_random_uuid(), $1, w.branch_id, w.staff_id,
              r.service_ids[1 + (w.k % cardinality(r.service_ids))], r.customer_ids[1 + (w.k % cardinality(r.customer_ids))],
              w.starts_at, w.starts_at + interval '45 minutes', (array['booked','confirmed'])[1 + (w.k % 2)]::appointment_status, 'admin', 4500, $6
         from wanted w cross join refs r
        where not exists (
          select 1 from appointments a
           where a.company_id = $1 and a.staff_id = w.staff_id and a.deleted_at is null
             and a.status in ('pending', 'booked', 'confirmed')
             and a.starts_at < w.starts_at + interval '1 hour' and a.ends_at > w.starts_at)
       returning 1`,
      [world.companyId, branchIds, serviceIds, days, HOURS, CALENDAR_NOTE],
    );
    return rows.length;
  });
  // Fresh statistics: the planner must know the future is no longer empty (autovacuum would get
  // there later; a stale estimate picks a plan that scans every active appointment).
  if (added > 0) await owner.sql.exec("analyze appointments");
  return added;
}

export type BookingSlot = { branch: BenchBranch; staff: BenchStaff; startsAt: Date };

/**
 * Free whole hours (no active appointment, no live hold) of the branches' staff between `fromDay`
 * and `toDay` days ahead, spread over staff and days: each is a slot a 30–45 minute booking fits.
 */
export async function freeBookingSlots(owner: DatabaseHandle, world: VoiceWorld, count: number, fromDay: number, toDay: number): Promise<BookingSlot[]> {
  const rows = await owner.sql.query<{ branch_id: string; staff_id: string; starts_at: string | Date }>(
    `with slots as (
       select s.id as staff_id, s.branch_id, ((now() at time zone b.time_zone)::date + g + make_interval(hours => h)) at time zone b.time_zone as starts_at
         from staff s
         join branches b on b.id = s.branch_id
         cross join generate_series($3::int, $4::int) g
         cross join unnest($5::int[]) h
        where s.company_id = $1 and s.branch_id = any($2::uuid[]) and s.is_active and s.deleted_at is null
          and extract(isodow from (now() at time zone b.time_zone)::date + g) between 1 and 5
     )
     select branch_id, staff_id, starts_at from slots x
      where not exists (select 1 from appointments a where a.company_id = $1 and a.staff_id = x.staff_id and a.deleted_at is null
                          and a.status in ('pending', 'booked', 'confirmed') and a.starts_at < x.starts_at + interval '1 hour' and a.ends_at > x.starts_at)
        and not exists (select 1 from slot_holds h where h.company_id = $1 and h.staff_id = x.staff_id and h.expires_at > now()
                          and h.starts_at < x.starts_at + interval '1 hour' and h.ends_at > x.starts_at)
      order by md5(x.staff_id::text || x.starts_at::text) limit $6`,
    [world.companyId, world.branches.map((b) => b.id), fromDay, toDay, HOURS, count],
  );
  return rows.map((r) => {
    const branch = world.branches.find((b) => b.id === r.branch_id)!;
    return { branch, staff: branch.staff.find((s) => s.id === r.staff_id)!, startsAt: new Date(r.starts_at) };
  });
}

/** Removes what the server made for bench calls; returns the rows removed per table. */
export async function removeBenchCallRows(owner: DatabaseHandle, companyId: string): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  const prefix = BENCH_CALL_PREFIX;
  await inTransaction(owner, async (query) => {
    const run = async (label: string, text: string) => {
      removed[label] = (await query(`${text} returning 1`, [companyId, prefix])).length;
    };
    const benchCalls = "select id from calls where company_id = $1 and starts_with(retell_call_id, $2)";
    await run("appointments", `delete from appointments where company_id = $1 and booked_by_call_id in (${benchCalls})`);
    await run("function_traces", `delete from function_traces where company_id = $1 and call_id in (${benchCalls})`);
    await run("service_usage_logs", `delete from service_usage_logs where company_id = $1 and call_id in (${benchCalls})`);
    await run("callback_requests", `delete from callback_requests where company_id = $1 and call_id in (${benchCalls})`);
    await run("slot_holds", "delete from slot_holds where company_id = $1 and starts_with(retell_call_id, $2)");
    await run("tool_invocations", "delete from tool_invocations where company_id = $1 and starts_with(retell_call_id, $2)");
    await run("calls", "delete from calls where company_id = $1 and starts_with(retell_call_id, $2)");
    await run(
      "customers",
      `delete from customers c where company_id = $1 and last_name = '${BENCH_CUSTOMER_LAST_NAME}' and length($2) > 0
         and not exists (select 1 from appointments a where a.company_id = c.company_id and a.customer_id = c.id)`,
    );
    await run("webhook_events", "delete from webhook_events where provider = 'retell' and starts_with(provider_event_id, 'retell:' || $2) and $1::uuid is not null");
    await run("webhook_event_keys", "delete from webhook_event_keys where provider = 'retell' and starts_with(provider_event_id, 'retell:' || $2) and $1::uuid is not null");
  });
  return removed;
}

/** Inbox rows (events and dedup keys) of one run's webhook calls. */
export async function countInbox(owner: DatabaseHandle, callIdPrefix: string, since: Date): Promise<{ events: number; keys: number }> {
  const [row] = await owner.sql.query<{ events: string; keys: string }>(
    `select (select count(*) from webhook_events where provider = 'retell' and received_at >= $2 and starts_with(provider_event_id, 'retell:' || $1)) as events,
            (select count(*) from webhook_event_keys where provider = 'retell' and starts_with(provider_event_id, 'retell:' || $1)) as keys`,
    [callIdPrefix, since.toISOString()],
  );
  return { events: Number(row!.events), keys: Number(row!.keys) };
}
