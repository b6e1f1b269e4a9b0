import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, softDelete, timestamps } from "./_columns";

export const companyStatus = pgEnum("company_status", ["trial", "active", "suspended", "archived"]);
export const locale = pgEnum("locale", ["de", "en"]);

export type OpeningInterval = { open: string; close: string };
/** ISO weekday (1 = Monday … 7 = Sunday) → local opening intervals ("09:00"–"18:00"). */
export type OpeningHours = Partial<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", OpeningInterval[]>>;

export const companies = pgTable(
  "companies",
  {
    id: id(),
    // A reseller sells AskProAI to its own clients; their companies point at it.
    parentCompanyId: uuid().references((): AnyPgColumn => companies.id),
    name: text().notNull(),
    slug: text().notNull(),
    status: companyStatus().notNull().default("trial"),
    plan: text().notNull().default("starter"),
    locale: locale().notNull().default("de"),
    timeZone: text().notNull().default("Europe/Berlin"),
    currency: text().notNull().default("EUR"),
    contactEmail: text(),
    contactPhone: text(),
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
    ...softDelete,
  },
  (t) => [
    uniqueIndex("companies_slug_key").on(t.slug),
    index("companies_parent_company_id_idx").on(t.parentCompanyId),
    check("companies_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const branches = pgTable(
  "branches",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    name: text().notNull(),
    street: text(),
    postalCode: text(),
    city: text(),
    country: text().notNull().default("DE"),
    timeZone: text().notNull(),
    locale: locale().notNull().default("de"),
    phone: text(),
    email: text(),
    openingHours: jsonb().$type<OpeningHours>().notNull().default({}),
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    isActive: boolean().notNull().default(true),
    ...timestamps,
    ...softDelete,
  },
  (t) => [
    // Target of the company-scoped foreign keys: a row can only point at its own company's branch.
    unique("branches_company_id_id_key").on(t.companyId, t.id),
    index("branches_company_id_name_idx").on(t.companyId, t.name),
    check("branches_country_check", sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/** Global flag definitions; a company may override them in feature_flag_overrides. */
export const featureFlags = pgTable(
  "feature_flags",
  {
    key: text().primaryKey(),
    description: text().notNull().default(""),
    defaultEnabled: boolean().notNull().default(false),
    rolloutPercentage: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    check("feature_flags_key_check", sql`${t.key} ~ '^[a-z][a-z0-9_.-]{1,62}$'`),
    check("feature_flags_rollout_check", sql`${t.rolloutPercentage} between 0 and 100`),
  ],
);

export const featureFlagOverrides = pgTable(
  "feature_flag_overrides",
  {
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    flagKey: text()
      .notNull()
      .references(() => featureFlags.key, { onDelete: "cascade" }),
    enabled: boolean().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.flagKey] })],
);

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
export type Branch = typeof branches.$inferSelect;
export type NewBranch = typeof branches.$inferInsert;
