import { createLoader, parseAsArrayOf, parseAsStringLiteral } from "nuqs/server";
import type { CustomerSort } from "@/lib/customers/list";
import { dataTableParsers, parseAsDay } from "@/lib/data-table/search-params";

// The customers list's URL, read by the page, the export route and the client table alike.
// lib/customers/list.ts validates the same state again on the server (its schema is the authority).

export const CUSTOMER_SORT_VALUES = ["created.desc", "created.asc", "name.asc", "name.desc"] as const satisfies readonly CustomerSort[];
export const CUSTOMER_HIDEABLE_COLUMNS = ["phone", "email", "language", "appointments", "created"] as const;
export const CUSTOMER_FILTER_KEYS = ["lang", "status", "from", "to"] as const;

export const customerListParsers = {
  ...dataTableParsers({ sorts: CUSTOMER_SORT_VALUES, defaultSort: "created.desc", hideable: CUSTOMER_HIDEABLE_COLUMNS }),
  lang: parseAsArrayOf(parseAsStringLiteral(["de", "en"] as const)).withDefault([]),
  status: parseAsArrayOf(parseAsStringLiteral(["deleted"] as const)).withDefault([]),
  from: parseAsDay,
  to: parseAsDay,
};

export const loadCustomerListState = createLoader(customerListParsers);
