import { getTranslations } from "next-intl/server";
import { requireApiUser } from "@/lib/auth/session";
import { csvHeaders, csvStream } from "@/lib/data-table/csv";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { exportServices, type ServiceListRow } from "@/lib/services/list";
import { loadServiceListState } from "../search-params";

// GET /services/export – the services the list's URL selects (search, filters, sort; no paging)
// as CSV, streamed batch by batch (lib/data-table/csv.ts). Prices as plain decimals with a dot
// and the currency in its own column, so spreadsheets read them as numbers.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { user, response } = await requireApiUser({ permission: "services:read", request });
  if (response) return response;
  if (!user.companyId) return Response.json({ ok: false, error: "no_company_selected" }, { status: 409 });
  const companyId = user.companyId;

  const state = loadServiceListState(new URL(request.url).searchParams);
  const [t, company] = await Promise.all([getTranslations("services"), getCompanyBasics(companyId)]);
  const timeZone = knownTimeZone(company?.timeZone);
  const yesNo = (value: boolean) => (value ? t("csv.yes") : t("csv.no"));

  const header = [
    t("csv.name"),
    t("csv.category"),
    t("csv.branch"),
    t("csv.duration"),
    t("csv.bufferBefore"),
    t("csv.bufferAfter"),
    t("csv.price"),
    t("csv.currency"),
    t("csv.minNotice"),
    t("csv.phone"),
    t("csv.online"),
    t("csv.staff"),
    t("csv.status"),
  ];
  const toValues = (row: ServiceListRow) => [
    row.name,
    row.categoryName ?? t("noCategory"),
    row.branchId ? row.branchName : t("allBranches"),
    row.durationMinutes,
    row.bufferBeforeMinutes,
    row.bufferAfterMinutes,
    (row.priceCents / 100).toFixed(2),
    row.currency,
    row.minNoticeMinutes,
    yesNo(row.bookableByPhone),
    yesNo(row.bookableOnline),
    row.staffCount,
    t(`status.${row.status}`),
  ];
  const batches = exportServices(companyId, state, { userId: user.id });
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short" }).format(new Date());
  return new Response(csvStream(header, batches, toValues), { headers: csvHeaders(`${t("csv.filename")}-${today}.csv`) });
}
