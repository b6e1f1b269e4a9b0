"use client";

import { Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTableRowActions } from "@/components/data-table/data-table-row-actions";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { rowActionsColumn } from "@/components/data-table/record-columns";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { ActionNotice } from "@/components/forms/action-notice";
import { Badge } from "@/components/ui/badge";
import { DropdownMenuItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { intlLocale } from "@/lib/i18n/config";
import type { PhoneNumberRow } from "@/lib/telephony/queries";
import type { TelephonyActionState } from "../actions";
import { PHONE_NUMBER_FILTER_KEYS, phoneNumberListParsers } from "../search-params";
import { PhoneNumberDeleteDialog } from "./phone-number-delete-dialog";

const SORTS = {
  number: { asc: "number.asc", desc: "number.desc" },
  created: { asc: "created.asc", desc: "created.desc" },
};

const col = dataTableColumnHelper<PhoneNumberRow>();

// Label and branch are cut (full text on hover) so that the row, with its "⋯" menu, fits a
// 1280 px window without scrolling sideways; from 1440 px they get more room.
const CLIPPED = "block max-w-40 truncate min-[1440px]:max-w-52";

export function PhoneNumbersTable(props: {
  rows: PhoneNumberRow[];
  page: KeysetPageInfo;
  branches: { id: string; name: string }[];
  canUpdate: boolean;
  canDelete: boolean;
}) {
  const t = useTranslations("phoneNumbers");
  const locale = useLocale();
  const { canUpdate, canDelete } = props;
  const [deleting, setDeleting] = useState<{ id: string; e164: string } | null>(null);
  const [notice, setNotice] = useState<TelephonyActionState | null>(null);
  const onDone = useCallback((state: TelephonyActionState) => setNotice(state), []);

  const columns = useMemo(() => {
    const date = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium" });
    const list = [
      col.accessor("e164", {
        id: "number",
        header: t("columns.number"),
        enableHiding: false,
        meta: { label: t("columns.number") },
        cell: ({ row }) =>
          canUpdate ? (
            <Link href={`/phone-numbers/${row.original.id}`} className="font-mono text-[13px] font-medium tabular-nums hover:underline" data-testid="phone-number-e164">
              {row.original.e164}
            </Link>
          ) : (
            <span className="font-mono text-[13px] font-medium tabular-nums" data-testid="phone-number-e164">
              {row.original.e164}
            </span>
          ),
      }),
      col.accessor("label", {
        id: "label",
        header: t("columns.label"),
        meta: { label: t("columns.label") },
        cell: ({ getValue }) => (
          <span className={CLIPPED} title={getValue() ?? undefined}>
            {getValue() ?? "—"}
          </span>
        ),
      }),
      col.accessor("branchName", {
        id: "branch",
        header: t("columns.branch"),
        enableHiding: false,
        meta: { label: t("columns.branch") },
        cell: ({ getValue }) => (
          <span className={CLIPPED} title={getValue()} data-testid="phone-number-branch">
            {getValue()}
          </span>
        ),
      }),
      col.accessor("agentName", {
        id: "agent",
        header: t("columns.agent"),
        meta: { label: t("columns.agent") },
        cell: ({ row }) =>
          row.original.agentName ? (
            <span className="flex max-w-48 items-center gap-2" data-testid="phone-number-agent">
              <span className="min-w-0 truncate" title={row.original.agentName}>
                {row.original.agentName}
              </span>
              {row.original.agentActive === false && (
                <Badge variant="warning" className="shrink-0">
                  {t("state.agentInactive")}
                </Badge>
              )}
            </span>
          ) : (
            <span className="text-muted-foreground" data-testid="phone-number-agent">
              {t("state.noAgent")}
            </span>
          ),
      }),
      col.accessor("isActive", {
        id: "active",
        header: t("columns.active"),
        enableHiding: false,
        meta: { label: t("columns.active") },
        cell: ({ getValue }) => (
          <Badge variant={getValue() ? "success" : "muted"} data-testid="phone-number-active">
            {getValue() ? t("state.active") : t("state.inactive")}
          </Badge>
        ),
      }),
      col.accessor("createdAt", {
        id: "created",
        header: t("columns.created"),
        sortDescFirst: true,
        meta: { label: t("columns.created") },
        cell: ({ getValue }) => <span className="text-muted-foreground tabular-nums">{date.format(new Date(getValue()))}</span>,
      }),
      ...(canUpdate || canDelete
        ? [
            rowActionsColumn(col, {
              label: t("actions.label"),
              cell: (number) => (
                <DataTableRowActions testId="phone-number-row-actions">
                  {canUpdate && (
                    <DropdownMenuItem asChild>
                      <Link href={`/phone-numbers/${number.id}`} data-testid="phone-number-edit">
                        <Pencil />
                        {t("actions.edit")}
                      </Link>
                    </DropdownMenuItem>
                  )}
                  {canUpdate && canDelete && <DropdownMenuSeparator />}
                  {canDelete && (
                    <DropdownMenuItem
                      variant="destructive"
                      onSelect={() => setDeleting({ id: number.id, e164: number.e164 })}
                      data-testid="phone-number-delete"
                    >
                      <Trash2 />
                      {t("actions.delete")}
                    </DropdownMenuItem>
                  )}
                </DataTableRowActions>
              ),
            }),
          ]
        : []),
    ];
    return list as DataTableColumns<PhoneNumberRow>;
  }, [t, locale, canUpdate, canDelete]);

  return (
    <DataTableUrlProvider parsers={phoneNumberListParsers} filterKeys={PHONE_NUMBER_FILTER_KEYS}>
      <div className="flex flex-col gap-3">
        {notice?.message && (
          <ActionNotice ok={notice.ok} testId="phone-numbers-message">
            {t(`messages.${notice.message}` as "messages.deleted")}
          </ActionNotice>
        )}
        <DataTable
          testId="phone-numbers-table"
          columns={columns}
          data={props.rows}
          page={props.page}
          sorts={SORTS}
          defaultSort="number.asc"
          searchPlaceholder={t("searchPlaceholder")}
          emptyState={t("empty")}
          filters={
            props.branches.length > 1 ? (
              <DataTableFacetedFilter
                title={t("filters.branch")}
                paramKey="branch"
                options={props.branches.map((b) => ({ value: b.id, label: b.name }))}
              />
            ) : undefined
          }
        />
      </div>
      {deleting && <PhoneNumberDeleteDialog number={deleting} open onOpenChange={(open) => !open && setDeleting(null)} onDone={onDone} />}
    </DataTableUrlProvider>
  );
}
