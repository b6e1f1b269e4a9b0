import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, sameCompany, softDelete, timestamps } from "./_columns";
import { calls } from "./calls";
import { branches, companies } from "./companies";
import { customers } from "./customers";
import { services } from "./services";
import { staff } from "./staff";
import { users } from "./users";

// Transitions between these live in lib/appointments/status.ts.
export const appointmentStatus = pgEnum("appointment_status", [
  "pending",
  "booked",
  "confirmed",
  "completed",
  "no_show",
  "cancelled",
]);
export const appointmentSource = pgEnum("appointment_source", ["admin", "phone", "online", "calcom"]);

export const appointments = pgTable(
  "appointments",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    branchId: uuid().notNull(),
    staffId: uuid(),
    serviceId: uuid().notNull(),
    customerId: uuid().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: appointmentStatus().notNull().default("booked"),
    source: appointmentSource().notNull(),
    // The call that booked it (source phone), or the call it was created from on a call page.
    bookedByCallId: uuid(),
    // Cal.com booking uid when the calendar lives there.
    externalId: text(),
    priceCents: integer().notNull(),
    currency: text().notNull().default("EUR"),
    notes: text(),
    cancelledAt: timestamp({ withTimezone: true }),
    cancellationReason: text(),
    ...timestamps,
    ...softDelete,
  },
  (t) => [
    unique("appointments_company_id_id_key").on(t.companyId, t.id),
    sameCompany("appointments_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    sameCompany("appointments_staff_fk", [t.companyId, t.staffId], [staff.companyId, staff.id]),
    sameCompany("appointments_service_fk", [t.companyId, t.serviceId], [services.companyId, services.id]),
    sameCompany("appointments_customer_fk", [t.companyId, t.customerId], [customers.companyId, customers.id]),
    sameCompany("appointments_booked_by_call_fk", [t.companyId, t.bookedByCallId], [calls.companyId, calls.id]),
    index("appointments_company_id_starts_at_id_idx").on(t.companyId, t.startsAt, t.id),
    index("appointments_company_id_staff_id_starts_at_idx").on(t.companyId, t.staffId, t.startsAt),
    index("appointments_company_id_branch_id_starts_at_idx").on(t.companyId, t.branchId, t.startsAt),
    index("appointments_company_id_customer_id_starts_at_idx").on(
      t.companyId,
      t.customerId,
      t.startsAt,
    ),
    index("appointments_company_id_status_starts_at_idx").on(t.companyId, t.status, t.startsAt),
    // A call's appointments (call page, the calls list's "has appointment" filter).
    index("appointments_company_id_booked_by_call_id_idx")
      .on(t.companyId, t.bookedByCallId)
      .where(sql`${t.bookedByCallId} is not null`),
    check("appointments_time_order_check", sql`${t.endsAt} > ${t.startsAt}`),
    // At most 24 hours (whatever the session's zone), as a service is (services_duration_check):
    // availability reads a staff member's appointments by a bounded start range, which this bound
    // makes exact.
    check("appointments_length_check", sql`${t.endsAt} <= ${t.startsAt} + interval '24 hours'`),
    check("appointments_price_check", sql`${t.priceCents} >= 0`),
    check("appointments_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const appointmentNotes = pgTable(
  "appointment_notes",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    appointmentId: uuid().notNull(),
    authorUserId: uuid().references(() => users.id),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    sameCompany("appointment_notes_appointment_fk", [t.companyId, t.appointmentId], [
      appointments.companyId,
      appointments.id,
    ]).onDelete("cascade"),
    index("appointment_notes_company_id_appointment_id_idx").on(t.companyId, t.appointmentId),
    check("appointment_notes_body_check", sql`length(${t.body}) between 1 and 10000`),
  ],
);

export type Appointment = typeof appointments.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;
export type AppointmentStatus = (typeof appointmentStatus.enumValues)[number];
export type AppointmentSource = (typeof appointmentSource.enumValues)[number];
