import { createLoader, parseAsArrayOf, parseAsString } from "nuqs/server";
import { PHONE_NUMBER_SORTS } from "@/lib/telephony/schemas";
import { dataTableParsers } from "@/lib/data-table/search-params";

// The phone numbers list's URL; lib/telephony/queries.ts checks the same state on the server.

export const PHONE_NUMBER_HIDEABLE_COLUMNS = ["label", "agent", "created"] as const;
export const PHONE_NUMBER_FILTER_KEYS = ["branch"] as const;

export const phoneNumberListParsers = {
  ...dataTableParsers({ sorts: PHONE_NUMBER_SORTS, defaultSort: "number.asc", hideable: PHONE_NUMBER_HIDEABLE_COLUMNS }),
  branch: parseAsArrayOf(parseAsString).withDefault([]),
};

export const loadPhoneNumberListState = createLoader(phoneNumberListParsers);
