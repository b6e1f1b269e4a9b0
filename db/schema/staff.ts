import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, sameCompany, softDelete, timestamps } from "./_columns";
import { branches, companies } from "./companies";
import { users } from "./users";

export const absenceKind = pgEnum("absence_kind", ["vacation", "sick", "training", "other"]);

export const staff = pgTable(
  "staff",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    // The branch a staff member is listed under; staff_branches says where they may work.
    branchId: uuid().notNull(),
    userId: uuid(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    displayName: text().notNull(),
    email: text(),
    phone: text(),
    color: text().notNull().default("#6366f1"),
    bio: text(),
    isActive: boolean().notNull().default(true),
    ...timestamps,
    ...softDelete,
  },
  (t) => [
    unique("staff_company_id_id_key").on(t.companyId, t.id),
    sameCompany("staff_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    sameCompany("staff_user_fk", [t.companyId, t.userId], [users.companyId, users.id]),
    index("staff_company_id_branch_id_idx").on(t.companyId, t.branchId),
    index("staff_company_id_display_name_idx").on(t.companyId, t.displayName),
    check("staff_color_check", sql`${t.color} ~ '^#[0-9a-fA-F]{6}$'`),
  ],
);

export const staffBranches = pgTable(
  "staff_branches",
  {
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    staffId: uuid().notNull(),
    branchId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.staffId, t.branchId] }),
    sameCompany("staff_branches_staff_fk", [t.companyId, t.staffId], [staff.companyId, staff.id]).onDelete("cascade"),
    sameCompany("staff_branches_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]).onDelete(
      "cascade",
    ),
    index("staff_branches_company_id_branch_id_idx").on(t.companyId, t.branchId),
  ],
);

export type BreakInterval = { start: string; end: string };

/**
 * One row per staff member, branch and ISO weekday (1 = Monday) for a validity range, in the
 * branch's local time: "09:00"–"18:00" stays 09:00–18:00 across daylight-saving switches.
 */
export const workingHours = pgTable(
  "working_hours",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    staffId: uuid().notNull(),
    branchId: uuid().notNull(),
    weekday: smallint().notNull(),
    startTime: time().notNull(),
    endTime: time().notNull(),
    breaks: jsonb().$type<BreakInterval[]>().notNull().default([]),
    validFrom: date().notNull().default(sql`'2000-01-01'`),
    validTo: date(),
    ...timestamps,
  },
  (t) => [
    sameCompany("working_hours_staff_fk", [t.companyId, t.staffId], [staff.companyId, staff.id]).onDelete("cascade"),
    sameCompany("working_hours_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    index("working_hours_company_id_staff_id_weekday_idx").on(t.companyId, t.staffId, t.weekday),
    check("working_hours_weekday_check", sql`${t.weekday} between 1 and 7`),
    check("working_hours_time_order_check", sql`${t.endTime} > ${t.startTime}`),
    check(
      "working_hours_validity_check",
      sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
  ],
);

export const staffAbsences = pgTable(
  "staff_absences",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    staffId: uuid().notNull(),
    kind: absenceKind().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    note: text(),
    ...timestamps,
  },
  (t) => [
    sameCompany("staff_absences_staff_fk", [t.companyId, t.staffId], [staff.companyId, staff.id]).onDelete("cascade"),
    index("staff_absences_company_id_staff_id_starts_at_idx").on(t.companyId, t.staffId, t.startsAt),
    check("staff_absences_time_order_check", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export type Staff = typeof staff.$inferSelect;
export type NewStaff = typeof staff.$inferInsert;
export type WorkingHours = typeof workingHours.$inferSelect;
