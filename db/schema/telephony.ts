import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, sameCompany, timestamps } from "./_columns";
import { branches, companies, locale } from "./companies";

export const retellAgents = pgTable(
  "retell_agents",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    // Retell's own id ("agent_…"); unique across companies because a webhook names only it.
    retellAgentId: text().notNull(),
    name: text().notNull(),
    language: locale().notNull().default("de"),
    voiceId: text(),
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    isActive: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("retell_agents_retell_agent_id_key").on(t.retellAgentId),
    unique("retell_agents_company_id_id_key").on(t.companyId, t.id),
    index("retell_agents_company_id_idx").on(t.companyId),
  ],
);

/** A number belongs to one branch and carries the agent that answers it. */
export const phoneNumbers = pgTable(
  "phone_numbers",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    branchId: uuid().notNull(),
    retellAgentId: uuid(),
    e164: text().notNull(),
    label: text(),
    isActive: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // A called number must resolve to exactly one company.
    uniqueIndex("phone_numbers_e164_key").on(t.e164),
    unique("phone_numbers_company_id_id_key").on(t.companyId, t.id),
    sameCompany("phone_numbers_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]),
    sameCompany("phone_numbers_agent_fk", [t.companyId, t.retellAgentId], [retellAgents.companyId, retellAgents.id]),
    index("phone_numbers_company_id_branch_id_idx").on(t.companyId, t.branchId),
    check("phone_numbers_e164_check", sql`${t.e164} ~ '^\\+[1-9][0-9]{6,14}$'`),
  ],
);

export type RetellAgent = typeof retellAgents.$inferSelect;
export type PhoneNumber = typeof phoneNumbers.$inferSelect;
