"use client";

import { AlertTriangle, PhoneIncoming } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { rowActionsColumn } from "@/components/data-table/record-columns";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { Badge } from "@/components/ui/badge";
import type { CallbackFacets, CallbackListRow } from "@/lib/callbacks/list";
import { intlLocale } from "@/lib/i18n/config";
import { CALLBACK_FILTER_KEYS, CALLBACK_PRIORITY_VALUES, CALLBACK_STATUS_VALUES, callbackListParsers } from "../search-params";
import { CallbackRowActions } from "./callback-row-actions";

const SORTS = { due: { asc: "due.asc", desc: "due.desc" } };
const col = dataTableColumnHelper<CallbackListRow>();

const statusVariant = {
  open: "warning",
  assigned: "secondary",
  contacted: "secondary",
  completed: "success",
  expired: "muted",
} as const satisfies Record<CallbackListRow["status"], "warning" | "secondary" | "success" | "muted">;

const priorityVariant = {
  urgent: "destructive",
  high: "warning",
  normal: "secondary",
  low: "muted",
} as const satisfies Record<CallbackListRow["priority"], "destructive" | "warning" | "secondary" | "muted">;

export function CallbacksTable(props: { rows: CallbackListRow[]; page: KeysetPageInfo; facets: CallbackFacets; updatableBranches: string[] | null }) {
  const t = useTranslations("callbacks");
  const locale = useLocale();
  const { facets, updatableBranches } = props;

  const columns = useMemo(() => {
    const tag = intlLocale(locale);
    const formats = new Map<string, Intl.DateTimeFormat>();
    const formatIn = (timeZone: string) => {
      let f = formats.get(timeZone);
      if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat(tag, { weekday: "short", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", timeZone })));
      return f;
    };
    const mayUpdate = (branchId: string) => updatableBranches === null || updatableBranches.includes(branchId);
    const list = [
      col.accessor("dueAt", {
        id: "due",
        header: t("columns.due"),
        enableHiding: false,
        meta: { label: t("columns.due") },
        cell: ({ row }) => (
          <span className={`inline-flex items-center gap-1 tabular-nums ${row.original.overdue ? "font-medium text-destructive" : ""}`} data-testid="callback-due" data-overdue={row.original.overdue || undefined}>
            {row.original.overdue && <AlertTriangle className="size-3.5" aria-label={t("overdue")} />}
            {formatIn(row.original.branchTimeZone).format(new Date(row.original.dueAt))}
          </span>
        ),
      }),
      col.accessor("name", {
        id: "caller",
        header: t("columns.caller"),
        enableHiding: false,
        meta: { label: t("columns.caller") },
        cell: ({ row }) => (
          <div className="flex max-w-40 flex-col leading-tight" data-testid="callback-caller">
            <span className="truncate font-medium">{row.original.name ?? t("unknownName")}</span>
            {row.original.phone ? (
              <a href={`tel:${row.original.phone}`} className="text-xs text-muted-foreground tabular-nums hover:underline" data-testid="callback-phone">
                {row.original.phone}
              </a>
            ) : (
              <span className="text-xs text-muted-foreground">{t("phoneUnreadable")}</span>
            )}
          </div>
        ),
      }),
      col.accessor("reason", {
        id: "reason",
        header: t("columns.reason"),
        meta: { label: t("columns.reason") },
        cell: ({ row }) => (
          <div className="flex w-48 max-w-48 flex-col gap-0.5">
            <span className="line-clamp-2 whitespace-normal text-sm" title={row.original.reason ?? undefined}>
              {row.original.reason ?? "–"}
            </span>
            {row.original.callId && (
              <Link href={`/calls/${row.original.callId}`} className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:underline" data-testid="callback-call">
                <PhoneIncoming className="size-3" aria-hidden />
                {t("fromCall")}
              </Link>
            )}
          </div>
        ),
      }),
      col.accessor("priority", {
        id: "priority",
        header: t("columns.priority"),
        meta: { label: t("columns.priority") },
        cell: ({ getValue }) => (
          <Badge variant={priorityVariant[getValue()]} data-testid="callback-priority" data-priority={getValue()}>
            {t(`priorities.${getValue()}`)}
          </Badge>
        ),
      }),
      col.accessor("status", {
        id: "status",
        header: t("columns.status"),
        meta: { label: t("columns.status") },
        cell: ({ getValue }) => (
          <Badge variant={statusVariant[getValue()]} data-testid="callback-status" data-status={getValue()}>
            {t(`statuses.${getValue()}`)}
          </Badge>
        ),
      }),
      col.accessor("assigneeName", {
        id: "assignee",
        header: t("columns.assignee"),
        meta: { label: t("columns.assignee") },
        cell: ({ getValue }) => <span className="block max-w-32 truncate" data-testid="callback-assignee">{getValue() ?? <span className="text-muted-foreground">{t("unassigned")}</span>}</span>,
      }),
      col.accessor("branchName", {
        id: "branch",
        header: t("columns.branch"),
        meta: { label: t("columns.branch") },
        cell: ({ getValue }) => <span className="block max-w-28 truncate text-muted-foreground">{getValue()}</span>,
      }),
      rowActionsColumn(col, {
        label: t("actions.label"),
        cell: (callback) => (
          <CallbackRowActions
            row={callback}
            canUpdate={mayUpdate(callback.branchId)}
            assignees={facets.assignees.filter((u) => u.branchIds === null || u.branchIds.includes(callback.branchId))}
          />
        ),
      }),
    ];
    return list as DataTableColumns<CallbackListRow>;
  }, [t, locale, facets.assignees, updatableBranches]);

  return (
    <DataTableUrlProvider parsers={callbackListParsers} filterKeys={CALLBACK_FILTER_KEYS}>
      <DataTable
        testId="callbacks-table"
        columns={columns}
        data={props.rows}
        page={props.page}
        sorts={SORTS}
        defaultSort="due.asc"
        searchPlaceholder={t("searchPlaceholder")}
        emptyState={t("empty")}
        filters={
          <>
            <DataTableFacetedFilter title={t("filters.status")} paramKey="status" options={CALLBACK_STATUS_VALUES.map((value) => ({ value, label: t(`statuses.${value}`) }))} />
            <DataTableFacetedFilter title={t("filters.priority")} paramKey="priority" options={CALLBACK_PRIORITY_VALUES.map((value) => ({ value, label: t(`priorities.${value}`) }))} />
            <DataTableFacetedFilter title={t("filters.overdue")} paramKey="overdue" options={[{ value: "yes", label: t("overdue") }]} />
            {facets.assignees.length > 0 && (
              <DataTableFacetedFilter title={t("filters.assignee")} paramKey="assignee" options={facets.assignees.map((u) => ({ value: u.id, label: u.name }))} />
            )}
            {facets.branches.length > 1 && (
              <DataTableFacetedFilter title={t("filters.branch")} paramKey="branch" options={facets.branches.map((b) => ({ value: b.id, label: b.name }))} />
            )}
          </>
        }
      />
    </DataTableUrlProvider>
  );
}
