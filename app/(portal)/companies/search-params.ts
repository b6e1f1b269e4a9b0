import { createLoader, parseAsArrayOf, parseAsBoolean, parseAsStringLiteral } from "nuqs/server";
import type { CompanySort } from "@/lib/companies/list";
import { COMPANY_STATUSES } from "@/lib/companies/schemas";
import { dataTableParsers } from "@/lib/data-table/search-params";

// The companies list's URL, read by the page and the client table alike; lib/companies/list.ts
// checks the same state again on the server.

export const COMPANY_SORT_VALUES = ["name.asc", "name.desc", "created.desc", "created.asc"] as const satisfies readonly CompanySort[];
export const COMPANY_HIDEABLE_COLUMNS = ["plan", "branches", "contact", "created"] as const;
export const COMPANY_FILTER_KEYS = ["status", "archived"] as const;

export const companyListParsers = {
  ...dataTableParsers({ sorts: COMPANY_SORT_VALUES, defaultSort: "name.asc", hideable: COMPANY_HIDEABLE_COLUMNS }),
  status: parseAsArrayOf(parseAsStringLiteral(COMPANY_STATUSES)).withDefault([]),
  // No default: an absent key is null, so the kit does not count it as an active filter.
  archived: parseAsBoolean,
};

export const loadCompanyListState = createLoader(companyListParsers);
