import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireApiUser } from "@/lib/auth/session";
import { type CustomerListRow, exportCustomers, MAX_SELECTED_IDS } from "@/lib/customers/list";
import { csvHeaders, csvStream } from "@/lib/data-table/csv";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { loadCustomerListState } from "../search-params";

// GET /customers/export – the customers the list's URL selects (search, filters, sort; no paging),
// or the ids of a selection (?ids=a,b), as CSV streamed batch by batch (lib/data-table/csv.ts).
// Personal data goes into the response only: nothing about the rows or the search is logged.

export const dynamic = "force-dynamic";

const idsSchema = z.array(z.uuid()).min(1).max(MAX_SELECTED_IDS);

export async function GET(request: Request) {
  const { user, response } = await requireApiUser({ permission: "customers:read", request });
  if (response) return response;
  if (!user.companyId) return Response.json({ ok: false, error: "no_company_selected" }, { status: 409 });
  const companyId = user.companyId;

  const url = new URL(request.url);
  const state = loadCustomerListState(url.searchParams);
  const rawIds = url.searchParams.get("ids");
  let ids: string[] | undefined;
  if (rawIds !== null) {
    const parsed = idsSchema.safeParse(rawIds.split(","));
    if (!parsed.success) return Response.json({ ok: false, error: "invalid_ids" }, { status: 400 });
    ids = parsed.data;
  }

  const [t, company, appointmentBranches] = await Promise.all([
    getTranslations("customers"),
    getCompanyBasics(companyId),
    can(user.role, "appointments:read") ? branchScope(user, "appointments:read") : Promise.resolve(false as const),
  ]);
  const timeZone = knownTimeZone(company?.timeZone);
  const countAppointments = appointmentBranches === false ? false : appointmentBranches === null ? ("company" as const) : { branches: appointmentBranches };
  // "2026-03-01 09:30" in the company's zone: sorts as text and reads in every spreadsheet.
  const stamp = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" });

  const header = [t("csv.lastName"), t("csv.firstName"), t("csv.phone"), t("csv.email"), t("csv.language"), ...(countAppointments ? [t("csv.appointments")] : []), t("csv.created")];
  const toValues = (row: CustomerListRow) => [
    row.lastName,
    row.firstName,
    row.phone,
    row.email,
    row.locale,
    ...(countAppointments ? [row.appointmentCount ?? 0] : []),
    stamp.format(new Date(row.createdAt)),
  ];
  const batches = exportCustomers(companyId, { ...state, ids }, { timeZone, countAppointments, userId: user.id });
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short" }).format(new Date());
  return new Response(csvStream(header, batches, toValues), { headers: csvHeaders(`${t("csv.filename")}-${today}.csv`) });
}
