import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function WebhooksLoading() {
  return <ListPageSkeleton columnCount={8} rowCount={12} />;
}
