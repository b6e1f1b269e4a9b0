"use client";

import {
  type ColumnVisibilityState,
  type RowSelectionState,
  type SortingState,
  type Updater,
  functionalUpdate,
  useTable,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { type ReactNode, useMemo, useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { DataTableBulkBar } from "./data-table-bulk-bar";
import { DataTableColumnHeader } from "./data-table-column-header";
import { DataTableEmpty } from "./data-table-empty";
import { DataTablePagination } from "./data-table-pagination";
import { DataTableToolbar } from "./data-table-toolbar";
import { type DataTableColumns, dataTableColumnHelper, dataTableFeatures } from "./features";
import { type KeysetPageInfo, useDataTableUrl } from "./url-state";

// The list: a TanStack Table v9 over the rows the server page sent (already searched, filtered,
// sorted and cut to one keyset page), with its state mirrored from the URL: sorting ("sort"),
// hidden columns ("hide"); the selection is local and lasts as long as the page of rows.

export type DataTableProps<TData extends { id: string }> = {
  columns: DataTableColumns<TData>;
  data: TData[];
  page: KeysetPageInfo;
  /** The columns the server can sort by, each with its URL values. */
  sorts: Record<string, { asc: string; desc: string }>;
  defaultSort: string;
  searchPlaceholder: string;
  /** Filter controls (faceted, range) shown after the search box. */
  filters?: ReactNode;
  /** A line under the toolbar about the search (e.g. "exact search by phone number"). */
  searchHint?: ReactNode;
  /** Where the CSV of the current filtered set comes from (the URL's filters are appended). */
  exportPath?: string;
  /** Actions for the selected rows; with it the table gets a selection column. */
  bulkActions?: (selectedIds: string[]) => ReactNode;
  /** Shown when the list has no rows at all (no search or filter active). */
  emptyState?: ReactNode;
  testId?: string;
};

const noSelection: RowSelectionState = {};

export function DataTable<TData extends { id: string }>(props: DataTableProps<TData>) {
  const { columns, data, page, sorts, defaultSort, bulkActions, testId = "data-table" } = props;
  const t = useTranslations("dataTable");
  const url = useDataTableUrl();

  // Stable inputs for the table (a new columns array each render would rebuild its models).
  const selectable = Boolean(bulkActions);
  const withSelection = useMemo(() => {
    const sortable = columns.map((column) => ({ ...column, enableSorting: Boolean(column.id && column.id in sorts) }));
    if (!selectable) return sortable;
    const helper = dataTableColumnHelper<TData>();
    const select = helper.display({
      id: "select",
      enableHiding: false,
      enableSorting: false,
      header: ({ table }) => (
        <Checkbox
          aria-label={t("selection.selectPage")}
          data-testid="data-table-select-page"
          checked={table.getIsAllPageRowsSelected() ? true : table.getIsSomePageRowsSelected() ? "indeterminate" : false}
          onCheckedChange={(value) => table.toggleAllPageRowsSelected(value === true)}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          aria-label={t("selection.selectRow")}
          data-testid="data-table-select-row"
          checked={row.getIsSelected()}
          onCheckedChange={(value) => row.toggleSelected(value === true)}
        />
      ),
    });
    return [select, ...sortable] as DataTableColumns<TData>;
  }, [columns, sorts, selectable, t]);

  // URL → table state.
  const sorting = useMemo<SortingState>(() => {
    const entry = Object.entries(sorts).find(([, values]) => values.asc === url.state.sort || values.desc === url.state.sort);
    return entry ? [{ id: entry[0], desc: entry[1].desc === url.state.sort }] : [];
  }, [sorts, url.state.sort]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(url.state.hide.map((id) => [id, false])),
    [url.state.hide],
  );
  // Selection belongs to the rows on screen: a new page of rows starts with none.
  const [selection, setSelection] = useState<{ rows: TData[]; value: RowSelectionState }>({ rows: data, value: noSelection });
  const rowSelection = selection.rows === data ? selection.value : noSelection;

  // Table → URL.
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = functionalUpdate(updater, sorting)[0];
    const values = next ? sorts[next.id] : undefined;
    const sort = values ? (next!.desc ? values.desc : values.asc) : defaultSort;
    url.set({ sort: sort === defaultSort ? null : sort });
  };
  const onColumnVisibilityChange = (updater: Updater<ColumnVisibilityState>) => {
    const next = functionalUpdate(updater, columnVisibility);
    const hide = Object.entries(next)
      .filter(([, visible]) => visible === false)
      .map(([id]) => id);
    url.set({ hide: hide.length > 0 ? hide : null }, { resetPaging: false, history: "replace" });
  };
  const onRowSelectionChange = (updater: Updater<RowSelectionState>) => {
    setSelection({ rows: data, value: functionalUpdate(updater, rowSelection) });
  };

  const table = useTable({
    features: dataTableFeatures,
    columns: withSelection,
    data,
    getRowId: (row) => row.id,
    state: { sorting, columnVisibility, rowSelection },
    onSortingChange,
    onColumnVisibilityChange,
    onRowSelectionChange,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
  });

  const selectedIds = Object.keys(rowSelection);
  const filtered = url.state.q !== "" || url.filterKeys.some((key) => isSet(url.state[key]));
  const visibleColumnCount = table.getVisibleLeafColumns().length;

  return (
    <div className="flex flex-col gap-3" data-testid={testId}>
      <DataTableToolbar table={table} searchPlaceholder={props.searchPlaceholder} filters={props.filters} exportPath={props.exportPath} filtered={filtered} />
      {props.searchHint}
      {bulkActions && selectedIds.length > 0 && (
        <DataTableBulkBar count={selectedIds.length} onClear={() => setSelection({ rows: data, value: noSelection })}>
          {bulkActions(selectedIds)}
        </DataTableBulkBar>
      )}
      <div
        className={cn("overflow-hidden rounded-xl border bg-card transition-opacity", url.isPending && "pointer-events-none opacity-60")}
        aria-busy={url.isPending}
        data-testid="data-table-frame"
        data-pending={url.isPending ? "true" : undefined}
      >
        <Table>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const meta = header.column.columnDef.meta;
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={cn(meta?.align === "end" && "text-right", meta?.className)}
                      data-testid={`data-table-head-${header.column.id}`}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <DataTableColumnHeader column={header.column} label={meta?.label ?? header.column.id} align={meta?.align}>
                          <table.FlexRender header={header} />
                        </DataTableColumnHeader>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined} data-testid="data-table-row" data-row-id={row.id}>
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  return (
                    <TableCell key={cell.id} className={cn(meta?.align === "end" && "text-right tabular-nums", meta?.className)} data-column={cell.column.id}>
                      <table.FlexRender cell={cell} />
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
            {data.length === 0 && (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={visibleColumnCount} className="p-0 whitespace-normal">
                  <DataTableEmpty filtered={filtered}>{props.emptyState}</DataTableEmpty>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
      <DataTablePagination page={page} rowCount={data.length} />
    </div>
  );
}

function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && value !== undefined && value !== "";
}
