import { createLoader, createParser, parseAsStringLiteral } from "nuqs/server";
import { dataTableParsers, parseAsDay } from "@/lib/data-table/search-params";
import { WEBHOOK_PROVIDERS, WEBHOOK_STATUSES } from "@/lib/webhooks/constants";

// The webhook inbox's URL, read by the page and the client table alike (so nothing here may import
// server code). One value per filter: the platform function filters by one of each.
// lib/webhooks/list.ts validates the same state again on the server.

export const WEBHOOK_SORT_VALUES = ["received.desc"] as const;
export const WEBHOOK_HIDEABLE_COLUMNS = ["provider", "company", "attempts", "error"] as const;
export const WEBHOOK_FILTER_KEYS = ["provider", "status", "type", "company", "from", "to"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parseAsId = createParser({ parse: (value: string) => (UUID.test(value) ? value.toLowerCase() : null), serialize: (value: string) => value });

/** An event type as providers name them ("call_ended", "invoice.paid"). */
export const EVENT_TYPE = /^[A-Za-z0-9_.:-]{1,100}$/;
const parseAsEventType = createParser({ parse: (value: string) => (EVENT_TYPE.test(value) ? value : null), serialize: (value: string) => value });

export const webhookListParsers = {
  ...dataTableParsers({ sorts: WEBHOOK_SORT_VALUES, defaultSort: "received.desc", hideable: WEBHOOK_HIDEABLE_COLUMNS }),
  provider: parseAsStringLiteral(WEBHOOK_PROVIDERS),
  status: parseAsStringLiteral(WEBHOOK_STATUSES),
  type: parseAsEventType,
  company: parseAsId,
  from: parseAsDay,
  to: parseAsDay,
};

export const loadWebhookListState = createLoader(webhookListParsers);
