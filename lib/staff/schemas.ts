import { z } from "zod";
import {
  blankAsUndefined,
  clockTimeSchema,
  e164Schema,
  isoDateSchema,
  minutesSchema,
  optionalText,
  priceCentsSchema,
  requiredText,
} from "@/lib/forms/fields";

// What a staff member, their services, a weekly schedule and an absence may be saved with. Field
// errors are codes: the common ones in forms.fieldErrors, the staff's own (color, branch, service,
// scheduleOverlap, …) in staff.fieldErrors. Nested fields keep their path: "days.1.0.breaks.0.end",
// "services.<serviceId>.priceCents". This file is imported by client components too: no server code.

export const MAX_NAME = 100;
export const MAX_BIO = 2000;
export const MAX_NOTE = 500;
export const DEFAULT_COLOR = "#6366f1";

/** "on"/"true"/true → true, "false"/false → false; absent → the default. */
const flag = (fallback: boolean) =>
  z.preprocess((v) => (v === undefined || v === null ? fallback : v === true || v === "on" || v === "true"), z.boolean());

const idSchema = z.guid({ error: "uuid" });

export const staffInputSchema = z.object({
  firstName: requiredText(MAX_NAME),
  lastName: requiredText(MAX_NAME),
  /** Blank: "First Last". */
  displayName: optionalText(MAX_NAME),
  email: z.preprocess(
    blankAsUndefined,
    z.string().trim().toLowerCase().pipe(z.email({ error: "email" }).max(254, { error: "tooLong" })).optional(),
  ),
  phone: z.preprocess(blankAsUndefined, e164Schema.optional()),
  color: z.preprocess(
    (v) => blankAsUndefined(v) ?? DEFAULT_COLOR,
    z.string().trim().toLowerCase().regex(/^#[0-9a-f]{6}$/, { error: "color" }),
  ),
  bio: optionalText(MAX_BIO),
  isActive: flag(true),
  /** The home branch. */
  branchId: z.preprocess(blankAsUndefined, z.guid({ error: "required" })),
  /** Where else they may work (the home branch is dropped from it). */
  branchIds: z.array(z.guid({ error: "branch" }), { error: "branch" }).max(100).default([]),
});

export type StaffInput = z.input<typeof staffInputSchema>;
export type StaffData = z.output<typeof staffInputSchema>;

const optionalMinutes = z.preprocess(blankAsUndefined, minutesSchema(5, 1440).optional());
const optionalPrice = z.preprocess(blankAsUndefined, priceCentsSchema.optional());

/** The services a staff member performs: service id → their own duration/price (blank: the service's). */
export const staffServicesInputSchema = z.object({
  services: z.record(
    z.guid({ error: "service" }),
    z.object({ durationMinutes: optionalMinutes, priceCents: optionalPrice }).default({ durationMinutes: undefined, priceCents: undefined }),
    { error: "service" },
  ),
});

export type StaffServicesInput = z.input<typeof staffServicesInputSchema>;

// --- weekly working hours ----------------------------------------------------------------------

export const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const MAX_SHIFTS = 4;
export const MAX_BREAKS = 4;

const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
/** "09:30" → 570. */
export const minutesOfClock = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

type Span = { index: number; start: number; end: number };

/** Sorted by start, an entry overlaps when it starts before the latest end so far (touching is fine). */
function overlapping(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.index - b.index);
  const out: Span[] = [];
  let latest: Span | undefined;
  for (const current of sorted) {
    if (latest && current.start < latest.end) out.push(current.index > latest.index ? current : latest);
    if (!latest || current.end > latest.end) latest = current;
  }
  return out;
}

const breakSchema = z.object({ start: clockTimeSchema, end: clockTimeSchema }, { error: "invalid" });

const shiftSchema = z
  .object(
    { start: clockTimeSchema, end: clockTimeSchema, breaks: z.array(breakSchema, { error: "invalid" }).max(MAX_BREAKS, { error: "tooMany" }).default([]) },
    { error: "invalid" },
  )
  .superRefine((shift, ctx) => {
    if (!CLOCK.test(shift.start) || !CLOCK.test(shift.end)) return;
    const start = minutesOfClock(shift.start);
    const end = minutesOfClock(shift.end);
    if (end <= start) {
      ctx.addIssue({ code: "custom", message: "endBeforeStart", path: ["end"] });
      return;
    }
    const spans: Span[] = [];
    shift.breaks.forEach((b, index) => {
      if (!CLOCK.test(b.start) || !CLOCK.test(b.end)) return;
      const s = minutesOfClock(b.start);
      const e = minutesOfClock(b.end);
      if (e <= s) return ctx.addIssue({ code: "custom", message: "endBeforeStart", path: ["breaks", index, "end"] });
      if (s < start || e > end) return ctx.addIssue({ code: "custom", message: "breakOutside", path: ["breaks", index, "start"] });
      spans.push({ index, start: s, end: e });
    });
    for (const b of overlapping(spans)) ctx.addIssue({ code: "custom", message: "overlap", path: ["breaks", b.index, "start"] });
  });

