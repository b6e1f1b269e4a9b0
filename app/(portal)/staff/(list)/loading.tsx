import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function StaffLoading() {
  return <ListPageSkeleton columnCount={5} rowCount={6} />;
}
