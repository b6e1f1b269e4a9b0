import { createLoader, createParser, parseAsArrayOf, parseAsInteger, parseAsStringLiteral } from "nuqs/server";
import type { CallStatus } from "@/db/schema";
import type { CallSentiment, CallSort } from "@/lib/calls/list";
import { dataTableParsers, parseAsDay } from "@/lib/data-table/search-params";

// The calls list's URL, read by the page, the export route and the client table alike (so nothing
// here may import server code: the enums are spelled out, checked by type). lib/calls/list.ts
// validates the same state again on the server.

export const CALL_SORT_VALUES = ["started.desc", "started.asc"] as const satisfies readonly CallSort[];
export const CALL_STATUS_VALUES = ["registered", "ongoing", "ended", "not_connected", "error"] as const satisfies readonly CallStatus[];
export const CALL_DIRECTION_VALUES = ["inbound", "outbound"] as const;
export const CALL_SENTIMENT_VALUES = ["Positive", "Neutral", "Negative", "Unknown"] as const satisfies readonly CallSentiment[];
export const CALL_BOOKED_VALUES = ["yes", "no"] as const;
export const CALL_HIDEABLE_COLUMNS = ["branch", "duration", "status", "sentiment", "appointment"] as const;
export const CALL_FILTER_KEYS = ["from", "to", "branch", "status", "direction", "sentiment", "booked", "durMin", "durMax"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parseAsId = createParser({ parse: (value: string) => (UUID.test(value) ? value.toLowerCase() : null), serialize: (value: string) => value });

export const callListParsers = {
  ...dataTableParsers({ sorts: CALL_SORT_VALUES, defaultSort: "started.desc", hideable: CALL_HIDEABLE_COLUMNS }),
  from: parseAsDay,
  to: parseAsDay,
  branch: parseAsArrayOf(parseAsId).withDefault([]),
  status: parseAsArrayOf(parseAsStringLiteral(CALL_STATUS_VALUES)).withDefault([]),
  direction: parseAsArrayOf(parseAsStringLiteral(CALL_DIRECTION_VALUES)).withDefault([]),
  sentiment: parseAsArrayOf(parseAsStringLiteral(CALL_SENTIMENT_VALUES)).withDefault([]),
  booked: parseAsArrayOf(parseAsStringLiteral(CALL_BOOKED_VALUES)).withDefault([]),
  /** Duration bounds in seconds. */
  durMin: parseAsInteger,
  durMax: parseAsInteger,
};

export const loadCallListState = createLoader(callListParsers);
