import { TZDate } from "@date-fns/tz";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, rowsOf, withCompany } from "@/db";
import { findUserForSignIn, resolvePhoneNumber } from "@/db/platform";
import { ownerHandle } from "@/db/testing/fixtures";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { sealTranscript } from "@/lib/calls/transcripts";
import { findCustomersByPhone, getCustomer } from "@/lib/customers";
import { sealCustomerFields } from "@/lib/customers/protect";
import { generateAppointments } from "./appointments";
import { PHYSIO_ISARTOR, SCHNITTKUNST } from "./companies";
import { DEMO_ACCOUNTS, DEMO_COMPANY_SLUGS, DEMO_PASSWORD, seedDemo, type SeedResult } from "./index";
import { createRng } from "./random";
import { buildCompanyWorld } from "./world";

// The only test file that runs the seed: on a PostgreSQL server all test files share one
// database and the demo companies have fixed slugs and emails.

const now = new Date();
let handle: DatabaseHandle;
let first: SeedResult;

beforeAll(async () => {
  handle = await ownerHandle();
  first = await seedDemo(handle, { hashPassword, sealCustomer: sealCustomerFields, sealTranscript, today: now });
}, 120_000);

const demo = () => DEMO_COMPANY_SLUGS.map((slug) => ({ slug, id: first.companyIds[slug]! }));

/** Reads as the app does: the runtime role under row-level security, one company at a time. */
async function query<T>(companyId: string, q: ReturnType<typeof sql>): Promise<T[]> {
  return withCompany(companyId, async (tx) => rowsOf<T>(await tx.execute(q)));
}

async function tableCounts(companyId: string) {
  const [row] = await query<Record<string, number>>(
    companyId,
    sql`select (select count(*)::int from companies) companies, (select count(*)::int from branches) branches,
               (select count(*)::int from users) users, (select count(*)::int from staff) staff,
               (select count(*)::int from staff_branches) staff_branches, (select count(*)::int from working_hours) working_hours,
               (select count(*)::int from staff_absences) absences, (select count(*)::int from service_categories) categories,
               (select count(*)::int from services) services, (select count(*)::int from staff_services) staff_services,
               (select count(*)::int from customers) customers, (select count(*)::int from appointments) appointments,
               (select count(*)::int from appointment_notes) notes, (select count(*)::int from retell_agents) agents,
               (select count(*)::int from phone_numbers) phone_numbers, (select count(*)::int from feature_flags) flags,
               (select count(*)::int from user_branches) user_branches`,
  );
  return row!;
}

