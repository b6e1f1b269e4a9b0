import { getTranslations } from "next-intl/server";
import { type AppointmentListRow, exportAppointments } from "@/lib/appointments/list";
import { branchScope } from "@/lib/auth/permissions";
import { requireApiUser } from "@/lib/auth/session";
import { csvHeaders, csvStream } from "@/lib/data-table/csv";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { loadAppointmentListState } from "../search-params";

// GET /appointments/list/export – the appointments the list's URL selects (filters, sort; no
// paging), within the viewer's branches, as CSV streamed batch by batch (lib/data-table/csv.ts).
// Malformed parameters fall back to their defaults (never a 500). Nothing about the rows is logged.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { user, response } = await requireApiUser({ permission: "appointments:read", request });
  if (response) return response;
  if (!user.companyId) return Response.json({ ok: false, error: "no_company_selected" }, { status: 409 });
  const companyId = user.companyId;

  const state = loadAppointmentListState(new URL(request.url).searchParams);
  const [t, tStatus, company, branchIds] = await Promise.all([
    getTranslations("appointmentList"),
    getTranslations("appointmentStatus"),
    getCompanyBasics(companyId),
    branchScope(user, "appointments:read"),
  ]);
  const timeZone = knownTimeZone(company?.timeZone);
  // Each row in its branch's zone: "2026-03-01" and "09:30" sort as text and read in every spreadsheet.
  const formats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
  const formatIn = (zone: string) => {
    let f = formats.get(zone);
    if (!f) {
      const tz = knownTimeZone(zone);
      f = { day: new Intl.DateTimeFormat("sv-SE", { timeZone: tz, dateStyle: "short" }), time: new Intl.DateTimeFormat("sv-SE", { timeZone: tz, timeStyle: "short" }) };
      formats.set(zone, f);
    }
    return f;
  };

  const header = ["date", "start", "end", "timeZone", "customer", "service", "staff", "branch", "status", "source", "price", "currency"].map((key) => t(`csv.${key}` as "csv.date"));
  const toValues = (row: AppointmentListRow) => {
    const f = formatIn(row.branchTimeZone);
    return [
      f.day.format(new Date(row.startsAt)),
      f.time.format(new Date(row.startsAt)),
      f.time.format(new Date(row.endsAt)),
      row.branchTimeZone,
      row.customerName,
      row.serviceName,
      row.staffName,
      row.branchName,
      tStatus(row.status),
      t(`sources.${row.source}`),
      (row.priceCents / 100).toFixed(2),
      row.currency,
    ];
  };
  const batches = exportAppointments(companyId, state, { branchIds, timeZone, userId: user.id });
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short" }).format(new Date());
  return new Response(csvStream(header, batches, toValues), { headers: csvHeaders(`${t("csv.filename")}-${today}.csv`) });
}
