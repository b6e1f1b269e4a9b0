import { z } from "zod";
import { appointmentSource, appointmentStatus } from "@/db/schema/appointments";
import { callDirection, callStatus } from "@/db/schema/calls";
import { MAX_APPOINTMENT_NOTES } from "@/lib/appointments/create";
import { cursorParam, limitParam } from "./cursor";

// The zod schemas of /api/v1: the handlers validate requests with exactly these, and
// /api/v1/openapi.json is generated from them (lib/api/v1/openapi.ts). Field names are snake_case,
// timestamps ISO 8601 in UTC, ids UUIDs.

const id = z.guid();
const instant = z.iso.datetime({ offset: true });
const utc = z.iso.datetime().describe("ISO 8601, UTC");

const timeWindow = {
  from: instant.optional().describe("Only from this instant on (inclusive), ISO 8601 with offset."),
  to: instant.optional().describe("Only before this instant (exclusive), ISO 8601 with offset."),
};
const pagination = { cursor: cursorParam, limit: limitParam };
const fromBeforeTo: [(q: { from?: string; to?: string }) => boolean, { error: string; path: string[] }] = [
  (q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to),
  { error: "from must be before to", path: ["to"] },
];

// --- path parameters -------------------------------------------------------------------------

export const idParamsSchema = z.object({ id: id.describe("The resource's id.") });

// --- appointments ----------------------------------------------------------------------------

export const listAppointmentsQuerySchema = z
  .object({
    ...timeWindow,
    status: z.enum(appointmentStatus.enumValues).optional(),
    branch_id: id.optional(),
    staff_id: id.optional(),
    ...pagination,
  })
  .refine(...fromBeforeTo);

export const createAppointmentBodySchema = z.strictObject({
  branch_id: id,
  service_id: id,
  staff_id: id,
  customer_id: id,
  starts_at: instant.describe("Start, ISO 8601 with UTC offset. The end follows from the service's duration."),
  notes: z.string().max(MAX_APPOINTMENT_NOTES).optional(),
});

export const appointmentSchema = z.object({
  id,
  branch_id: id,
  staff_id: id.nullable(),
  service_id: id,
  customer_id: id,
  starts_at: utc,
  ends_at: utc,
  status: z.enum(appointmentStatus.enumValues),
  source: z.enum(appointmentSource.enumValues),
  price_cents: z.int(),
  currency: z.string(),
  notes: z.string().nullable(),
  created_at: utc,
  updated_at: utc,
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page."),
  });

export const appointmentPageSchema = page(appointmentSchema);

// --- customers -------------------------------------------------------------------------------

export const listCustomersQuerySchema = z
  .object({
    phone: z.string().min(3).max(40).optional().describe("Exact lookup by phone number (any usual spelling)."),
    email: z.string().min(3).max(254).optional().describe("Exact lookup by email address (case-insensitive)."),
    ...pagination,
  })
  .refine((q) => !(q.phone && q.email), { error: "Look up by phone or by email, not both", path: ["email"] });

export const customerSchema = z.object({
  id,
  first_name: z.string(),
  last_name: z.string(),
  phone: z.string().nullable().describe("E.164"),
  email: z.string().nullable(),
  birthday: z.iso.date().nullable(),
  locale: z.enum(["de", "en"]),
  created_at: utc,
});

export const customerPageSchema = page(customerSchema);

// --- calls -----------------------------------------------------------------------------------

export const listCallsQuerySchema = z
  .object({ ...timeWindow, status: z.enum(callStatus.enumValues).optional(), ...pagination })
  .refine(...fromBeforeTo);

export const callSchema = z.object({
  id,
  branch_id: id.nullable(),
  customer_id: id.nullable(),
  direction: z.enum(callDirection.enumValues),
  status: z.enum(callStatus.enumValues),
  from_number: z.string().nullable(),
  to_number: z.string().nullable(),
  started_at: utc.nullable(),
  ended_at: utc.nullable(),
  duration_ms: z.int().nullable(),
  disconnection_reason: z.string().nullable(),
  summary: z.string().nullable(),
  sentiment: z.string().nullable(),
  successful: z.boolean().nullable(),
});

export const callPageSchema = page(callSchema);
