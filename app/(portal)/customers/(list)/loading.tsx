import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function CustomersLoading() {
  return <ListPageSkeleton columnCount={6} rowCount={12} />;
}
