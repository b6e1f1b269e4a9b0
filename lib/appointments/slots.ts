import "server-only";
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { branches, services, staff, staffBranches, staffServices } from "@/db/schema";
import { blankAsUndefined } from "@/lib/forms/fields";
import { findSlots } from "@/lib/scheduling/availability";
import { MAX_WINDOW_DAYS, readAvailability, SlotQueryError } from "@/lib/scheduling/load";
import { instantOf, localToday } from "./calendar";

// The portal's booking form around the availability engine: what may be booked where (branches
// in the operator's scope, the services offered there, who performs them), and the free slots
// for a branch, service and staff member (or any eligible one) from a local date on, in the
// branch's time zone. The engine (lib/scheduling) decides what is free; createAppointment
// decides again when booking, so a slot shown here is a suggestion, never a promise.

const DAY = 86_400_000;
export const SLOT_WINDOW_DAYS = 14;

type BranchIds = readonly string[] | null;

function branchInScope(branchIds: BranchIds) {
  if (!branchIds) return undefined;
  return branchIds.length ? inArray(branches.id, [...branchIds]) : sql`false`;
}

// --- what may be booked ----------------------------------------------------------------------

export type BookingOptions = {
  branches: { id: string; name: string; timeZone: string }[];
  /** Active services; branchId null = offered at every branch. */
  services: { id: string; name: string; branchId: string | null; durationMinutes: number }[];
  /** Active staff with the branches they work at and the services they perform. */
  staff: { id: string; name: string; branchIds: string[]; serviceIds: string[] }[];
};

export async function getBookingOptions(companyId: string, branchIds: BranchIds, context: CompanyContext = {}): Promise<BookingOptions> {
  return withCompany(
    companyId,
    async (tx) => {
      const visible = await tx
        .select({ id: branches.id, name: branches.name, timeZone: branches.timeZone })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), isNull(branches.deletedAt), eq(branches.isActive, true), branchInScope(branchIds)))
        .orderBy(asc(branches.name), asc(branches.id));
      const ids = new Set(visible.map((b) => b.id));
      const [offered, members, extraBranches, performs] = await Promise.all([
        tx
          .select({ id: services.id, name: services.name, branchId: services.branchId, durationMinutes: services.durationMinutes })
          .from(services)
          .where(and(eq(services.companyId, companyId), isNull(services.deletedAt), eq(services.isActive, true)))
          .orderBy(asc(services.sortOrder), asc(services.name), asc(services.id)),
        tx
          .select({ id: staff.id, name: staff.displayName, branchId: staff.branchId })
          .from(staff)
          .where(and(eq(staff.companyId, companyId), isNull(staff.deletedAt), eq(staff.isActive, true)))
          .orderBy(asc(staff.displayName), asc(staff.id)),
        tx.select({ staffId: staffBranches.staffId, branchId: staffBranches.branchId }).from(staffBranches).where(eq(staffBranches.companyId, companyId)),
        tx.select({ staffId: staffServices.staffId, serviceId: staffServices.serviceId }).from(staffServices).where(eq(staffServices.companyId, companyId)),
      ]);
      return {
        branches: visible,
        services: offered.filter((s) => s.branchId === null || ids.has(s.branchId)),
        staff: members
          .map((m) => ({
            id: m.id,
            name: m.name,
            branchIds: [...new Set([m.branchId, ...extraBranches.filter((b) => b.staffId === m.id).map((b) => b.branchId)])].filter((b) => ids.has(b)),
            serviceIds: performs.filter((p) => p.staffId === m.id).map((p) => p.serviceId),
          }))
          .filter((m) => m.branchIds.length > 0),
      };
    },
    context,
  );
}

/** The branch's time zone, or null when it is not the company's or outside the actor's branches. */
export async function branchTimeZone(companyId: string, branchId: string, branchIds: BranchIds, context: CompanyContext = {}): Promise<string | null> {
  if (!z.guid().safeParse(branchId).success) return null;
  const [row] = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({ timeZone: branches.timeZone })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), eq(branches.id, branchId), isNull(branches.deletedAt), branchInScope(branchIds))),
    context,
  );
  return row?.timeZone ?? null;
}

/** Who may take the service at the branch (active, works there, performs it), by name. */
export async function eligibleStaff(companyId: string, branchId: string, serviceId: string, context: CompanyContext = {}) {
  if (!z.guid().safeParse(branchId).success || !z.guid().safeParse(serviceId).success) return [];
  return withCompany(companyId, (tx) => readEligible(tx, branchId, serviceId), context);
}

function readEligible(tx: Tx, branchId: string, serviceId: string) {
  return tx
    .selectDistinct({ id: staff.id, name: staff.displayName })
    .from(staffServices)
    .innerJoin(staff, and(eq(staff.companyId, staffServices.companyId), eq(staff.id, staffServices.staffId)))
    .leftJoin(staffBranches, and(eq(staffBranches.staffId, staff.id), eq(staffBranches.branchId, branchId)))
    .where(
      and(
        eq(staffServices.serviceId, serviceId),
        isNull(staff.deletedAt),
        eq(staff.isActive, true),
        or(eq(staff.branchId, branchId), eq(staffBranches.branchId, branchId)),
      ),
    )
    .orderBy(asc(staff.displayName), asc(staff.id));
}

// --- free slots ------------------------------------------------------------------------------

const isoDate = z.iso.date({ error: "date" });