const daySchema = z
  .array(shiftSchema, { error: "invalid" })
  .max(MAX_SHIFTS, { error: "tooMany" })
  .superRefine((shifts, ctx) => {
    const spans: Span[] = [];
    shifts.forEach((shift, index) => {
      if (!CLOCK.test(shift?.start ?? "") || !CLOCK.test(shift?.end ?? "")) return;
      const start = minutesOfClock(shift.start);
      const end = minutesOfClock(shift.end);
      if (end > start) spans.push({ index, start, end });
    });
    for (const s of overlapping(spans)) ctx.addIssue({ code: "custom", message: "overlap", path: [s.index, "start"] });
  });

export type Shift = { start: string; end: string; breaks: { start: string; end: string }[] };
export type Week = Record<Weekday, Shift[]>;

export const workingScheduleInputSchema = z
  .object({
    branchId: idSchema,
    validFrom: isoDateSchema,
    /** Blank: open-ended. */
    validTo: z.preprocess(blankAsUndefined, isoDateSchema.optional()),
    /** The schedule being edited (its valid-from date), when it is not a new one. */
    originalFrom: z.preprocess(blankAsUndefined, isoDateSchema.optional()),
    days: z.partialRecord(z.enum(WEEKDAYS, { error: "weekday" }), daySchema, { error: "invalid" }),
  })
  .superRefine((input, ctx) => {
    if (input.validTo && input.validTo < input.validFrom) ctx.addIssue({ code: "custom", message: "endBeforeStart", path: ["validTo"] });
    if (!WEEKDAYS.some((day) => (input.days[day]?.length ?? 0) > 0)) ctx.addIssue({ code: "custom", message: "noShifts", path: ["days"] });
  })
  .transform((input) => ({
    ...input,
    days: Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        [...(input.days[day] ?? [])]
          .sort((a, b) => minutesOfClock(a.start) - minutesOfClock(b.start))
          .map((s) => ({ start: s.start, end: s.end, breaks: [...s.breaks].sort((a, b) => minutesOfClock(a.start) - minutesOfClock(b.start)) })),
      ]),
    ) as Week,
  }));

export type WorkingScheduleInput = z.input<typeof workingScheduleInputSchema>;

// --- absences ------------------------------------------------------------------------------------

/** The absence_kind enum (db/schema/staff.ts), spelled out: client components import this file. */
export const ABSENCE_KINDS = ["vacation", "sick", "training", "other"] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** A local date-time "YYYY-MM-DDTHH:MM" (a datetime-local input). */
const localDateTime = z.string({ error: "required" }).regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: "datetime" });

/**
 * Whole days (from date to date, inclusive) or local date-times, both in the home branch's time
 * zone; turned into instants by the use case.
 */
export const absenceInputSchema = z
  .discriminatedUnion(
    "allDay",
    [
      z.object({ allDay: z.literal(true), startDate: isoDateSchema, endDate: isoDateSchema }),
      z.object({ allDay: z.literal(false), startsAt: localDateTime, endsAt: localDateTime }),
    ],
    { error: "invalid" },
  )
  .and(z.object({ kind: z.enum(ABSENCE_KINDS, { error: "kind" }), note: optionalText(MAX_NOTE) }))
  .superRefine((input, ctx) => {
    if (input.allDay && input.endDate < input.startDate) ctx.addIssue({ code: "custom", message: "endBeforeStart", path: ["endDate"] });
    if (!input.allDay && input.endsAt <= input.startsAt) ctx.addIssue({ code: "custom", message: "endBeforeStart", path: ["endsAt"] });
  });

export type AbsenceInput = z.input<typeof absenceInputSchema>;

/** Field path → error code. */
export type StaffFieldErrors = Partial<Record<string, string>>;

/** The first issue's code per field path of a failed parse. */
export function staffFieldErrors(error: z.ZodError): StaffFieldErrors {
  const out: StaffFieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_form";
    if (!out[path]) out[path] = issue.message;
  }
  return out;
}

export const isUuid = (id: unknown): id is string => idSchema.safeParse(id).success;
