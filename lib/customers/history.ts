import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, type SQL, sql } from "drizzle-orm";
import { type CompanyContext, withCompany } from "@/db";
import { appointments, type AppointmentStatus, branches, calls, customers, services, staff } from "@/db/schema";
import { type CustomerView, toCustomerView } from "./customers";
import { readSearch } from "./list";
import { openCustomerFields } from "./protect";
import { customerIdSchema } from "./schemas";

// What the customer page reads besides the profile: the record with its state (deleted, merged,
// erased), its appointments before and after now, its calls, and candidates for a merge. The
// customer is the company's, but appointments and calls are read only in the branches the viewer
// may see (branchScope: null = all).

export type CustomerRecord = CustomerView & {
  deletedAt: Date | null;
  anonymizedAt: Date | null;
  mergedInto: { id: string; name: string } | null;
};

/** A customer with its state, deleted ones included (the page offers restore); null if none. */
export async function getCustomerRecord(companyId: string, id: string, context: CompanyContext = {}): Promise<CustomerRecord | null> {
  if (!customerIdSchema.safeParse(id).success) return null;
  return withCompany(
    companyId,
    async (tx) => {
      const [row] = await tx
        .select()
        .from(customers)
        .where(and(eq(customers.companyId, companyId), eq(customers.id, id)));
      if (!row) return null;
      let mergedInto: CustomerRecord["mergedInto"] = null;
      if (row.mergedIntoId) {
        const [target] = await tx
          .select({ id: customers.id, firstName: customers.firstName, lastName: customers.lastName })
          .from(customers)
          .where(and(eq(customers.companyId, companyId), eq(customers.id, row.mergedIntoId)));
        if (target) mergedInto = { id: target.id, name: `${target.firstName} ${target.lastName}`.trim() };
      }
      return { ...toCustomerView(row), deletedAt: row.deletedAt, anonymizedAt: row.anonymizedAt, mergedInto };
    },
    context,
  );
}

export type CustomerAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  service: string;
  staff: string | null;
  branch: string;
  timeZone: string;
};

export const HISTORY_LIMIT = 50;

const inBranches = (column: typeof appointments.branchId | typeof calls.branchId, branchIds: readonly string[] | null): SQL | undefined =>
  branchIds === null ? undefined : branchIds.length ? inArray(column, [...branchIds]) : sql`false`;

/** Upcoming (soonest first) and past (latest first) appointments, at most HISTORY_LIMIT each. */
export async function getCustomerAppointments(
  companyId: string,
  customerId: string,
  branchIds: readonly string[] | null,
  options: CompanyContext & { now?: Date } = {},
): Promise<{ upcoming: CustomerAppointment[]; past: CustomerAppointment[] }> {
  if (!customerIdSchema.safeParse(customerId).success) return { upcoming: [], past: [] };
  const now = options.now ?? new Date();
  return withCompany(
    companyId,
    async (tx) => {
      const select = (when: SQL, order: SQL[]) =>
        tx
          .select({
            id: appointments.id,
            startsAt: appointments.startsAt,
            endsAt: appointments.endsAt,
            status: appointments.status,
            service: services.name,
            staff: staff.displayName,
            branch: branches.name,
            timeZone: branches.timeZone,
          })
          .from(appointments)
          .innerJoin(services, and(eq(services.companyId, appointments.companyId), eq(services.id, appointments.serviceId)))
          .innerJoin(branches, and(eq(branches.companyId, appointments.companyId), eq(branches.id, appointments.branchId)))
          .leftJoin(staff, and(eq(staff.companyId, appointments.companyId), eq(staff.id, appointments.staffId)))
          .where(
            and(
              eq(appointments.companyId, companyId),
              eq(appointments.customerId, customerId),
              isNull(appointments.deletedAt),
              inBranches(appointments.branchId, branchIds),
              when,
            ),
          )
          .orderBy(...order)
          .limit(HISTORY_LIMIT);
      const upcoming = await select(gte(appointments.startsAt, now), [asc(appointments.startsAt), asc(appointments.id)]);
      const past = await select(lt(appointments.startsAt, now), [desc(appointments.startsAt), desc(appointments.id)]);
      return { upcoming, past };
    },
    options,
  );
}

export type CustomerCall = {
  id: string;
  direction: "inbound" | "outbound";
  status: string;
  startedAt: Date | null;
  durationMs: number | null;
  summary: string | null;
};

/** The customer's latest calls (HISTORY_LIMIT). */
export async function getCustomerCalls(
  companyId: string,
  customerId: string,
  branchIds: readonly string[] | null,
  context: CompanyContext = {},
): Promise<CustomerCall[]> {
  if (!customerIdSchema.safeParse(customerId).success) return [];
  return withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          id: calls.id,
          direction: calls.direction,
          status: calls.status,
          startedAt: calls.startedAt,
          durationMs: calls.durationMs,
          summary: calls.summary,
        })
        .from(calls)
        .where(and(eq(calls.companyId, companyId), eq(calls.customerId, customerId), inBranches(calls.branchId, branchIds)))
        .orderBy(sql`${calls.startedAt} desc nulls last`, desc(calls.id))
        .limit(HISTORY_LIMIT),
    context,
  );
}

export type MergeCandidate = { id: string; name: string; phone: string | null; email: string | null };

export const CANDIDATE_LIMIT = 10;

/**
 * Customers a duplicate could be picked from: the list's search (name prefixes, exact phone or
 * email), live and not erased, without the customer itself.
 */
export async function findMergeCandidates(companyId: string, customerId: string, q: string, context: CompanyContext = {}): Promise<MergeCandidate[]> {
  const search = readSearch(q.slice(0, 200));
  if (search.kind === "none" || !customerIdSchema.safeParse(customerId).success) return [];
  const match =
    search.kind === "name"
      ? and(...search.tokens.map((t) => sql`(${customers.firstName} ilike ${likePrefix(t)} or ${customers.lastName} ilike ${likePrefix(t)})`))
      : search.blindIndex
        ? eq(search.kind === "phone" ? customers.phoneBlindIndex : customers.emailBlindIndex, search.blindIndex)
        : sql`false`;
  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          id: customers.id,
          companyId: customers.companyId,
          firstName: customers.firstName,
          lastName: customers.lastName,
          phoneCiphertext: customers.phoneCiphertext,
          emailCiphertext: customers.emailCiphertext,
        })
        .from(customers)
        .where(and(eq(customers.companyId, companyId), isNull(customers.deletedAt), isNull(customers.anonymizedAt), ne(customers.id, customerId), match))
        .orderBy(asc(customers.lastName), asc(customers.firstName), asc(customers.id))
        .limit(CANDIDATE_LIMIT),
    context,
  );
  return rows.map((r) => {
    const { phone, email } = openCustomerFields({ ...r, notesCiphertext: null });
    return { id: r.id, name: `${r.firstName} ${r.lastName}`.trim(), phone, email };
  });
}

const likePrefix = (token: string) => `${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
