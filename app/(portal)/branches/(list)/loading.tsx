import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function BranchesLoading() {
  return <ListPageSkeleton columnCount={5} rowCount={4} />;
}
