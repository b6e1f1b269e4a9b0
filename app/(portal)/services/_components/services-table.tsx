"use client";

import { Globe, Phone } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { RecordRowActions, RecordStatusFilter, recordStatusColumn, rowActionsColumn } from "@/components/data-table/record-columns";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { ActionNotice } from "@/components/forms/action-notice";
import { useActionCall } from "@/components/forms/use-action-call";
import { Badge } from "@/components/ui/badge";
import { intlLocale } from "@/lib/i18n/config";
import type { ServiceFacetCounts, ServiceListRow } from "@/lib/services/list";
import { ALL_BRANCHES, NO_CATEGORY } from "@/lib/services/list-options";
import { type ServiceActionState, deleteServiceAction } from "../actions";
import { SERVICE_FILTER_KEYS, serviceListParsers } from "../search-params";
import { formatPrice } from "@/lib/services/format";
import { DeleteServiceDialog, messageText } from "./service-delete";

const SORTS = {
  name: { asc: "name.asc", desc: "name.desc" },
  category: { asc: "category.asc", desc: "category.desc" },
  duration: { asc: "duration.asc", desc: "duration.desc" },
  price: { asc: "price.asc", desc: "price.desc" },
};

type Option = { id: string; name: string };

const col = dataTableColumnHelper<ServiceListRow>();
const initial: ServiceActionState = { ok: true, message: null };

