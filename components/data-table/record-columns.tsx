"use client";

import type { ColumnHelper, RowData } from "@tanstack/react-table";
import { Pencil, RotateCcw, Trash2 } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTableRowActions } from "@/components/data-table/data-table-row-actions";
import type { DataTableFeatures } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import type { RecordStatus } from "@/lib/data-table/in-memory";

// Columns and filters of the lists of soft-deletable records with an on/off switch (branches,
// staff, services): the status badge, the "⋯" column with edit/open, delete and restore, and the
// status facet (active / inactive / deleted; none picked = not deleted). The section passes its
// texts and test ids; how they look and behave is the same in every list.

export const RECORD_STATUSES = ["active", "inactive", "deleted"] as const satisfies readonly RecordStatus[];

export const RECORD_STATUS_BADGE = { active: "success", inactive: "muted", deleted: "destructive" } as const satisfies Record<RecordStatus, string>;

type Columns<T extends RowData> = ColumnHelper<DataTableFeatures, T>;

/** A record's status as a badge. */
export function RecordStatusBadge({ status, label, testId }: { status: RecordStatus; label: string; testId?: string }) {
  return (
    <Badge variant={RECORD_STATUS_BADGE[status]} data-testid={testId}>
      {label}
    </Badge>
  );
}

/** The "status" column: a badge with the status' text. */
export function recordStatusColumn<T extends { status: RecordStatus }>(col: Columns<T>, options: { header: string; statusText: (status: RecordStatus) => string; testId: string }) {
  return col.accessor((row) => row.status as RecordStatus, {
    id: "status",
    header: options.header,
    meta: { label: options.header },
    cell: ({ getValue }) => <RecordStatusBadge status={getValue()} label={options.statusText(getValue())} testId={options.testId} />,
  });
}

/** The row-actions column ("⋯", not hideable, narrow, right-aligned); `label` is its screen-reader header. */
export function rowActionsColumn<T extends RowData>(col: Columns<T>, options: { label: string; cell: (row: T) => ReactNode }) {
  return col.display({
    id: "actions",
    enableHiding: false,
    header: () => <span className="sr-only">{options.label}</span>,
    meta: { className: "w-10 text-right" },
    cell: ({ row }) => options.cell(row.original),
  });
}

export type RecordRowActionsProps = {
  /** The record's page. */
  href: string;
  deleted: boolean;
  /** The user may only look (the link says "open", not "edit"). */
  readOnly?: boolean;
  /** Offer delete (live rows) or restore (deleted rows). */
  mayDelete: boolean;
  onDelete: () => void;
  onRestore: () => void;
  labels: { edit: string; open: string; delete: string; restore: string };
  testIds: { menu: string; edit: string; delete: string; restore: string };
};

/** A record's "⋯" menu: edit (or open, when deleted or read-only), then delete or restore. */
export function RecordRowActions({ href, deleted, readOnly = false, mayDelete, onDelete, onRestore, labels, testIds }: RecordRowActionsProps) {
  return (
    <DataTableRowActions testId={testIds.menu}>
      <DropdownMenuItem asChild>
        <Link href={href} data-testid={testIds.edit}>
          <Pencil />
          {deleted || readOnly ? labels.open : labels.edit}
        </Link>
      </DropdownMenuItem>
      {mayDelete && !deleted && (
        <DropdownMenuItem variant="destructive" onSelect={onDelete} data-testid={testIds.delete}>
          <Trash2 />
          {labels.delete}
        </DropdownMenuItem>
      )}
      {mayDelete && deleted && (
        <DropdownMenuItem onSelect={onRestore} data-testid={testIds.restore}>
          <RotateCcw />
          {labels.restore}
        </DropdownMenuItem>
      )}
    </DataTableRowActions>
  );
}

/** The status facet (URL key "status") with each status' count. */
export function RecordStatusFilter({ title, counts, statusText }: { title: string; counts: Record<RecordStatus, number>; statusText: (status: RecordStatus) => string }) {
  return <DataTableFacetedFilter title={title} paramKey="status" options={RECORD_STATUSES.map((value) => ({ value, label: statusText(value), count: counts[value] }))} />;
}
