import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function CompaniesLoading() {
  return <ListPageSkeleton columnCount={6} rowCount={10} />;
}
