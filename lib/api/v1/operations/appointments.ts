import "server-only";
import { and, asc, eq, gte, isNull, lt, type SQL } from "drizzle-orm";
import { withCompany } from "@/db";
import { type Appointment, appointments } from "@/db/schema";
import { createAppointment, type Reference } from "@/lib/appointments/create";
import { afterAscending, decodeCursor, exactTimestamp, pageOf } from "../cursor";
import { ApiError } from "../errors";
import { defineOperation } from "../operation";
import {
  appointmentPageSchema,
  appointmentSchema,
  createAppointmentBodySchema,
  idParamsSchema,
  listAppointmentsQuerySchema,
} from "../schemas";

// GET/POST /api/v1/appointments, GET /api/v1/appointments/{id}: the token's company only (every
// query runs in withCompany of it); another company's id is a 404 like a missing one.

function toApiAppointment(row: Appointment) {
  return {
    id: row.id,
    branch_id: row.branchId,
    staff_id: row.staffId,
    service_id: row.serviceId,
    customer_id: row.customerId,
    starts_at: row.startsAt.toISOString(),
    ends_at: row.endsAt.toISOString(),
    status: row.status,
    source: row.source,
    price_cents: row.priceCents,
    currency: row.currency,
    notes: row.notes,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const listAppointments = defineOperation({
  operationId: "listAppointments",
  method: "GET",
  path: "/appointments",
  scope: "appointments:read",
  tag: "Appointments",
  summary: "List appointments",
  description: "The company's appointments in start order (then id), filtered by time window, status, branch or staff member.",
  query: listAppointmentsQuerySchema,
  response: { status: 200, name: "AppointmentPage", schema: appointmentPageSchema },
  handler: async ({ companyId, query }) => {
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const where: (SQL | undefined)[] = [
      eq(appointments.companyId, companyId),
      isNull(appointments.deletedAt),
      query.from ? gte(appointments.startsAt, new Date(query.from)) : undefined,
      query.to ? lt(appointments.startsAt, new Date(query.to)) : undefined,
      query.status ? eq(appointments.status, query.status) : undefined,
      query.branch_id ? eq(appointments.branchId, query.branch_id) : undefined,
      query.staff_id ? eq(appointments.staffId, query.staff_id) : undefined,
      cursor ? afterAscending(appointments.startsAt, appointments.id, cursor) : undefined,
    ];
    const rows = await withCompany(companyId, (tx) =>
      tx
        .select({ row: appointments, id: appointments.id, cursorAt: exactTimestamp(appointments.startsAt) })
        .from(appointments)
        .where(and(...where))
        .orderBy(asc(appointments.startsAt), asc(appointments.id))
        .limit(query.limit + 1),
    );
    const page = pageOf(rows, query.limit);
    return { data: page.rows.map((r) => toApiAppointment(r.row)), next_cursor: page.nextCursor };
  },
});

export const getAppointment = defineOperation({
  operationId: "getAppointment",
  method: "GET",
  path: "/appointments/{id}",
  scope: "appointments:read",
  tag: "Appointments",
  summary: "Get one appointment",
  params: idParamsSchema,
  response: { status: 200, name: "Appointment", schema: appointmentSchema },
  errors: [{ status: 404, codes: ["not_found"], description: "No such appointment in the token's company." }],
  handler: async ({ companyId, params }) => {
    const [row] = await withCompany(companyId, (tx) =>
      tx
        .select()
        .from(appointments)
        .where(and(eq(appointments.companyId, companyId), eq(appointments.id, params.id), isNull(appointments.deletedAt))),
    );
    if (!row) throw new ApiError(404, "not_found", "No such appointment.");
    return toApiAppointment(row);
  },
});

const FIELD_NAMES: Record<string, string> = {
  branchId: "branch_id",
  serviceId: "service_id",
  staffId: "staff_id",
  customerId: "customer_id",
  startsAt: "starts_at",
  notes: "notes",
};

const noun = (field: Reference) => FIELD_NAMES[field]!.replace("_id", "");

export const createAppointmentOperation = defineOperation({
  operationId: "createAppointment",
  method: "POST",
  path: "/appointments",
  scope: "appointments:write",
  tag: "Appointments",
  summary: "Book an appointment",
  description:
    'Books through the same use case as the portal (source "online"). The end follows from the staff member\'s own duration for the service, else the service\'s. The staff member must work at the branch and perform the service, and have no overlapping active appointment.',
  body: { name: "CreateAppointmentInput", schema: createAppointmentBodySchema },
  response: { status: 201, name: "Appointment", schema: appointmentSchema },
  errors: [
    { status: 409, codes: ["slot_taken"], description: "The staff member already has an appointment overlapping this time." },
    {
      status: 422,
      codes: [
        "unknown_reference",
        "inactive_reference",
        "starts_in_past",
        "staff_not_at_branch",
        "service_not_at_branch",
        "service_not_performed",
        "outside_working_hours",
        "branch_closed",
        "staff_absent",
        "too_short_notice",
      ],
      description: "Well-formed, but it cannot be booked.",
    },
  ],
  handler: async ({ companyId, tokenId, requestId, body }) => {
    const result = await createAppointment(
      companyId,
      {
        branchId: body.branch_id,
        serviceId: body.service_id,
        staffId: body.staff_id,
        customerId: body.customer_id,
        startsAt: body.starts_at,
        notes: body.notes,
      },
      { source: "online", context: { requestId: `api_token:${tokenId}:${requestId}` } },
    );
    if (result.ok) return toApiAppointment(result.appointment);
    switch (result.reason) {
      case "invalid":
        throw new ApiError(400, "invalid_input", "The request body is invalid.", {
          issues: Object.entries(result.fieldErrors).map(([field, code]) => ({ field: `body.${FIELD_NAMES[field] ?? field}`, code, message: code })),
        });
      case "not_found":
        throw new ApiError(422, "unknown_reference", `No such ${noun(result.field)} in this company.`, { field: FIELD_NAMES[result.field] });
      case "inactive":
        throw new ApiError(422, "inactive_reference", `The ${noun(result.field)} is not active.`, { field: FIELD_NAMES[result.field] });
      case "starts_in_past":
        throw new ApiError(422, "starts_in_past", "starts_at lies in the past.");
      case "staff_not_at_branch":
        throw new ApiError(422, "staff_not_at_branch", "The staff member does not work at this branch.");
      case "service_not_at_branch":
        throw new ApiError(422, "service_not_at_branch", "The service is not offered at this branch.");
      case "service_not_performed":
        throw new ApiError(422, "service_not_performed", "The staff member does not perform this service.");
      case "outside_working_hours":
        throw new ApiError(422, "outside_working_hours", "The time (with the service's buffers) is outside the staff member's working hours.");
      case "branch_closed":
        throw new ApiError(422, "branch_closed", "The branch is closed that day.");
      case "staff_absent":
        throw new ApiError(422, "staff_absent", "The staff member is absent at that time.");
      case "too_short_notice":
        throw new ApiError(422, "too_short_notice", `Too short notice for this service: ${result.earliest.toISOString()} at the earliest.`, {
          earliest: result.earliest.toISOString(),
        });
      case "slot_taken": {
        if (!result.clash) throw new ApiError(409, "slot_taken", "The staff member already has an appointment at this time.");
        const clash = { starts_at: result.clash.startsAt.toISOString(), ends_at: result.clash.endsAt.toISOString() };
        throw new ApiError(409, "slot_taken", `The staff member already has an appointment from ${clash.starts_at} to ${clash.ends_at}.`, {
          clash,
        });
      }
    }
  },
});
