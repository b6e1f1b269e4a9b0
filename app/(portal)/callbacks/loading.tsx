import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function CallbacksLoading() {
  return <ListPageSkeleton columnCount={7} rowCount={10} />;
}
