"use client";

import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTableRangeFilter } from "@/components/data-table/data-table-range-filter";
import { DataTableRowActions } from "@/components/data-table/data-table-row-actions";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { Badge } from "@/components/ui/badge";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import type { AppointmentFacets, AppointmentListRow } from "@/lib/appointments/list";
import { intlLocale } from "@/lib/i18n/config";
import { APPOINTMENT_FILTER_KEYS, APPOINTMENT_SOURCE_VALUES, APPOINTMENT_STATUS_VALUES, appointmentListParsers } from "../search-params";

const SORTS = { time: { asc: "starts.asc", desc: "starts.desc" } };

const statusVariant = {
  pending: "warning",
  booked: "secondary",
  confirmed: "success",
  completed: "muted",
  no_show: "destructive",
  cancelled: "destructive",
} as const satisfies Record<AppointmentListRow["status"], "warning" | "secondary" | "success" | "muted" | "destructive">;

const col = dataTableColumnHelper<AppointmentListRow>();

export function AppointmentsTable(props: { rows: AppointmentListRow[]; page: KeysetPageInfo; facets: AppointmentFacets }) {
  const t = useTranslations("appointmentList");
  const tStatus = useTranslations("appointmentStatus");
  const locale = useLocale();
  const { facets } = props;

  const columns = useMemo(() => {
    const tag = intlLocale(locale);
    // One formatter per branch zone: each row shows its branch's wall-clock time.
    const formats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
    const formatIn = (timeZone: string) => {
      let f = formats.get(timeZone);
      if (!f) {
        f = {
          day: new Intl.DateTimeFormat(tag, { weekday: "short", day: "2-digit", month: "2-digit", year: "2-digit", timeZone }),
          time: new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", timeZone }),
        };
        formats.set(timeZone, f);
      }
      return f;
    };
    const money = new Map<string, Intl.NumberFormat>();
    const price = (cents: number, currency: string) => {
      let f = money.get(currency);
      if (!f) money.set(currency, (f = new Intl.NumberFormat(tag, { style: "currency", currency })));
      return f.format(cents / 100);
    };
    const list = [
      col.accessor("startsAt", {
        id: "time",
        header: t("columns.time"),
        enableHiding: false,
        sortDescFirst: true,
        meta: { label: t("columns.time") },
        cell: ({ row }) => {
          const f = formatIn(row.original.branchTimeZone);
          const start = new Date(row.original.startsAt);
          return (
            <Link href={`/appointments/${row.original.id}`} className="flex flex-col leading-tight tabular-nums hover:underline" data-testid="appointment-time">
              <span className="font-medium">{f.day.format(start)}</span>
              <span className="text-xs text-muted-foreground">
                {f.time.format(start)}–{f.time.format(new Date(row.original.endsAt))}
              </span>
            </Link>
          );
        },
      }),
      col.accessor("customerName", {
        id: "customer",
        header: t("columns.customer"),
        enableHiding: false,
        meta: { label: t("columns.customer") },
        cell: ({ getValue }) => <span className="block max-w-32 truncate font-medium" data-testid="appointment-customer">{getValue()}</span>,
      }),
      col.accessor("serviceName", {
        id: "service",
        header: t("columns.service"),
        meta: { label: t("columns.service") },
        cell: ({ getValue }) => <span className="block max-w-32 truncate" data-testid="appointment-service" title={getValue()}>{getValue()}</span>,
      }),
      col.accessor("staffName", {
        id: "staff",
        header: t("columns.staff"),
        meta: { label: t("columns.staff") },
        cell: ({ getValue }) => <span data-testid="appointment-staff">{getValue() ?? t("noStaff")}</span>,
      }),
      col.accessor("branchName", {
        id: "branch",
        header: t("columns.branch"),
        meta: { label: t("columns.branch") },
        cell: ({ getValue }) => <span className="block max-w-28 truncate text-muted-foreground" data-testid="appointment-branch" title={getValue()}>{getValue()}</span>,
      }),
      col.accessor("status", {
        id: "status",
        header: t("columns.status"),
        meta: { label: t("columns.status") },
        cell: ({ getValue }) => (
          <Badge variant={statusVariant[getValue()]} data-testid="appointment-status" data-status={getValue()}>
            {tStatus(getValue())}
          </Badge>
        ),
      }),
      col.accessor("source", {
        id: "source",
        header: t("columns.source"),
        meta: { label: t("columns.source") },
        cell: ({ getValue }) => (
          <span className="text-muted-foreground" data-testid="appointment-source" data-source={getValue()}>
            {t(`sources.${getValue()}`)}
          </span>
        ),
      }),
      col.accessor("priceCents", {
        id: "price",
        header: t("columns.price"),
        meta: { label: t("columns.price"), align: "end" as const },
        cell: ({ row }) => price(row.original.priceCents, row.original.currency),
      }),
      col.display({
        id: "actions",
        enableHiding: false,
        header: () => <span className="sr-only">{t("actions.open")}</span>,
        meta: { className: "w-10 text-right" },
        cell: ({ row }) => (
          <DataTableRowActions testId="appointment-row-actions">
            <DropdownMenuItem asChild>
              <Link href={`/appointments/${row.original.id}`} data-testid="appointment-open">
                <ExternalLink />
                {t("actions.open")}
              </Link>
            </DropdownMenuItem>
          </DataTableRowActions>
        ),
      }),
    ];
    return list as DataTableColumns<AppointmentListRow>;
  }, [t, tStatus, locale]);

  return (
    <DataTableUrlProvider parsers={appointmentListParsers} filterKeys={APPOINTMENT_FILTER_KEYS}>
      <DataTable
        testId="appointments-table"
        columns={columns}
        data={props.rows}
        page={props.page}
        sorts={SORTS}
        defaultSort="starts.desc"
        searchPlaceholder={t("searchPlaceholder")}
        exportPath="/appointments/list/export"
        emptyState={t("empty")}
        filters={
          <>
            <DataTableRangeFilter title={t("filters.date")} type="date" fromKey="from" toKey="to" />
            <DataTableFacetedFilter
              title={t("filters.status")}
              paramKey="status"
              options={APPOINTMENT_STATUS_VALUES.map((value) => ({ value, label: tStatus(value) }))}
            />
            <DataTableFacetedFilter
              title={t("filters.source")}
              paramKey="source"
              options={APPOINTMENT_SOURCE_VALUES.map((value) => ({ value, label: t(`sources.${value}`) }))}
            />
            {facets.branches.length > 1 && (
              <DataTableFacetedFilter title={t("filters.branch")} paramKey="branch" options={facets.branches.map((b) => ({ value: b.id, label: b.name }))} />
            )}
            {facets.staff.length > 0 && (
              <DataTableFacetedFilter title={t("filters.staff")} paramKey="staff" options={facets.staff.map((s) => ({ value: s.id, label: s.name }))} />
            )}
            {facets.services.length > 0 && (
              <DataTableFacetedFilter title={t("filters.service")} paramKey="service" options={facets.services.map((s) => ({ value: s.id, label: s.name }))} />
            )}
          </>
        }
      />
    </DataTableUrlProvider>
  );
}
