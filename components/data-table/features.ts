import {
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";

// The one feature set of every list (TanStack Table v9): sorting, column visibility and row
// selection as state only. Rows arrive filtered, sorted and paged from the server (manual*), so
// no client row models are registered.

export type DataTableColumnMeta = {
  /** The column's name in the column menu and in the sort button's label. */
  label?: string;
  /** Right-align numbers. */
  align?: "start" | "end";
  /** Extra classes for the cells (e.g. hide on small screens). */
  className?: string;
};

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** Column helper for a list's rows: `const col = dataTableColumnHelper<CustomerRow>()`. */
export const dataTableColumnHelper = <TData extends RowData>() => createColumnHelper<DataTableFeatures, TData>();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns of one table carry different value types
export type DataTableColumns<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>[];
