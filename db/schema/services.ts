import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, sameCompany, softDelete, timestamps } from "./_columns";
import { branches, companies } from "./companies";
import { staff } from "./staff";

export const serviceCategories = pgTable(
  "service_categories",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    name: text().notNull(),
    sortOrder: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    unique("service_categories_company_id_id_key").on(t.companyId, t.id),
    index("service_categories_company_id_sort_order_idx").on(t.companyId, t.sortOrder),
  ],
);

export const services = pgTable(
  "services",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    categoryId: uuid(),
    // Null: offered in every branch of the company.
    branchId: uuid(),
    name: text().notNull(),
    description: text(),
    durationMinutes: integer().notNull(),
    bufferBeforeMinutes: integer().notNull().default(0),
    bufferAfterMinutes: integer().notNull().default(0),
    priceCents: integer().notNull(),
    currency: text().notNull().default("EUR"),
    minNoticeMinutes: integer().notNull().default(0),
    bookableByPhone: boolean().notNull().default(true),
    bookableOnline: boolean().notNull().default(true),
    isActive: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    ...timestamps,
    ...softDelete,
  },
  (t) => [
    unique("services_company_id_id_key").on(t.companyId, t.id),
    sameCompany("services_category_fk", [t.companyId, t.categoryId], [serviceCategories.companyId, serviceCategories.id]),
    sameCompany("services_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    index("services_company_id_category_id_idx").on(t.companyId, t.categoryId),
    index("services_company_id_name_idx").on(t.companyId, t.name),
    check("services_duration_check", sql`${t.durationMinutes} between 5 and 1440`),
    check(
      "services_buffers_check",
      sql`${t.bufferBeforeMinutes} between 0 and 1440 and ${t.bufferAfterMinutes} between 0 and 1440`,
    ),
    check("services_price_check", sql`${t.priceCents} >= 0`),
    check("services_min_notice_check", sql`${t.minNoticeMinutes} >= 0`),
    check("services_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** Which staff member performs which service, optionally with their own duration and price. */
export const staffServices = pgTable(
  "staff_services",
  {
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    staffId: uuid().notNull(),
    serviceId: uuid().notNull(),
    durationMinutes: integer(),
    priceCents: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.staffId, t.serviceId] }),
    sameCompany("staff_services_staff_fk", [t.companyId, t.staffId], [staff.companyId, staff.id]).onDelete("cascade"),
    sameCompany("staff_services_service_fk", [t.companyId, t.serviceId], [services.companyId, services.id]).onDelete(
      "cascade",
    ),
    index("staff_services_company_id_service_id_idx").on(t.companyId, t.serviceId),
    check(
      "staff_services_duration_check",
      sql`${t.durationMinutes} is null or ${t.durationMinutes} between 5 and 1440`,
    ),
    check("staff_services_price_check", sql`${t.priceCents} is null or ${t.priceCents} >= 0`),
  ],
);

export type Service = typeof services.$inferSelect;
export type NewService = typeof services.$inferInsert;
export type ServiceCategory = typeof serviceCategories.$inferSelect;
