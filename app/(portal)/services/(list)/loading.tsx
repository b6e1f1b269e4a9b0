import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function ServicesLoading() {
  return <ListPageSkeleton columnCount={8} rowCount={10} />;
}