export const slotSearchSchema = z.object({
  branchId: z.guid({ error: "uuid" }),
  serviceId: z.guid({ error: "uuid" }),
  /** Absent or "" = any eligible staff member. */
  staffId: z.preprocess(blankAsUndefined, z.guid({ error: "uuid" }).optional()),
  /** The local date (branch zone) to search from; today when absent, never before now. */
  from: z.preprocess(blankAsUndefined, isoDate.optional()),
  days: z.coerce.number({ error: "days" }).int({ error: "days" }).min(1, { error: "days" }).max(MAX_WINDOW_DAYS, { error: "days" }).optional(),
});

export type SlotSearchField = keyof z.input<typeof slotSearchSchema>;

export type FreeSlot = { staffId: string; staffName: string; startsAt: Date; endsAt: Date };

export type SlotSearchResult =
  | {
      ok: true;
      timeZone: string;
      /** The searched local dates: [from, until). */
      from: string;
      until: string;
      /** Every eligible staff member's free slots: by start, then staff id; one per staff and start. */
      slots: FreeSlot[];
    }
  | { ok: false; reason: "invalid"; fieldErrors: Partial<Record<SlotSearchField, string>> }
  | { ok: false; reason: "not_found"; field: "branchId" | "serviceId" }
  | { ok: false; reason: "service_not_offered" | "staff_not_eligible" };

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Free slots for booking in the portal. Never throws for what the caller got wrong: malformed
 * input is "invalid", a branch outside the actor's scope or of another company "not_found",
 * a staff member who cannot take the service there "staff_not_eligible".
 */
export async function findFreeSlots(
  companyId: string,
  input: unknown,
  options: { branchIds: BranchIds; now?: Date; context?: CompanyContext },
): Promise<SlotSearchResult> {
  const parsed = slotSearchSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<SlotSearchField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SlotSearchField | undefined;
      if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { ok: false, reason: "invalid", fieldErrors };
  }
  const query = parsed.data;
  const now = options.now ?? new Date();
  const days = query.days ?? SLOT_WINDOW_DAYS;

  return withCompany(
    companyId,
    async (tx): Promise<SlotSearchResult> => {
      const [branch] = await tx
        .select({ timeZone: branches.timeZone })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), eq(branches.id, query.branchId), isNull(branches.deletedAt), branchInScope(options.branchIds)));
      if (!branch) return { ok: false, reason: "not_found", field: "branchId" };

      const today = localToday(branch.timeZone, now);
      const from = query.from && query.from > today ? query.from : today;
      const until = addDays(from, days);
      const start = new Date(Math.max(now.getTime(), instantOf(branch.timeZone, from, 0).getTime()));
      const end = instantOf(branch.timeZone, until, 0);

      let request;
      try {
        request = await readAvailability(tx, { branchId: query.branchId, serviceId: query.serviceId, staffId: query.staffId ?? null, from: start, to: end, now });
      } catch (error) {
        if (!(error instanceof SlotQueryError)) throw error;
        if (error.code === "branch_not_found") return { ok: false, reason: "not_found", field: "branchId" };
        if (error.code === "service_not_found") return { ok: false, reason: "not_found", field: "serviceId" };
        if (error.code === "invalid_window") return { ok: false, reason: "invalid", fieldErrors: { days: "days" } };
        return { ok: false, reason: error.code };
      }
      // The portal books as an operator: minimum notice does not bind it (createAppointment,
      // source "admin"), so it is not applied to what is offered either.
      const found = findSlots({ ...request, service: { ...request.service, minNoticeMinutes: 0 } });
      const names = new Map((await readEligible(tx, query.branchId, query.serviceId)).map((s) => [s.id, s.name]));
      const seen = new Set<string>();
      const slots: FreeSlot[] = [];
      for (const slot of found) {
        const key = `${slot.staffId}|${slot.startsAt.getTime()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        slots.push({ ...slot, staffName: names.get(slot.staffId) ?? "" });
      }
      return { ok: true, timeZone: branch.timeZone, from, until, slots };
    },
    options.context,
  );
}

// --- grouping for the picker -----------------------------------------------------------------

export type SlotDay<S> = { date: string; slots: (S & { date: string; time: string })[] };

const localParts = (timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** Local date and wall time ("2026-10-14", "09:15") of an instant in a zone. */
export function localDateTime(timeZone: string, instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(localParts(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The first `maxDays` local days that have slots, at most `perDay` each. With distinctTimes
 * (the "any staff" case) one slot per start time: the first staff member free then.
 */
export function groupSlotsByDay<S extends { startsAt: Date }>(
  slots: readonly S[],
  timeZone: string,
  { maxDays = 3, perDay = 12, distinctTimes = false }: { maxDays?: number; perDay?: number; distinctTimes?: boolean } = {},
): SlotDay<S>[] {
  const days: SlotDay<S>[] = [];
  const format = localParts(timeZone);
  for (const slot of slots) {
    const parts = Object.fromEntries(format.formatToParts(slot.startsAt).map((p) => [p.type, p.value]));
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    const time = `${parts.hour}:${parts.minute}`;
    let day = days.at(-1);
    if (!day || day.date !== date) {
      if (days.length === maxDays) break;
      day = { date, slots: [] };
      days.push(day);
    }
    if (day.slots.length >= perDay) continue;
    if (distinctTimes && day.slots.some((s) => s.startsAt.getTime() === slot.startsAt.getTime())) continue;
    day.slots.push({ ...slot, date, time });
  }
  return days;
}
