import type { Locale } from "./config";
import deCore from "./messages/de.json";
import enCore from "./messages/en.json";
import deAppointments from "./messages/appointments/de.json";
import enAppointments from "./messages/appointments/en.json";
import deAppointmentList from "./messages/appointment-list/de.json";
import enAppointmentList from "./messages/appointment-list/en.json";
import deApiTokens from "./messages/api-tokens/de.json";
import enApiTokens from "./messages/api-tokens/en.json";
import deCustomers from "./messages/customers/de.json";
import enCustomers from "./messages/customers/en.json";
import deDataTable from "./messages/data-table/de.json";
import enDataTable from "./messages/data-table/en.json";
import deTwoFactor from "./messages/two-factor/de.json";
import enTwoFactor from "./messages/two-factor/en.json";
import deServices from "./messages/services/de.json";
import enServices from "./messages/services/en.json";
import deBranches from "./messages/branches/de.json";
import enBranches from "./messages/branches/en.json";
import deStaff from "./messages/staff/de.json";
import enStaff from "./messages/staff/en.json";
import dePhoneNumbers from "./messages/phone-numbers/de.json";
import enPhoneNumbers from "./messages/phone-numbers/en.json";
import deCompanies from "./messages/companies/de.json";
import enCompanies from "./messages/companies/en.json";
import deSearch from "./messages/search/de.json";
import enSearch from "./messages/search/en.json";
import deAppointmentForm from "./messages/appointment-form/de.json";
import enAppointmentForm from "./messages/appointment-form/en.json";
import deCustomerDetail from "./messages/customer-detail/de.json";
import enCustomerDetail from "./messages/customer-detail/en.json";
import deUsers from "./messages/users/de.json";
import enUsers from "./messages/users/en.json";
import deCalls from "./messages/calls/de.json";
import enCalls from "./messages/calls/en.json";
import deCallbacks from "./messages/callbacks/de.json";
import enCallbacks from "./messages/callbacks/en.json";
import deWebhooks from "./messages/webhooks/de.json";
import enWebhooks from "./messages/webhooks/en.json";

// The message catalogs: the shell's in messages/<locale>.json, each larger feature's in
// messages/<feature>/<locale>.json under one namespace of its own (so features can grow their
// texts without all editing one file). messages.test.ts checks that no namespace is defined twice
// and that both languages have the same keys and placeholders.

export const catalogParts = {
  de: [deCore, deTwoFactor, deUsers, deApiTokens, deDataTable, deCustomers, deAppointments, deAppointmentList, deServices, deBranches, deStaff, dePhoneNumbers, deCompanies, deSearch, deAppointmentForm, deCustomerDetail, deCalls, deCallbacks, deWebhooks],
  en: [enCore, enTwoFactor, enUsers, enApiTokens, enDataTable, enCustomers, enAppointments, enAppointmentList, enServices, enBranches, enStaff, enPhoneNumbers, enCompanies, enSearch, enAppointmentForm, enCustomerDetail, enCalls, enCallbacks, enWebhooks],
} as const;

const merge = <T extends readonly object[]>(parts: T) => Object.assign({}, ...parts) as UnionToIntersection<T[number]>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export const catalogs = {
  de: merge(catalogParts.de),
  en: merge(catalogParts.en),
} satisfies Record<Locale, object>;

export type Messages = (typeof catalogs)["de"];
