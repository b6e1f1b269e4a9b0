import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function CallsLoading() {
  return <ListPageSkeleton columnCount={7} rowCount={12} />;
}
