import { CircleCheck } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewRecordButton } from "@/components/data-table/list-page";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { callbackFacets, listCallbacks } from "@/lib/callbacks/list";
import { CallbacksTable } from "./_components/callbacks-table";
import { loadCallbackListState } from "./search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("callbacks");
  return { title: t("title") };
}

// GET /callbacks – callback requests (from the voice agent or staff), soonest due first; filter
// by status, priority, assignee, branch and overdue; assign, mark contacted, complete. Branch
// roles see and change their branches' callbacks only.
export default async function CallbacksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "callbacks:read" });
  const params = await searchParams;
  const state = loadCallbackListState(params);
  const justCreated = typeof params.created === "string";
  const [t, branchIds] = await Promise.all([getTranslations("callbacks"), branchScope(user, "callbacks:read")]);
  const options = { branchIds, userId: user.id };
  const [page, facets] = await Promise.all([listCallbacks(user.companyId, state, options), callbackFacets(user.companyId, options)]);
  const updateScope = can(user.role, "callbacks:update") ? await branchScope(user, "callbacks:update") : [];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={can(user.role, "callbacks:create") ? <NewRecordButton href="/callbacks/new" label={t("new")} testId="callback-new" /> : undefined}
      />
      {justCreated && (
        <Alert role="status" data-testid="callback-created">
          <CircleCheck />
          <AlertDescription>{t("created")}</AlertDescription>
        </Alert>
      )}
      <CallbacksTable
        rows={page.rows}
        page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }}
        facets={facets}
        updatableBranches={updateScope}
      />
    </div>
  );
}
