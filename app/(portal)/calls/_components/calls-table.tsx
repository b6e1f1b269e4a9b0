"use client";

import { CalendarCheck, ExternalLink, Info } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTableRangeFilter } from "@/components/data-table/data-table-range-filter";
import { DataTableRowActions } from "@/components/data-table/data-table-row-actions";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { rowActionsColumn } from "@/components/data-table/record-columns";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { Badge } from "@/components/ui/badge";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import type { CallFacets, CallListRow } from "@/lib/calls/list";
import { intlLocale } from "@/lib/i18n/config";
import {
  CALL_BOOKED_VALUES,
  CALL_DIRECTION_VALUES,
  CALL_FILTER_KEYS,
  CALL_SENTIMENT_VALUES,
  CALL_STATUS_VALUES,
  callListParsers,
} from "../search-params";
import { callStatusVariant, formatDuration, sentimentKey, sentimentVariant } from "./format";

const SORTS = { time: { asc: "started.asc", desc: "started.desc" } };
const col = dataTableColumnHelper<CallListRow>();

export function CallsTable(props: { rows: CallListRow[]; page: KeysetPageInfo; facets: CallFacets; searching: boolean; invalidPhone: boolean }) {
  const t = useTranslations("calls");
  const locale = useLocale();
  const { facets } = props;

  const columns = useMemo(() => {
    const tag = intlLocale(locale);
    const formats = new Map<string, Intl.DateTimeFormat>();
    const formatIn = (timeZone: string) => {
      let f = formats.get(timeZone);
      if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat(tag, { weekday: "short", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", timeZone })));
      return f;
    };
    const list = [
      col.accessor("startedAt", {
        id: "time",
        header: t("columns.time"),
        enableHiding: false,
        sortDescFirst: true,
        meta: { label: t("columns.time") },
        cell: ({ row }) => (
          <Link href={`/calls/${row.original.id}`} className="font-medium tabular-nums hover:underline" data-testid="call-time">
            {row.original.startedAt ? formatIn(row.original.branchTimeZone ?? "Europe/Berlin").format(new Date(row.original.startedAt)) : t("notStarted")}
          </Link>
        ),
      }),
      col.accessor("customerName", {
        id: "caller",
        header: t("columns.caller"),
        enableHiding: false,
        meta: { label: t("columns.caller") },
        cell: ({ row }) => {
          const { customerName, fromNumber, customerId } = row.original;
          return (
            <div className="flex max-w-48 flex-col leading-tight" data-testid="call-caller">
              {customerName && customerId ? (
                <Link href={`/customers/${customerId}`} className="truncate font-medium hover:underline">
                  {customerName}
                </Link>
              ) : (
                <span className="truncate font-medium tabular-nums">{fromNumber ?? t("withheld")}</span>
              )}
              {customerName && fromNumber && <span className="text-xs text-muted-foreground tabular-nums">{fromNumber}</span>}
            </div>
          );
        },
      }),
      col.accessor("branchName", {
        id: "branch",
        header: t("columns.branch"),
        meta: { label: t("columns.branch") },
        cell: ({ getValue }) => <span className="block max-w-28 truncate text-muted-foreground" title={getValue() ?? undefined}>{getValue() ?? "–"}</span>,
      }),
      col.accessor("durationMs", {
        id: "duration",
        header: t("columns.duration"),
        meta: { label: t("columns.duration"), align: "end" as const },
        cell: ({ getValue }) => {
          const ms = getValue();
          return <span className="tabular-nums" data-testid="call-duration">{ms === null ? "–" : formatDuration(ms)}</span>;
        },
      }),
      col.accessor("status", {
        id: "status",
        header: t("columns.status"),
        meta: { label: t("columns.status") },
        cell: ({ getValue }) => (
          <Badge variant={callStatusVariant[getValue()]} data-testid="call-status" data-status={getValue()}>
            {t(`statuses.${getValue()}`)}
          </Badge>
        ),
      }),
      col.accessor("sentiment", {
        id: "sentiment",
        header: t("columns.sentiment"),
        meta: { label: t("columns.sentiment") },
        cell: ({ getValue }) => {
          const s = getValue();
          return s ? (
            <Badge variant={sentimentVariant(s)} data-testid="call-sentiment" data-sentiment={s}>
              {t(`sentiments.${sentimentKey(s)}`)}
            </Badge>
          ) : (
            <span className="text-muted-foreground">–</span>
          );
        },
      }),
      col.accessor("appointmentId", {
        id: "appointment",
        header: t("columns.appointment"),
        meta: { label: t("columns.appointment") },
        cell: ({ getValue }) => {
          const id = getValue();
          return id ? (
            <Link href={`/appointments/${id}`} className="inline-flex items-center gap-1 text-sm hover:underline" data-testid="call-appointment">
              <CalendarCheck className="size-4 text-success" aria-hidden />
              {t("appointmentBooked")}
            </Link>
          ) : (
            <span className="text-muted-foreground">–</span>
          );
        },
      }),
      rowActionsColumn(col, {
        label: t("actions.open"),
        cell: (call) => (
          <DataTableRowActions testId="call-row-actions">
            <DropdownMenuItem asChild>
              <Link href={`/calls/${call.id}`} data-testid="call-open">
                <ExternalLink />
                {t("actions.open")}
              </Link>
            </DropdownMenuItem>
          </DataTableRowActions>
        ),
      }),
    ];
    return list as DataTableColumns<CallListRow>;
  }, [t, locale]);

  const searchHint = props.searching ? (
    <p className="flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="calls-search-hint">
      <Info className="size-3.5" aria-hidden />
      {props.invalidPhone ? t("searchHint.invalidPhone") : t("searchHint.phone")}
    </p>
  ) : null;

  return (
    <DataTableUrlProvider parsers={callListParsers} filterKeys={CALL_FILTER_KEYS}>
      <DataTable
        testId="calls-table"
        columns={columns}
        data={props.rows}
        page={props.page}
        sorts={SORTS}
        defaultSort="started.desc"
        searchPlaceholder={t("searchPlaceholder")}
        searchHint={searchHint}
        exportPath="/calls/export"
        emptyState={t("empty")}
        filters={
          <>
            <DataTableRangeFilter title={t("filters.date")} type="date" fromKey="from" toKey="to" />
            <DataTableFacetedFilter title={t("filters.status")} paramKey="status" options={CALL_STATUS_VALUES.map((value) => ({ value, label: t(`statuses.${value}`) }))} />
            <DataTableFacetedFilter title={t("filters.direction")} paramKey="direction" options={CALL_DIRECTION_VALUES.map((value) => ({ value, label: t(`directions.${value}`) }))} />
            <DataTableFacetedFilter title={t("filters.sentiment")} paramKey="sentiment" options={CALL_SENTIMENT_VALUES.map((value) => ({ value, label: t(`sentiments.${value}`) }))} />
            <DataTableFacetedFilter title={t("filters.booked")} paramKey="booked" options={CALL_BOOKED_VALUES.map((value) => ({ value, label: t(`booked.${value}`) }))} />
            <DataTableRangeFilter title={t("filters.duration")} type="number" fromKey="durMin" toKey="durMax" />
            {facets.branches.length > 1 && (
              <DataTableFacetedFilter title={t("filters.branch")} paramKey="branch" options={facets.branches.map((b) => ({ value: b.id, label: b.name }))} />
            )}
          </>
        }
      />
    </DataTableUrlProvider>
  );
}
