"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { RecordRowActions, RecordStatusFilter, recordStatusColumn, rowActionsColumn } from "@/components/data-table/record-columns";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { ActionNotice } from "@/components/forms/action-notice";
import { useActionCall } from "@/components/forms/use-action-call";
import { Badge } from "@/components/ui/badge";
import type { StaffListRow, StaffStatus } from "@/lib/staff/list";
import { deleteStaffAction, type StaffFormState } from "../actions";
import { STAFF_FILTER_KEYS, staffListParsers } from "../search-params";
import { DeleteStaffDialog, useMessageText } from "./staff-delete";

const SORTS = { name: { asc: "name.asc", desc: "name.desc" } };

const col = dataTableColumnHelper<StaffListRow>();
const initial: StaffFormState = { ok: true, message: null };

export function StaffTable(props: {
  rows: StaffListRow[];
  page: KeysetPageInfo;
  statusCounts: Record<StaffStatus, number>;
  branches: { id: string; name: string }[];
  mayDelete: boolean;
}) {
  const t = useTranslations("staff");
  const messageText = useMessageText();
  const { mayDelete } = props;
  const [deleting, setDeleting] = useState<StaffListRow | null>(null);
  const [notice, setNotice] = useState<StaffFormState | null>(null);
  const [restore] = useActionCall(deleteStaffAction, initial, setNotice);

  const columns = useMemo(() => {
    const list = [
      col.accessor("displayName", {
        id: "name",
        header: t("columns.name"),
        enableHiding: false,
        meta: { label: t("columns.name") },
        cell: ({ row }) => {
          const { id, displayName, firstName, lastName, color } = row.original;
          const full = `${firstName} ${lastName}`;
          return (
            <div className="flex items-center gap-2.5">
              <span className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: color }} aria-hidden />
              <div className="min-w-0">
                <Link href={`/staff/${id}`} className="font-medium hover:underline" data-testid="staff-name">
                  {displayName}
                </Link>
                {full !== displayName && <p className="truncate text-xs text-muted-foreground">{full}</p>}
              </div>
            </div>
          );
        },
      }),
      col.accessor((row) => row.branches.map((b) => b.name).join(", "), {
        id: "branches",
        header: t("columns.branches"),
        meta: { label: t("columns.branches") },
        cell: ({ row }) => (
          <div className="flex max-w-72 flex-wrap gap-1" data-testid="staff-branches">
            {row.original.branches.map((b, index) => (
              <Badge key={b.id} variant={index === 0 ? "secondary" : "outline"} title={index === 0 ? t("columns.homeBranch") : undefined}>
                {b.name}
              </Badge>
            ))}
          </div>
        ),
      }),
      col.accessor("servicesCount", {
        id: "services",
        header: t("columns.services"),
        meta: { label: t("columns.services") },
        cell: ({ getValue }) => (
          <span className={getValue() === 0 ? "text-muted-foreground" : "tabular-nums"} data-testid="staff-services-count">
            {t("columns.servicesCount", { count: getValue() })}
          </span>
        ),
      }),
      col.accessor((row) => row.email ?? row.phone ?? "", {
        id: "contact",
        header: t("columns.contact"),
        meta: { label: t("columns.contact") },
        cell: ({ row }) =>
          row.original.email || row.original.phone ? (
            <div className="flex flex-col text-sm">
              {row.original.email && <span className="truncate">{row.original.email}</span>}
              {row.original.phone && <span className="font-mono text-[13px] text-muted-foreground tabular-nums">{row.original.phone}</span>}
            </div>
          ) : (
            <span className="text-muted-foreground">—</span>
          ),
      }),
      recordStatusColumn(col, { header: t("columns.status"), statusText: (status) => t(`status.${status}`), testId: "staff-status" }),
      rowActionsColumn(col, {
        label: t("actions.label"),
        cell: (member) => (
          <RecordRowActions
            href={`/staff/${member.id}`}
            deleted={member.status === "deleted"}
            mayDelete={mayDelete}
            onDelete={() => setDeleting(member)}
            onRestore={() => restore({ id: member.id, mode: "restore" })}
            labels={{ edit: t("actions.edit"), open: t("actions.open"), delete: t("actions.delete"), restore: t("actions.restore") }}
            testIds={{ menu: "staff-row-actions", edit: "staff-edit", delete: "staff-delete", restore: "staff-restore" }}
          />
        ),
      }),
    ];
    return list as DataTableColumns<StaffListRow>;
  }, [t, mayDelete, restore]);

  const counts = props.statusCounts;
  return (
    <div className="flex flex-col gap-3">
      {notice?.message && (
        <ActionNotice ok={notice.ok} testId="staff-list-message">
          {messageText(notice)}
        </ActionNotice>
      )}
      <DataTableUrlProvider parsers={staffListParsers} filterKeys={STAFF_FILTER_KEYS}>
        <DataTable
          testId="staff-table"
          columns={columns}
          data={props.rows}
          page={props.page}
          sorts={SORTS}
          defaultSort="name.asc"
          searchPlaceholder={t("searchPlaceholder")}
          emptyState={t("empty")}
          filters={
            <>
              {props.branches.length > 1 && (
                <DataTableFacetedFilter title={t("filters.branch")} paramKey="branch" options={props.branches.map((b) => ({ value: b.id, label: b.name }))} />
              )}
              <RecordStatusFilter title={t("filters.status")} counts={counts} statusText={(status) => t(`status.${status}`)} />
            </>
          }
        />
      </DataTableUrlProvider>
      {deleting && (
        <DeleteStaffDialog
          key={deleting.id}
          member={deleting}
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
