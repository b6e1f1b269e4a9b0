import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewRecordButton } from "@/components/data-table/list-page";
import { PageHeader } from "@/components/layout/page-header";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { listBranches } from "@/lib/branches/list";
import { BranchesTable } from "../_components/branches-table";
import { loadBranchListState } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("branches");
  return { title: t("title") };
}

// GET /branches – the company's branches (branch roles: theirs): search by name or city, status
// filter (deleted ones on request, with restore), sort by name or city. State in the URL.
export default async function BranchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "branches:read" });
  const state = loadBranchListState(await searchParams);
  const [t, scope] = await Promise.all([getTranslations("branches"), branchScope(user, "branches:read")]);
  const page = await listBranches(user.companyId, state, scope, { userId: user.id });
  const may = { create: can(user.role, "branches:create"), delete: can(user.role, "branches:delete") };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          may.create ? (
            <NewRecordButton href="/branches/new" label={t("actions.new")} testId="branches-new" />
          ) : undefined
        }
      />
      <BranchesTable
        rows={page.rows}
        page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }}
        statusCounts={page.statusCounts}
        mayDelete={may.delete}
      />
    </div>
  );
}
