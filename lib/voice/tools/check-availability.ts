import "server-only";
import { z } from "zod";
import type { Tx } from "@/db";
import { toolTransaction } from "./transaction";
import { type AvailabilityRequest, checkStart, findSlots, type Slot } from "@/lib/scheduling/availability";
import { type AvailabilitySetup, readAvailabilityWindow, readEligibleStaff, SlotQueryError } from "@/lib/scheduling/load";
import { localDay } from "@/lib/scheduling/local-time";
import { parseDatePhrase } from "@/lib/voice/date-phrases";
import { localIso, localParts, spokenDateTime, spokenLocalDate, spokenSlots } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { optionalArg, optionalInstantArg, requiredArg } from "./args";
import { hoursOn, readBranch } from "./branch";
import { holdForCall, readOtherCallsHolds, withHolds } from "./holds";
import { matchByName } from "./match";
import { fail, ok } from "./result";
import { type PhoneService, readPhoneServices } from "./services";
import { defineTool, type ToolContext, type ToolResult } from "./types";

// check_availability: is the requested time free for a service (and optionally a staff member),
// else the nearest free alternatives. The time comes as a phrase the caller said ("morgen
// Nachmittag", "next Friday at 10"), parsed in the branch's zone, or as an ISO instant (which
// wins when both are given: it is what an earlier answer offered). The
// engine (lib/scheduling) decides what is free, with minimum notice (phone bookings respect it);
// other calls' live slot holds count as busy. The requested slot when free, else the first
// alternative, is held for this call for two minutes (./holds.ts), so book_appointment of the
// same call finds it still free; booking checks again all the same.
//
// Alternatives: with a requested time, the (up to) 3 free starts of that day nearest to it; with a
// window ("morgen Nachmittag"), its first 3 free starts; if the window has none (taken, closed),
// the first 3 in the two weeks after it, within the caller's preferred time of day if possible.

const DAY = 86_400_000;
const MINUTE = 60_000;
const ALTERNATIVES = 3;
const FOLLOW_UP_DAYS = 14;
const MAX_WINDOW_DAYS = 31;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const argsSchema = z
  .object({ service: requiredArg(), staff: optionalArg(), date_phrase: optionalArg(), starts_at: optionalInstantArg() })
  // Runs even when another field failed, so "service and day missing" names both.
  .refine((a) => Boolean(a?.date_phrase || a?.starts_at), { path: ["date_phrase"], message: "required", when: () => true });

type SlotView = { starts_at: string; ends_at: string; spoken: string; staff: string | null };
export type CheckAvailabilityData = {
  available: boolean;
  /**
   * Why not: the requested time is taken (booked or the staff member is away), outside opening or
   * working hours or too soon ("unavailable"), the branch is closed that day, or the window has nothing free.
   */
  reason: "taken" | "unavailable" | "closed" | "none_in_window" | null;
  service: { id: string; name: string; duration_minutes: number };
  staff: string | null;
  requested: { starts_at: string; spoken: string } | null;
  /** The requested slot when free, else the alternatives; ISO instants with the branch's offset. */
  slots: SlotView[];
};

