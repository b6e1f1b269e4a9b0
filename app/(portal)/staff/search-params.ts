import { createLoader, parseAsArrayOf, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { dataTableParsers } from "@/lib/data-table/search-params";
import { STAFF_SORTS, STAFF_STATUSES } from "@/lib/staff/list-options";

// The staff list's URL, read by the page and the client table alike.

export const STAFF_HIDEABLE_COLUMNS = ["branches", "services", "contact", "status"] as const;
export const STAFF_FILTER_KEYS = ["status", "branch"] as const;

export const staffListParsers = {
  ...dataTableParsers({ sorts: STAFF_SORTS, defaultSort: "name.asc", hideable: STAFF_HIDEABLE_COLUMNS }),
  status: parseAsArrayOf(parseAsStringLiteral(STAFF_STATUSES)).withDefault([]),
  branch: parseAsArrayOf(parseAsString).withDefault([]),
};

export const loadStaffListState = createLoader(staffListParsers);
