import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewRecordButton } from "@/components/data-table/list-page";
import { PageHeader } from "@/components/layout/page-header";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { listStaff } from "@/lib/staff/list";
import { staffFormOptions } from "@/lib/staff/queries";
import { StaffTable } from "../_components/staff-table";
import { loadStaffListState } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff");
  return { title: t("title") };
}

// GET /staff – the company's staff (branch roles: of their branches): search by name, filter by
// branch and status (deleted ones on request, with restore), sort by name. State in the URL.
export default async function StaffPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "staff:read" });
  const state = loadStaffListState(await searchParams);
  const [t, scope] = await Promise.all([getTranslations("staff"), branchScope(user, "staff:read")]);
  const [page, options] = await Promise.all([listStaff(user.companyId, state, scope, { userId: user.id }), staffFormOptions(user.companyId)]);
  const branches = options.branches.filter((b) => !scope || scope.includes(b.id)).map((b) => ({ id: b.id, name: b.name }));
  const may = { create: can(user.role, "staff:create"), delete: can(user.role, "staff:delete") };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          may.create ? (
            <NewRecordButton href="/staff/new" label={t("actions.new")} testId="staff-new" />
          ) : undefined
        }
      />
      <StaffTable
        rows={page.rows}
        page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }}
        statusCounts={page.statusCounts}
        branches={branches}
        mayDelete={may.delete}
      />
    </div>
  );
}
