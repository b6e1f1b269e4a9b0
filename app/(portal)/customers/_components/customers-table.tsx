"use client";

import { Download, ExternalLink, Info } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTableRangeFilter } from "@/components/data-table/data-table-range-filter";
import { DataTableRowActions } from "@/components/data-table/data-table-row-actions";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import type { CustomerListRow, SearchKind } from "@/lib/customers/list";
import { intlLocale } from "@/lib/i18n/config";
import { CUSTOMER_FILTER_KEYS, customerListParsers } from "../search-params";

const SORTS = {
  name: { asc: "name.asc", desc: "name.desc" },
  created: { asc: "created.asc", desc: "created.desc" },
};

const col = dataTableColumnHelper<CustomerListRow>();

export function CustomersTable(props: {
  rows: CustomerListRow[];
  page: KeysetPageInfo;
  localeCounts: { de: number; en: number } | null;
  searchKind: SearchKind;
  invalidPhone: boolean;
  showAppointments: boolean;
  timeZone: string;
}) {
  const t = useTranslations("customers");
  const locale = useLocale();
  const { showAppointments, timeZone } = props;

  const columns = useMemo(() => {
    const date = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone });
    const number = new Intl.NumberFormat(intlLocale(locale));
    const list = [
      col.accessor((row) => `${row.firstName} ${row.lastName}`, {
        id: "name",
        header: t("columns.name"),
        enableHiding: false,
        meta: { label: t("columns.name") },
        cell: ({ row }) => {
          const name = `${row.original.firstName} ${row.original.lastName}`.trim();
          return (
            <Link href={`/customers/${row.original.id}`} className="flex items-center gap-2.5 font-medium hover:underline" data-testid="customer-name">
              <Avatar name={name} className="size-7 text-[11px]" />
              <span className="max-w-56 truncate">{name}</span>
            </Link>
          );
        },
      }),
      col.accessor("phone", {
        id: "phone",
        header: t("columns.phone"),
        meta: { label: t("columns.phone") },
        cell: ({ getValue }) => <span className="font-mono text-[13px] tabular-nums" data-testid="customer-phone">{getValue() ?? "—"}</span>,
      }),
      col.accessor("email", {
        id: "email",
        header: t("columns.email"),
        meta: { label: t("columns.email") },
        cell: ({ getValue }) => {
          const email = getValue();
          return email ? (
            <a href={`mailto:${email}`} className="block max-w-64 truncate text-muted-foreground hover:text-foreground hover:underline" data-testid="customer-email">
              {email}
            </a>
          ) : (
            <span className="text-muted-foreground">—</span>
          );
        },
      }),
      col.accessor("locale", {
        id: "language",
        header: t("columns.language"),
        meta: { label: t("columns.language") },
        cell: ({ getValue }) => <Badge variant="muted">{getValue().toUpperCase()}</Badge>,
      }),
      ...(showAppointments
        ? [
            col.accessor("appointmentCount", {
              id: "appointments",
              header: t("columns.appointments"),
              meta: { label: t("columns.appointments"), align: "end" as const },
              cell: ({ getValue }) => number.format(getValue() ?? 0),
            }),
          ]
        : []),
      col.accessor("createdAt", {
        id: "created",
        header: t("columns.created"),
        sortDescFirst: true,
        meta: { label: t("columns.created") },
        cell: ({ getValue }) => <span className="text-muted-foreground tabular-nums">{date.format(new Date(getValue()))}</span>,
      }),
      col.display({
        id: "actions",
        enableHiding: false,
        header: () => <span className="sr-only">{t("actions.open")}</span>,
        meta: { className: "w-10 text-right" },
        cell: ({ row }) => (
          <DataTableRowActions testId="customer-row-actions">
            {/* Merge, GDPR export and erasure join "open" here later. */}
            <DropdownMenuItem asChild>
              <Link href={`/customers/${row.original.id}`} data-testid="customer-open">
                <ExternalLink />
                {t("actions.open")}
              </Link>
            </DropdownMenuItem>
          </DataTableRowActions>
        ),
      }),
    ];
    return list as DataTableColumns<CustomerListRow>;
  }, [t, locale, timeZone, showAppointments]);

  const counts = props.localeCounts;
  const searchHint =
    props.searchKind === "phone" || props.searchKind === "email" ? (
      <p className="flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="customers-search-hint" data-kind={props.searchKind}>
        <Info className="size-3.5" aria-hidden />
        {props.invalidPhone ? t("searchHint.invalidPhone") : t(`searchHint.${props.searchKind}`)}
      </p>
    ) : null;

  return (
    <DataTableUrlProvider parsers={customerListParsers} filterKeys={CUSTOMER_FILTER_KEYS}>
      <DataTable
        testId="customers-table"
        columns={columns}
        data={props.rows}
        page={props.page}
        sorts={SORTS}
        defaultSort="created.desc"
        searchPlaceholder={t("searchPlaceholder")}
        searchHint={searchHint}
        exportPath="/customers/export"
        emptyState={t("empty")}
        filters={
          <>
            <DataTableFacetedFilter
              title={t("filters.language")}
              paramKey="lang"
              options={[
                { value: "de", label: t("languages.de"), count: counts ? counts.de : null },
                { value: "en", label: t("languages.en"), count: counts ? counts.en : null },
              ]}
            />
            <DataTableFacetedFilter title={t("filters.state")} paramKey="status" options={[{ value: "deleted", label: t("states.deleted") }]} />
            <DataTableRangeFilter title={t("filters.created")} type="date" fromKey="from" toKey="to" />
          </>
        }
        bulkActions={(ids) => (
          <Button variant="outline" size="sm" asChild>
            <a href={`/customers/export?ids=${ids.join(",")}`} download data-testid="customers-export-selected">
              <Download />
              {t("actions.exportSelected")}
            </a>
          </Button>
        )}
      />
    </DataTableUrlProvider>
  );
}