describe("demo seed", () => {
  it("creates both demo companies, active, with the expected shape", async () => {
    expect(first.skipped).toBe(false);
    const rows = await handle.sql.query<{ slug: string; status: string }>(
      "select slug, status from companies where slug = any($1) order by slug",
      [DEMO_COMPANY_SLUGS],
    );
    expect(rows).toEqual([
      { slug: "physio-am-isartor", status: "active" },
      { slug: "salon-schnittkunst", status: "active" },
    ]);
    const salon = await tableCounts(first.companyIds["salon-schnittkunst"]!);
    const physio = await tableCounts(first.companyIds["physio-am-isartor"]!);
    expect(salon).toMatchObject({ companies: 1, branches: 2, users: 4, staff: 11, customers: 80, agents: 1, phone_numbers: 2 });
    expect(physio).toMatchObject({ companies: 1, branches: 1, users: 2, staff: 4, customers: 80, agents: 1, phone_numbers: 1 });
    for (const c of [salon, physio]) {
      expect(c.appointments).toBeGreaterThan(300);
      expect(c.notes).toBeGreaterThan(0);
      expect(c.absences).toBeGreaterThan(0);
      expect(c.flags).toBeGreaterThanOrEqual(1);
    }
    const perBranch = await query<{ n: number }>(
      first.companyIds["salon-schnittkunst"]!,
      sql`select count(*)::int n from staff group by branch_id`,
    );
    for (const { n } of perBranch) expect(n).toBeGreaterThanOrEqual(5);
  });

  it("stores customers' phone, email and notes encrypted, found by phone through the blind index", async () => {
    for (const { slug, id } of demo()) {
      const rows = await query<{ id: string; phone_ciphertext: string | null; email_ciphertext: string | null; email_blind_index: string | null }>(
        id,
        sql`select id, phone_ciphertext, email_ciphertext, email_blind_index from customers order by id`,
      );
      // Every demo customer has a phone number; emails only some (each with its blind index).
      expect(rows.every((r) => r.phone_ciphertext?.startsWith("v1.test1.")), slug).toBe(true);
      expect(rows.some((r) => r.email_ciphertext), slug).toBe(true);
      expect(rows.every((r) => (r.email_ciphertext === null) === (r.email_blind_index === null)), slug).toBe(true);
      const customer = await getCustomer(id, rows[0]!.id);
      expect(customer?.phone, slug).toMatch(/^\+49[1-9][0-9]{6,13}$/);
      const spaced = `0${customer!.phone!.slice(3, 6)} ${customer!.phone!.slice(6)}`;
      expect((await findCustomersByPhone(id, spaced)).map((c) => c.id), slug).toContain(customer!.id);
    }
  });

  it("puts every appointment inside its staff member's local working hours, outside breaks and absences", async () => {
    for (const { slug, id } of demo()) {
      const outside = await query<{ id: string; local_start: string }>(
        id,
        sql`select a.id, (a.starts_at at time zone b.time_zone)::text local_start
              from appointments a join branches b on b.id = a.branch_id
             where not exists (
               select 1 from working_hours w
                where w.staff_id = a.staff_id and w.branch_id = a.branch_id
                  and w.weekday = extract(isodow from a.starts_at at time zone b.time_zone)
                  and (a.starts_at at time zone b.time_zone)::date = (a.ends_at at time zone b.time_zone)::date
                  and (a.starts_at at time zone b.time_zone)::date between w.valid_from and coalesce(w.valid_to, 'infinity')
                  and (a.starts_at at time zone b.time_zone)::time >= w.start_time
                  and (a.ends_at at time zone b.time_zone)::time <= w.end_time
                  and not exists (
                    select 1 from jsonb_array_elements(w.breaks) br
                     where (a.starts_at at time zone b.time_zone)::time < (br->>'end')::time
                       and (a.ends_at at time zone b.time_zone)::time > (br->>'start')::time))
                or not exists (select 1 from staff_branches sb where sb.staff_id = a.staff_id and sb.branch_id = a.branch_id)`,
      );
      expect(outside, slug).toEqual([]);
      const [absent] = await query<{ n: number }>(
        id,
        sql`select count(*)::int n from appointments a join staff_absences x on x.staff_id = a.staff_id
             and tstzrange(a.starts_at, a.ends_at) && tstzrange(x.starts_at, x.ends_at)`,
      );
      expect(absent!.n, slug).toBe(0);
    }
  });

  it("never double-books a staff member (buffers included) or a customer", async () => {
    for (const { slug, id } of demo()) {
      const [row] = await query<{ staff: number; customers: number }>(
        id,
        sql`with live as (
              select a.*, s.buffer_before_minutes bb, s.buffer_after_minutes ba
                from appointments a join services s on s.id = a.service_id
               where a.status <> 'cancelled')
            select
              (select count(*)::int from live x join live y on x.staff_id = y.staff_id and x.id < y.id
                 and tstzrange(x.starts_at - make_interval(mins => x.bb), x.ends_at + make_interval(mins => x.ba))
                  && tstzrange(y.starts_at - make_interval(mins => y.bb), y.ends_at + make_interval(mins => y.ba))) staff,
              (select count(*)::int from live x join live y on x.customer_id = y.customer_id and x.id < y.id
                 and tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)) customers`,
      );
      expect(row, slug).toEqual({ staff: 0, customers: 0 });
    }
  });

  it("uses the performer's duration and price and only services they offer", async () => {
    for (const { slug, id } of demo()) {
      const [row] = await query<{ wrong: number; total: number }>(
        id,
        sql`select count(*) filter (where ss.staff_id is null
                  or a.price_cents <> coalesce(ss.price_cents, s.price_cents)
                  or a.ends_at - a.starts_at <> make_interval(mins => coalesce(ss.duration_minutes, s.duration_minutes))
                  or a.created_at > a.starts_at - make_interval(mins => s.min_notice_minutes))::int wrong,
                   count(*)::int total
              from appointments a join services s on s.id = a.service_id
              left join staff_services ss on ss.staff_id = a.staff_id and ss.service_id = a.service_id`,
      );
      expect(row!.total, slug).toBeGreaterThan(0);
      expect(row!.wrong, slug).toBe(0);
    }
  });

  it("gives statuses that fit the clock", async () => {
    const byPhase = new Map<string, Map<string, number>>();
    for (const { id } of demo()) {
      const rows = await query<{ phase: string; status: string; n: number; bad_cancel: number }>(
        id,
        sql`select case when ends_at <= ${now.toISOString()}::timestamptz then 'past'
                        when starts_at > ${now.toISOString()}::timestamptz then 'future' else 'ongoing' end phase,
                   status, count(*)::int n,
                   count(*) filter (where (status = 'cancelled') <> (cancelled_at is not null and cancellation_reason is not null))::int bad_cancel
              from appointments
             where starts_at >= ${new Date(now.getTime() - 29 * 86_400_000).toISOString()}::timestamptz
               and starts_at < ${new Date(now.getTime() + 23 * 86_400_000).toISOString()}::timestamptz
             group by 1, 2`,
      );
      for (const r of rows) {
        expect(r.bad_cancel).toBe(0);
        const phase = byPhase.get(r.phase) ?? new Map<string, number>();
        phase.set(r.status, (phase.get(r.status) ?? 0) + r.n);
        byPhase.set(r.phase, phase);
      }
    }
    const past = byPhase.get("past")!;
    const future = byPhase.get("future")!;
    expect([...past.keys()].sort()).toEqual(["cancelled", "completed", "no_show"]);
    expect([...future.keys()].sort()).toEqual(["booked", "cancelled", "confirmed", "pending"]);
    for (const status of byPhase.get("ongoing")?.keys() ?? []) expect(["booked", "confirmed"]).toContain(status);
    const pastTotal = [...past.values()].reduce((a, b) => a + b, 0);
    expect(past.get("completed")! / pastTotal).toBeGreaterThan(0.7);
    const futureTotal = [...future.values()].reduce((a, b) => a + b, 0);
    expect(future.get("pending")! / futureTotal).toBeLessThan(0.1);
    // Nothing outside the window of four weeks back and three ahead.
    const [outside] = await Promise.all(
      demo().map(({ id }) =>
        query<{ n: number }>(
          id,
          sql`select count(*)::int n from appointments
               where starts_at < ${new Date(now.getTime() - 29 * 86_400_000).toISOString()}::timestamptz
                  or starts_at >= ${new Date(now.getTime() + 23 * 86_400_000).toISOString()}::timestamptz`,
        ),
      ),
    );
    expect(outside![0]!.n).toBe(0);
  });

  it("creates one account per role that signs in with the demo password", async () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(
      new Set(["platform_admin", "company_admin", "branch_manager", "staff", "viewer"]),
    );
    for (const account of DEMO_ACCOUNTS) {
      const user = await findUserForSignIn(account.email);
      expect(user, account.email).toMatchObject({ role: account.role, isActive: true, companyActive: true });
      expect(await verifyPassword(user!.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
    const [linked] = await query<{ email: string }>(
      first.companyIds["salon-schnittkunst"]!,
      sql`select u.email from staff s join users u on u.id = s.user_id where u.role = 'staff'`,
    );
    expect(linked?.email).toBe("mitarbeiter@schnittkunst.de");
  });

  it("limits the branch manager and the staff account to their branches (user_branches)", async () => {
    const salon = first.companyIds["salon-schnittkunst"]!;
    const rows = await query<{ email: string; role: string; branch: string }>(
      salon,
      sql`select u.email, u.role, b.name branch from user_branches ub
            join users u on u.id = ub.user_id join branches b on b.id = ub.branch_id order by u.email`,
    );
    expect(rows).toEqual([
      { email: "filiale@schnittkunst.de", role: "branch_manager", branch: "Schnittkunst Prenzlauer Berg" },
      { email: "mitarbeiter@schnittkunst.de", role: "staff", branch: "Schnittkunst Mitte" },
    ]);
    // The branch manager's branch is the one he works in.
    const [own] = await query<{ n: number }>(
      salon,
      sql`select count(*)::int n from user_branches ub join staff s on s.user_id = ub.user_id and s.branch_id = ub.branch_id`,
    );
    expect(own!.n).toBe(2);
  });

  it("routes each branch number to its company's agent", async () => {
    for (const bp of [SCHNITTKUNST, PHYSIO_ISARTOR]) {
      for (const branch of bp.branches) {
        const resolved = await resolvePhoneNumber(branch.agentNumber);
        expect(resolved).toMatchObject({
          companyId: first.companyIds[bp.slug],
          branchName: branch.name,
          timeZone: "Europe/Berlin",
          retellAgentId: bp.agent.retellAgentId,
        });
      }
    }
  });

  it("gives the salon calls with transcripts, two ongoing calls, callbacks and calls that booked appointments", async () => {
    const salon = first.companyIds[SCHNITTKUNST.slug]!;
    const [row] = await query<{ transcripts: number; ongoing: number; callbacks: number; booked: number; sealed: number }>(
      salon,
      sql`select (select count(*)::int from call_transcripts) transcripts,
                 (select count(*)::int from calls where status = 'ongoing') ongoing,
                 (select count(*)::int from callback_requests) callbacks,
                 (select count(*)::int from appointments where booked_by_call_id is not null) booked,
                 (select count(*)::int from call_transcripts where turns_ciphertext like 'v1.%') sealed`,
    );
    expect(row!.transcripts).toBeGreaterThanOrEqual(6);
    expect(row!.sealed).toBe(row!.transcripts);
    expect(row!.ongoing).toBe(2);
    expect(row!.callbacks).toBe(6);
    expect(row!.booked).toBeGreaterThan(0);
  });

  it("is idempotent: a second run, even on another day, adds nothing", async () => {
    const before = await Promise.all(demo().map(({ id }) => tableCounts(id)));
    const [usersBefore] = await handle.sql.query<{ n: number }>("select count(*)::int n from users where company_id is null");
    const again = await seedDemo(handle, { hashPassword, sealCustomer: sealCustomerFields, sealTranscript, today: new Date(now.getTime() + 3 * 86_400_000) });
    expect(again.skipped).toBe(true);
    expect(again.companyIds).toEqual(first.companyIds);
    expect(await Promise.all(demo().map(({ id }) => tableCounts(id)))).toEqual(before);
    const [usersAfter] = await handle.sql.query<{ n: number }>("select count(*)::int n from users where company_id is null");
    expect(usersAfter).toEqual(usersBefore);
  });
});

describe("appointment generator (no database)", () => {
  const generate = (at: Date) => {
    const world = buildCompanyWorld(SCHNITTKUNST, {
      now: at,
      rng: createRng("test:world"),
      passwordHashes: new Map(SCHNITTKUNST.users.map((u) => [u.email, "x"])),
    });
    const result = generateAppointments({
      companyId: world.companyId,
      ...world.plan,
      bookingNotes: SCHNITTKUNST.bookingNotes,
      internalNotes: SCHNITTKUNST.internalNotes,
      noteAuthorId: null,
      now: at,
      rng: createRng("test:calendar"),
    });
    return { world, ...result };
  };

  it("is reproducible for a given day", () => {
    const at = new Date("2026-06-10T08:00:00Z");
    const shape = (r: ReturnType<typeof generate>) => ({
      customers: r.world.customers.map((c) => [c.firstName, c.lastName, c.phone]),
      appointments: r.appointments.map((a) => [a.startsAt!.toISOString(), a.endsAt!.toISOString(), a.status, a.source, a.priceCents]),
    });
    expect(shape(generate(at))).toEqual(shape(generate(at)));
  });

  // Around both daylight-saving switches of 2026 in Berlin (29 March, 25 October), local wall
  // times must still match the working hours.
  it.each(["2026-03-29T10:00:00Z", "2026-10-25T10:00:00Z"])("keeps local working hours across DST (%s)", (iso) => {
    const { world, appointments } = generate(new Date(iso));
    const tz = "Europe/Berlin";
    const local = (d: Date) => {
      const t = new TZDate(d.getTime(), tz);
      return { weekday: t.getDay() || 7, minute: t.getHours() * 60 + t.getMinutes() };
    };
    const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
    expect(appointments.length).toBeGreaterThan(500);
    for (const a of appointments) {
      const start = local(a.startsAt as Date);
      const end = local(a.endsAt as Date);
      const shift = world.workingHours.find((w) => w.staffId === a.staffId && w.branchId === a.branchId && w.weekday === start.weekday);
      expect(shift).toBeDefined();
      expect(start.minute).toBeGreaterThanOrEqual(hm(shift!.startTime));
      expect(end.minute).toBeLessThanOrEqual(hm(shift!.endTime));
      for (const b of shift!.breaks) expect(start.minute < hm(b.end) && end.minute > hm(b.start)).toBe(false);
    }
  });
});
