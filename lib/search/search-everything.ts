import "server-only";
import { type CompanyContext, withCompany } from "@/db";
import type { UserRole } from "@/db/schema/users";
import { branchScope, can } from "@/lib/auth/permissions";
import { findAppointments } from "./appointments";
import { findCustomers } from "./customers";
import { findServices, findStaff } from "./staff-services";
import { emptySearchResults, SEARCH_MIN_LENGTH, type SearchResults, searchQuerySchema } from "./types";

// The search palette's one use case: customers, appointments, staff and services matching a
// query, at most SEARCH_GROUP_LIMIT each, in one transaction of the user's company (RLS keeps it
// there whatever the query names). The groups run side by side (the appointments wait for the
// customers they belong to); a group the role may not read stays empty, and appointments and
// staff stay within the user's branches (branchScope).

export type SearchUser = { id: string; role: UserRole; companyId: string };

export type SearchEverythingResult = { ok: true; results: SearchResults } | { ok: false; error: "invalid_query" };

export async function searchEverything(
  user: SearchUser,
  rawQuery: unknown,
  context: CompanyContext & { now?: Date } = {},
): Promise<SearchEverythingResult> {
  const parsed = searchQuerySchema.safeParse(rawQuery);
  if (!parsed.success) return { ok: false, error: "invalid_query" };
  const query = parsed.data;
  if ([...query].length < SEARCH_MIN_LENGTH) return { ok: true, results: emptySearchResults() };

  const may = {
    customers: can(user.role, "customers:read"),
    appointments: can(user.role, "appointments:read"),
    staff: can(user.role, "staff:read"),
    services: can(user.role, "services:read"),
  };
  const [appointmentBranches, staffBranches] = await Promise.all([
    may.appointments ? branchScope(user, "appointments:read") : [],
    may.staff ? branchScope(user, "staff:read") : [],
  ]);
  const { now, ...companyContext } = context;

  const results = await withCompany(
    user.companyId,
    async (tx) => {
      const customersAndAppointments = async () => {
        // Customer matches also feed the appointments group (every role that reads appointments reads customers today).
        const customers = may.customers ? await findCustomers(tx, user.companyId, query) : [];
        const appointments = may.appointments
          ? await findAppointments(tx, user.companyId, { query, customerIds: customers.map((c) => c.id), branchIds: appointmentBranches, now })
          : [];
        return { customers, appointments };
      };
      const [{ customers, appointments }, staff, services] = await Promise.all([
        customersAndAppointments(),
        may.staff ? findStaff(tx, user.companyId, query, staffBranches) : [],
        may.services ? findServices(tx, user.companyId, query) : [],
      ]);
      return { customers, appointments, staff, services };
    },
    companyContext,
  );
  return { ok: true, results };
}
