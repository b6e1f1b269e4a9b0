import { createLoader, createParser, parseAsArrayOf, parseAsStringLiteral } from "nuqs/server";
import { dataTableParsers } from "@/lib/data-table/search-params";
import {
  DEFAULT_SERVICE_SORT,
  isBranchFilterValue,
  isCategoryFilterValue,
  SERVICE_CHANNELS,
  SERVICE_SORTS,
  SERVICE_STATUSES,
} from "@/lib/services/list-options";

// The services list's URL, read by the page, the export route and the client table alike.
// lib/services/list.ts validates the same state again on the server (its schema is the authority).

export const SERVICE_HIDEABLE_COLUMNS = ["category", "branch", "duration", "price", "channels", "staff", "status"] as const;
export const SERVICE_FILTER_KEYS = ["category", "branch", "status", "channel"] as const;

const parseAsValue = (valid: (value: string) => boolean) =>
  createParser({ parse: (value: string) => (valid(value) ? value : null), serialize: (value: string) => value });

export const serviceListParsers = {
  ...dataTableParsers({ sorts: SERVICE_SORTS, defaultSort: DEFAULT_SERVICE_SORT, hideable: SERVICE_HIDEABLE_COLUMNS }),
  category: parseAsArrayOf(parseAsValue(isCategoryFilterValue)).withDefault([]),
  branch: parseAsArrayOf(parseAsValue(isBranchFilterValue)).withDefault([]),
  status: parseAsArrayOf(parseAsStringLiteral(SERVICE_STATUSES)).withDefault([]),
  channel: parseAsArrayOf(parseAsStringLiteral(SERVICE_CHANNELS)).withDefault([]),
};

export const loadServiceListState = createLoader(serviceListParsers);