/** Distinct-start slots (findSlots with distinctStarts) within a daily clock range. */
function withinDaily(slots: readonly Slot[], timeZone: string, daily: { from: string; to: string }): Slot[] {
  return slots.filter((slot) => {
    const p = localParts(slot.startsAt, timeZone);
    const clock = `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
    return clock >= daily.from && clock < daily.to;
  });
}

type Window = { from: Date; to: Date; exact?: Date; daily?: { from: string; to: string } };

function windowOf(args: { date_phrase?: string; starts_at?: string }, ctx: ToolContext): Window | "in_the_past" | "unparseable" {
  if (args.starts_at) {
    const exact = new Date(args.starts_at);
    if (exact.getTime() < ctx.now.getTime()) return "in_the_past";
    const day = localDay(ctx.timeZone, localParts(exact, ctx.timeZone).date);
    const start = day.segments[0]!.start;
    const end = day.segments.at(-1)!.end;
    return { from: new Date(Math.max(ctx.now.getTime(), start)), to: new Date(end), exact };
  }
  const parsed = parseDatePhrase(args.date_phrase ?? "", { now: ctx.now, timeZone: ctx.timeZone });
  if (!parsed.ok) return parsed.error;
  const to = Math.min(parsed.to.getTime(), parsed.from.getTime() + MAX_WINDOW_DAYS * DAY);
  return { from: parsed.from, to: new Date(to), exact: parsed.exact, daily: parsed.daily };
}

export type CheckAvailabilityArgs = { service: string; staff?: string; date_phrase?: string; starts_at?: string };

export const checkAvailabilityTool = defineTool({
  name: "check_availability",
  args: argsSchema,
  run: (args, ctx) => toolTransaction(ctx, (tx) => checkAvailabilityIn(tx, args, ctx)),
});

/** The tool's work inside a company transaction (book_appointment reuses it for alternatives). */
export async function checkAvailabilityIn(tx: Tx, args: CheckAvailabilityArgs, ctx: ToolContext): Promise<ToolResult<CheckAvailabilityData>> {
  const p = phrasesFor(ctx.locale);
  const window = windowOf(args, ctx);
  if (window === "in_the_past") return fail("in_the_past", p.inThePast);
  if (window === "unparseable") return fail("unparseable_date", p.unparseableDate);

  // One transaction, its reads sent together: the caller is waiting.
  const [branch, offered] = await Promise.all([readBranch(tx, ctx.companyId, ctx.branchId), readPhoneServices(tx, ctx.companyId, ctx.branchId)]);
  if (!branch || !branch.isActive) return fail("branch_unavailable", p.branchUnavailable);
  const service = pickService(args.service, offered);
  if (service.kind === "none") {
    const examples = offered.slice(0, 3).map((s) => s.name);
    return fail("service_not_found", p.serviceNotFound(args.service, examples), { options: examples });
  }
  if (service.kind === "ambiguous") {
    const names = service.items.slice(0, 5).map((s) => s.name);
    return fail("ambiguous_service", p.ambiguous(names), { options: names });
  }
  const chosen = service.item;

  const eligible = await readEligibleStaff(tx, { branchId: ctx.branchId, serviceId: chosen.id });
  let staffId: string | null = null;
  if (args.staff) {
    const names = eligible.map((s) => s.displayName);
    const match = matchByName(args.staff, eligible, (s) => [s.displayName, s.firstName, `${s.firstName} ${s.lastName}`]);
    if (match.kind === "none") return fail("staff_not_found", p.staffNotFound(args.staff, names), { options: names });
    if (match.kind === "ambiguous") {
      const options = match.items.map((s) => s.displayName);
      return fail("ambiguous_staff", p.ambiguous(options), { options });
    }
    staffId = match.item.id;
  }
  const staffName = new Map(eligible.map((s) => [s.id, s.displayName]));

  // The engine's inputs that do not depend on the window, from what was read above (by staff id:
  // the first free staff member by id takes a start).
  const setup: AvailabilitySetup = {
    branchId: ctx.branchId,
    branch: { timeZone: branch.timeZone, openingHours: branch.openingHours, settings: branch.settings },
    service: {
      durationMinutes: chosen.durationMinutes,
      bufferBeforeMinutes: chosen.bufferBeforeMinutes,
      bufferAfterMinutes: chosen.bufferAfterMinutes,
      minNoticeMinutes: chosen.minNoticeMinutes,
    },
    eligible: eligible
      .filter((s) => !staffId || s.id === staffId)
      .map((s) => ({ staffId: s.id, durationMinutes: s.durationMinutes }))
      .sort((a, b) => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0)),
  };
  const staffIds = setup.eligible.map((e) => e.staffId);
  // A window's inputs and other calls' holds in it, sent together (one round trip).
  const read = async (from: Date, to: Date): Promise<AvailabilityRequest | null> => {
    try {
      const [request, holds] = await Promise.all([
        readAvailabilityWindow(tx, setup, { from, to, now: ctx.now }),
        readOtherCallsHolds(tx, ctx, staffIds, from, to),
      ]);
      return withHolds(request, holds);
    } catch (error) {
      if (error instanceof SlotQueryError) return null;
      throw error;
    }
  };
  /**
   * The first free starts in [from, to) (enough of them within the preferred time of day, when
   * one is given), read a day at a time at first: a window of a week or two almost always has
   * them on its first day, and a large branch's week is thousands of appointments.
   */
  const firstFree = async (from: Date, to: Date, daily?: { from: string; to: string }) => {
    let found: Slot[] = [];
    let preferred: Slot[] = [];
    let first: AvailabilityRequest | null = null;
    let start = from.getTime();
    for (const days of [1, 3, Number.POSITIVE_INFINITY]) {
      if (start >= to.getTime()) break;
      const end = Math.min(to.getTime(), start + days * DAY);
      const request = await read(new Date(start), new Date(end));
      if (!request) return null;
      first ??= request;
      found = [...found, ...findSlots(request, { distinctStarts: true })];
      preferred = daily ? withinDaily(found, ctx.timeZone, daily) : found;
      if (preferred.length >= ALTERNATIVES) break;
      start = end;
    }
    return { found, preferred, first };
  };

  // With an exact time: its day, whole (alternatives are the nearest starts that day). Without:
  // the window's first free starts.
  const searched = window.exact ? null : await firstFree(window.from, window.to);
  const request = window.exact ? await read(window.from, window.to) : (searched?.first ?? null);
  if (!request) return fail("service_not_found", p.serviceNotFound(args.service, []));

  const view = (slot: Slot): SlotView => ({
    starts_at: localIso(slot.startsAt, ctx.timeZone),
    ends_at: localIso(slot.endsAt, ctx.timeZone),
    spoken: spokenDateTime(slot.startsAt, ctx.timeZone, ctx.locale),
    staff: staffName.get(slot.staffId) ?? null,
  });
  const base = {
    service: { id: chosen.id, name: chosen.name, duration_minutes: chosen.durationMinutes },
    staff: staffId ? (staffName.get(staffId) ?? null) : null,
    requested: window.exact ? { starts_at: localIso(window.exact, ctx.timeZone), spoken: spokenDateTime(window.exact, ctx.timeZone, ctx.locale) } : null,
  };

  // The requested start, checked exactly (it may lie off the slot grid).
  let taken = false;
  if (window.exact) {
    const exact = window.exact;
    for (const member of request.staff) {
      const check = checkStart(request, member.staffId, exact);
      if (!check.ok) {
        taken ||= check.reason === "slot_taken" || check.reason === "staff_absent";
        continue;
      }
      const slot = { staffId: member.staffId, startsAt: exact, endsAt: check.endsAt };
      await holdForCall(tx, ctx, slot, chosen.id);
      return ok(p.slotFree(base.requested!.spoken, base.staff), { ...base, available: true, reason: null, slots: [view(slot)] });
    }
  }

  let candidates = searched ? searched.found : findSlots(request, { distinctStarts: true });
  if (window.exact) {
    const t = window.exact.getTime();
    candidates = [...candidates]
      .sort((a, b) => Math.abs(a.startsAt.getTime() - t) - Math.abs(b.startsAt.getTime() - t))
      .slice(0, ALTERNATIVES)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  } else {
    candidates = candidates.slice(0, ALTERNATIVES);
  }
  let inWindow = candidates.length > 0;

  if (!inWindow) {
    const later = await firstFree(window.to, new Date(window.to.getTime() + FOLLOW_UP_DAYS * DAY), window.daily);
    const found = later?.found ?? [];
    const preferred = later?.preferred ?? [];
    candidates = (preferred.length ? preferred : found).slice(0, ALTERNATIVES);
    inWindow = false;
  }

  if (candidates[0]) await holdForCall(tx, ctx, candidates[0], chosen.id);
  const slots = candidates.map(view);
  const alternatives = spokenSlots(candidates.map((c) => c.startsAt), ctx.timeZone, ctx.locale);
  if (!window.exact && inWindow) return ok(p.freeIn(alternatives), { ...base, available: true, reason: null, slots });

  const first = localParts(window.from, ctx.timeZone);
  const last = localParts(new Date(window.to.getTime() - MINUTE), ctx.timeZone);
  const closedDay =
    first.date === last.date &&
    hoursOn(branch.openingHours, (request.closedDates ?? []).map((date) => ({ date, reason: null })), first.date, first.weekday).kind === "closed";
  const reason = closedDay ? "closed" : window.exact ? (taken ? "taken" : "unavailable") : "none_in_window";
  if (candidates.length === 0) return ok(p.nothingFree, { ...base, available: false, reason, slots });
  const message =
    reason === "closed"
      ? p.closedOn(spokenLocalDate(first.date, ctx.locale), alternatives)
      : reason === "taken"
        ? p.slotTaken(base.requested!.spoken, alternatives)
        : reason === "unavailable"
          ? p.slotUnavailable(base.requested!.spoken, alternatives)
          : p.noneInWindow(alternatives);
  return ok(message, { ...base, available: false, reason, slots });
}

export function pickService(query: string, offered: readonly PhoneService[]) {
  if (UUID.test(query)) {
    const byId = offered.find((s) => s.id === query.toLowerCase());
    return byId ? ({ kind: "one", item: byId } as const) : ({ kind: "none" } as const);
  }
  return matchByName(query, offered, (s) => s.name);
}
