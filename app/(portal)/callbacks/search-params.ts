import { createLoader, createParser, parseAsArrayOf, parseAsStringLiteral } from "nuqs/server";
import type { CallbackPriority, CallbackStatus } from "@/db/schema";
import type { CallbackSort } from "@/lib/callbacks/list";
import { dataTableParsers } from "@/lib/data-table/search-params";

// The callbacks list's URL (page and client table); lib/callbacks/list.ts checks it again.

export const CALLBACK_SORT_VALUES = ["due.asc", "due.desc"] as const satisfies readonly CallbackSort[];
export const CALLBACK_STATUS_VALUES = ["open", "assigned", "contacted", "completed", "expired"] as const satisfies readonly CallbackStatus[];
export const CALLBACK_PRIORITY_VALUES = ["urgent", "high", "normal", "low"] as const satisfies readonly CallbackPriority[];
export const CALLBACK_HIDEABLE_COLUMNS = ["reason", "branch", "priority", "assignee", "status"] as const;
export const CALLBACK_FILTER_KEYS = ["status", "priority", "assignee", "branch", "overdue"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parseAsId = createParser({ parse: (value: string) => (UUID.test(value) ? value.toLowerCase() : null), serialize: (value: string) => value });

export const callbackListParsers = {
  ...dataTableParsers({ sorts: CALLBACK_SORT_VALUES, defaultSort: "due.asc", hideable: CALLBACK_HIDEABLE_COLUMNS }),
  status: parseAsArrayOf(parseAsStringLiteral(CALLBACK_STATUS_VALUES)).withDefault([]),
  priority: parseAsArrayOf(parseAsStringLiteral(CALLBACK_PRIORITY_VALUES)).withDefault([]),
  assignee: parseAsArrayOf(parseAsId).withDefault([]),
  branch: parseAsArrayOf(parseAsId).withDefault([]),
  overdue: parseAsArrayOf(parseAsStringLiteral(["yes"] as const)).withDefault([]),
};

export const loadCallbackListState = createLoader(callbackListParsers);
