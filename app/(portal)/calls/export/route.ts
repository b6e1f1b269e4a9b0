import { getTranslations } from "next-intl/server";
import { branchScope } from "@/lib/auth/permissions";
import { requireApiUser } from "@/lib/auth/session";
import { type CallListRow, exportCalls } from "@/lib/calls/list";
import { csvHeaders, csvStream } from "@/lib/data-table/csv";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { loadCallListState } from "../search-params";

// GET /calls/export – the calls the list's URL selects (filters, sort; no paging), within the
// viewer's branches, as CSV streamed batch by batch. Malformed parameters fall back to their
// defaults. Summaries are left out (free text about the caller); nothing about the rows is logged.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { user, response } = await requireApiUser({ permission: "calls:read", request });
  if (response) return response;
  if (!user.companyId) return Response.json({ ok: false, error: "no_company_selected" }, { status: 409 });
  const companyId = user.companyId;

  const state = loadCallListState(new URL(request.url).searchParams);
  const [t, company, branchIds] = await Promise.all([getTranslations("calls"), getCompanyBasics(companyId), branchScope(user, "calls:read")]);
  const timeZone = knownTimeZone(company?.timeZone);
  const formats = new Map<string, Intl.DateTimeFormat>();
  const formatIn = (zone: string) => {
    let f = formats.get(zone);
    if (!f) formats.set(zone, (f = new Intl.DateTimeFormat("sv-SE", { timeZone: knownTimeZone(zone), dateStyle: "short", timeStyle: "medium" })));
    return f;
  };

  const header = ["started", "timeZone", "caller", "customer", "branch", "direction", "status", "durationSeconds", "sentiment", "appointment"].map((key) => t(`csv.${key}` as "csv.started"));
  const toValues = (row: CallListRow) => {
    const zone = row.branchTimeZone ?? timeZone;
    return [
      row.startedAt ? formatIn(zone).format(new Date(row.startedAt)) : null,
      zone,
      row.fromNumber,
      row.customerName,
      row.branchName,
      t(`directions.${row.direction}`),
      t(`statuses.${row.status}`),
      row.durationMs === null ? null : Math.round(row.durationMs / 1000),
      row.sentiment ? t(`sentiments.${row.sentiment as "Positive"}`) : null,
      row.appointmentId ? t("booked.yes") : t("booked.no"),
    ];
  };
  const batches = exportCalls(companyId, state, { branchIds, timeZone, userId: user.id });
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short" }).format(new Date());
  return new Response(csvStream(header, batches, toValues), { headers: csvHeaders(`${t("csv.filename")}-${today}.csv`) });
}