export function ServicesTable(props: {
  rows: ServiceListRow[];
  page: KeysetPageInfo;
  counts: ServiceFacetCounts;
  categories: Option[];
  branches: Option[];
  /** Branches whose services the user may change: null = all (company-wide ones too); [] = none. */
  editable: string[] | null;
  mayDelete: boolean;
}) {
  const t = useTranslations("services");
  const locale = useLocale();
  const { editable, mayDelete } = props;
  const [deleting, setDeleting] = useState<ServiceListRow | null>(null);
  const [notice, setNotice] = useState<ServiceActionState | null>(null);
  const [restore] = useActionCall(deleteServiceAction, initial, setNotice);

  const columns = useMemo(() => {
    const number = new Intl.NumberFormat(intlLocale(locale));
    const canChange = (row: ServiceListRow) => (editable === null ? true : row.branchId !== null && editable.includes(row.branchId));
    const list = [
      col.accessor("name", {
        id: "name",
        header: t("columns.name"),
        enableHiding: false,
        meta: { label: t("columns.name") },
        cell: ({ row }) => (
          <Link href={`/services/${row.original.id}`} className="block max-w-52 truncate font-medium hover:underline" data-testid="service-name">
            {row.original.name}
          </Link>
        ),
      }),
      col.accessor((row) => row.categoryName ?? "", {
        id: "category",
        header: t("columns.category"),
        meta: { label: t("columns.category") },
        cell: ({ row }) =>
          row.original.categoryName ? (
            <span className="block max-w-40 truncate">{row.original.categoryName}</span>
          ) : (
            <span className="text-muted-foreground">{t("noCategory")}</span>
          ),
      }),
      col.accessor((row) => row.branchName ?? "", {
        id: "branch",
        header: t("columns.branch"),
        meta: { label: t("columns.branch") },
        cell: ({ row }) =>
          row.original.branchId ? (
            <span className="block max-w-40 truncate">{row.original.branchName}</span>
          ) : (
            <span className="text-muted-foreground">{t("allBranches")}</span>
          ),
      }),
      col.accessor("durationMinutes", {
        id: "duration",
        header: t("columns.duration"),
        meta: { label: t("columns.duration"), align: "end" as const },
        cell: ({ row }) => {
          const { durationMinutes, bufferBeforeMinutes, bufferAfterMinutes } = row.original;
          return (
            <span className="flex flex-col items-end tabular-nums" data-testid="service-duration">
              <span>{t("minutes", { minutes: number.format(durationMinutes) })}</span>
              {(bufferBeforeMinutes > 0 || bufferAfterMinutes > 0) && (
                <span className="text-xs text-muted-foreground">{t("buffers", { before: bufferBeforeMinutes, after: bufferAfterMinutes })}</span>
              )}
            </span>
          );
        },
      }),
      col.accessor("priceCents", {
        id: "price",
        header: t("columns.price"),
        meta: { label: t("columns.price"), align: "end" as const },
        cell: ({ row }) => (
          <span className="tabular-nums" data-testid="service-price">
            {formatPrice(row.original.priceCents, row.original.currency, intlLocale(locale))}
          </span>
        ),
      }),
      col.display({
        id: "channels",
        header: t("columns.channels"),
        meta: { label: t("columns.channels") },
        cell: ({ row }) => {
          const { bookableByPhone, bookableOnline } = row.original;
          if (!bookableByPhone && !bookableOnline) return <span className="text-muted-foreground">{t("channels.none")}</span>;
          return (
            <span className="flex gap-1" data-testid="service-channels">
              {bookableByPhone && (
                <Badge variant="secondary" title={t("channels.phone")} data-testid="service-channel-phone">
                  <Phone className="size-3" aria-hidden />
                  <span className="sr-only">{t("channels.phone")}</span>
                </Badge>
              )}
              {bookableOnline && (
                <Badge variant="secondary" title={t("channels.online")} data-testid="service-channel-online">
                  <Globe className="size-3" aria-hidden />
                  <span className="sr-only">{t("channels.online")}</span>
                </Badge>
              )}
            </span>
          );
        },
      }),
      col.accessor("staffCount", {
        id: "staff",
        header: t("columns.staff"),
        meta: { label: t("columns.staff"), align: "end" as const },
        cell: ({ getValue }) => (
          <span className={getValue() === 0 ? "tabular-nums text-muted-foreground" : "tabular-nums"} title={t("staffCount", { count: getValue() })} data-testid="service-staff-count">
            {number.format(getValue())}
          </span>
        ),
      }),
      recordStatusColumn(col, { header: t("columns.status"), statusText: (status) => t(`status.${status}`), testId: "service-status" }),
      rowActionsColumn(col, {
        label: t("actions.label"),
        cell: (service) => {
          const changeable = canChange(service);
          return (
            <RecordRowActions
              href={`/services/${service.id}`}
              deleted={service.status === "deleted"}
              readOnly={!changeable}
              mayDelete={mayDelete && changeable}
              onDelete={() => setDeleting(service)}
              onRestore={() => restore({ id: service.id, mode: "restore" })}
              labels={{ edit: t("actions.edit"), open: t("actions.open"), delete: t("actions.delete"), restore: t("actions.restore") }}
              testIds={{ menu: "service-row-actions", edit: "service-edit", delete: "service-row-delete", restore: "service-row-restore" }}
            />
          );
        },
      }),
    ];
    return list as DataTableColumns<ServiceListRow>;
  }, [t, locale, editable, mayDelete, restore]);

  const { counts } = props;
  return (
    <div className="flex flex-col gap-3">
      {notice?.message && (
        <ActionNotice ok={notice.ok} testId="services-message">
          {messageText(t, notice)}
        </ActionNotice>
      )}
      <DataTableUrlProvider parsers={serviceListParsers} filterKeys={SERVICE_FILTER_KEYS}>
        <DataTable
          testId="services-table"
          columns={columns}
          data={props.rows}
          page={props.page}
          sorts={SORTS}
          defaultSort="category.asc"
          searchPlaceholder={t("searchPlaceholder")}
          exportPath="/services/export"
          emptyState={t("empty")}
          filters={
            <>
              <DataTableFacetedFilter
                title={t("filters.category")}
                paramKey="category"
                options={[
                  ...props.categories.map((c) => ({ value: c.id, label: c.name, count: counts.category[c.id] ?? 0 })),
                  { value: NO_CATEGORY, label: t("noCategory"), count: counts.category[NO_CATEGORY] ?? 0 },
                ]}
              />
              {props.branches.length > 1 && (
                <DataTableFacetedFilter
                  title={t("filters.branch")}
                  paramKey="branch"
                  options={[
                    { value: ALL_BRANCHES, label: t("allBranches"), count: counts.branch[ALL_BRANCHES] ?? 0 },
                    ...props.branches.map((b) => ({ value: b.id, label: b.name, count: counts.branch[b.id] ?? 0 })),
                  ]}
                />
              )}
              <DataTableFacetedFilter
                title={t("filters.channel")}
                paramKey="channel"
                options={(["phone", "online"] as const).map((value) => ({ value, label: t(`channels.${value}`), count: counts.channel[value] }))}
              />
              <RecordStatusFilter title={t("filters.status")} counts={counts.status} statusText={(status) => t(`status.${status}`)} />
            </>
          }
        />
      </DataTableUrlProvider>
      {deleting && (
        <DeleteServiceDialog
          key={deleting.id}
          service={deleting}
          open
          onOpenChange={(open) => {
            if (!open) setDeleting(null);
          }}
          onDone={setNotice}
        />
      )}
    </div>
  );
}
