import { ListPageSkeleton } from "@/components/data-table/list-page";

export default function PhoneNumbersLoading() {
  return <ListPageSkeleton columnCount={6} rowCount={6} />;
}
