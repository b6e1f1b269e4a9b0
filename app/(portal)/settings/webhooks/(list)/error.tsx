"use client";

import { useEffect } from "react";
import { DataTableError } from "@/components/data-table/data-table-error";

// The inbox list failed (database down): the settings tabs stay, the list offers a retry.
export default function WebhooksError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return <DataTableError digest={digest} retry={retry} />;
}
