import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { id, sameCompany, timestamps } from "./_columns";
import { branches, companies } from "./companies";

/** Special closing days of a branch (public holidays, company events): no slots on that local date. */
export const branchClosures = pgTable(
  "branch_closures",
  {
    id: id(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    branchId: uuid().notNull(),
    date: date().notNull(),
    reason: text(),
    ...timestamps,
  },
  (t) => [
    sameCompany("branch_closures_branch_fk", [t.companyId, t.branchId], [branches.companyId, branches.id]).onDelete("cascade"),
    unique("branch_closures_branch_id_date_key").on(t.companyId, t.branchId, t.date),
    index("branch_closures_company_id_date_idx").on(t.companyId, t.date),
    check("branch_closures_reason_check", sql`char_length(${t.reason}) <= 200`),
  ],
);

export type BranchClosure = typeof branchClosures.$inferSelect;
