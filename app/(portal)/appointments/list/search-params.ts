import { createLoader, createParser, parseAsArrayOf, parseAsStringLiteral } from "nuqs/server";
import type { AppointmentSort } from "@/lib/appointments/list";
import type { AppointmentSource, AppointmentStatus } from "@/db/schema";
import { dataTableParsers, parseAsDay } from "@/lib/data-table/search-params";

// The appointments list's URL, read by the page, the export route and the client table alike
// (so nothing here may import server code: the enums are spelled out, checked by type).
// lib/appointments/list.ts validates the same state again on the server (its schema is the authority).

export const APPOINTMENT_SORT_VALUES = ["starts.desc", "starts.asc"] as const satisfies readonly AppointmentSort[];
export const APPOINTMENT_STATUS_VALUES = ["pending", "booked", "confirmed", "completed", "no_show", "cancelled"] as const satisfies readonly AppointmentStatus[];
export const APPOINTMENT_SOURCE_VALUES = ["admin", "phone", "online", "calcom"] as const satisfies readonly AppointmentSource[];
export const APPOINTMENT_HIDEABLE_COLUMNS = ["service", "staff", "branch", "status", "source", "price"] as const;
export const APPOINTMENT_FILTER_KEYS = ["from", "to", "branch", "staff", "service", "status", "source"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parseAsId = createParser({ parse: (value: string) => (UUID.test(value) ? value.toLowerCase() : null), serialize: (value: string) => value });

export const appointmentListParsers = {
  ...dataTableParsers({ sorts: APPOINTMENT_SORT_VALUES, defaultSort: "starts.desc", hideable: APPOINTMENT_HIDEABLE_COLUMNS }),
  from: parseAsDay,
  to: parseAsDay,
  branch: parseAsArrayOf(parseAsId).withDefault([]),
  staff: parseAsArrayOf(parseAsId).withDefault([]),
  service: parseAsArrayOf(parseAsId).withDefault([]),
  status: parseAsArrayOf(parseAsStringLiteral(APPOINTMENT_STATUS_VALUES)).withDefault([]),
  source: parseAsArrayOf(parseAsStringLiteral(APPOINTMENT_SOURCE_VALUES)).withDefault([]),
};

export const loadAppointmentListState = createLoader(appointmentListParsers);
