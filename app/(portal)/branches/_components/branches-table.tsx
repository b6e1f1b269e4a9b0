"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { RecordRowActions, RecordStatusFilter, recordStatusColumn, rowActionsColumn } from "@/components/data-table/record-columns";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { ActionNotice } from "@/components/forms/action-notice";
import { useActionCall } from "@/components/forms/use-action-call";
import type { BranchListRow, BranchStatus } from "@/lib/branches/list";
import { type BranchActionState, deleteBranchAction } from "../actions";
import { BRANCH_FILTER_KEYS, branchListParsers } from "../search-params";
import { DeleteBranchDialog, messageText } from "./branch-delete";

const SORTS = {
  name: { asc: "name.asc", desc: "name.desc" },
  address: { asc: "city.asc", desc: "city.desc" },
};

const col = dataTableColumnHelper<BranchListRow>();
const initial: BranchActionState = { ok: true, message: null };

export function BranchesTable(props: { rows: BranchListRow[]; page: KeysetPageInfo; statusCounts: Record<BranchStatus, number>; mayDelete: boolean }) {
  const t = useTranslations("branches");
  const { mayDelete } = props;
  const [deleting, setDeleting] = useState<BranchListRow | null>(null);
  const [notice, setNotice] = useState<BranchActionState | null>(null);
  const [restore] = useActionCall(deleteBranchAction, initial, setNotice);

  const columns = useMemo(() => {
    const list = [
      col.accessor("name", {
        id: "name",
        header: t("columns.name"),
        enableHiding: false,
        meta: { label: t("columns.name") },
        cell: ({ row }) => (
          <Link href={`/branches/${row.original.id}`} className="font-medium hover:underline" data-testid="branch-name">
            {row.original.name}
          </Link>
        ),
      }),
      col.accessor((row) => row.city ?? "", {
        id: "address",
        header: t("columns.address"),
        meta: { label: t("columns.address") },
        cell: ({ row }) => {
          const { street, postalCode, city, country } = row.original;
          const place = [postalCode, city].filter(Boolean).join(" ");
          if (!street && !place) return <span className="text-muted-foreground">—</span>;
          return (
            <span className="block max-w-72 truncate" data-testid="branch-address">
              {[street, place].filter(Boolean).join(", ")}
              {country !== "DE" && <span className="text-muted-foreground"> ({country})</span>}
            </span>
          );
        },
      }),
      col.accessor("phone", {
        id: "phone",
        header: t("columns.phone"),
        meta: { label: t("columns.phone") },
        cell: ({ getValue }) => <span className="font-mono text-[13px] tabular-nums">{getValue() ?? "—"}</span>,
      }),
      col.accessor("timeZone", {
        id: "timeZone",
        header: t("columns.timeZone"),
        meta: { label: t("columns.timeZone") },
        cell: ({ getValue }) => <span className="text-muted-foreground">{getValue()}</span>,
      }),
      recordStatusColumn(col, { header: t("columns.status"), statusText: (status) => t(`status.${status}`), testId: "branch-status" }),
      rowActionsColumn(col, {
        label: t("actions.label"),
        cell: (branch) => (
          <RecordRowActions
            href={`/branches/${branch.id}`}
            deleted={branch.status === "deleted"}
            mayDelete={mayDelete}
            onDelete={() => setDeleting(branch)}
            onRestore={() => restore({ id: branch.id, mode: "restore" })}
            labels={{ edit: t("actions.edit"), open: t("actions.open"), delete: t("actions.delete"), restore: t("actions.restore") }}
            testIds={{ menu: "branch-row-actions", edit: "branch-edit", delete: "branch-delete", restore: "branch-restore" }}
          />
        ),
      }),
    ];
    return list as DataTableColumns<BranchListRow>;
  }, [t, mayDelete, restore]);

  const counts = props.statusCounts;
  return (
    <div className="flex flex-col gap-3">
      {notice?.message && (
        <ActionNotice ok={notice.ok} testId="branches-message">
          {messageText(t, notice)}
        </ActionNotice>
      )}
      <DataTableUrlProvider parsers={branchListParsers} filterKeys={BRANCH_FILTER_KEYS}>
        <DataTable
          testId="branches-table"
          columns={columns}
          data={props.rows}
          page={props.page}
          sorts={SORTS}
          defaultSort="name.asc"
          searchPlaceholder={t("searchPlaceholder")}
          emptyState={t("empty")}
          filters={
            <RecordStatusFilter title={t("filters.status")} counts={counts} statusText={(status) => t(`status.${status}`)} />
          }
        />
      </DataTableUrlProvider>
      {deleting && (
        <DeleteBranchDialog
          key={deleting.id}
          branch={deleting}
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
