import { createLoader, parseAsArrayOf, parseAsStringLiteral } from "nuqs/server";
import { BRANCH_SORTS, BRANCH_STATUSES } from "@/lib/branches/list-options";
import { dataTableParsers } from "@/lib/data-table/search-params";

// The branches list's URL, read by the page and the client table alike.

export const BRANCH_HIDEABLE_COLUMNS = ["address", "phone", "timeZone", "status"] as const;
export const BRANCH_FILTER_KEYS = ["status"] as const;

export const branchListParsers = {
  ...dataTableParsers({ sorts: BRANCH_SORTS, defaultSort: "name.asc", hideable: BRANCH_HIDEABLE_COLUMNS }),
  status: parseAsArrayOf(parseAsStringLiteral(BRANCH_STATUSES)).withDefault([]),
};

export const loadBranchListState = createLoader(branchListParsers);
