import { FolderTree } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NewRecordButton } from "@/components/data-table/list-page";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { listServices } from "@/lib/services/list";
import { listBranchOptions, listCategories } from "@/lib/services/queries";
import { ServicesTable } from "../_components/services-table";
import { loadServiceListState } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("services");
  return { title: t("title") };
}

// GET /services – the company's services: search by name, facets (category, branch, bookable by,
// status incl. deleted with restore), sort by category order, name, duration or price, CSV
// export. Everyone who reads services sees the whole catalogue; changes follow the write scope.
// In the (list) group so that its loading skeleton wraps only the list (see customers).
export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "services:read" });
  const state = loadServiceListState(await searchParams);
  const context = { userId: user.id };
  const mayUpdate = can(user.role, "services:update");
  const [t, page, categories, branches, editable] = await Promise.all([
    getTranslations("services"),
    listServices(user.companyId, state, context),
    listCategories(user.companyId, context),
    listBranchOptions(user.companyId, context),
    mayUpdate ? branchScope(user, "services:update") : Promise.resolve([] as string[]),
  ]);
  const mayCreate = can(user.role, "services:create");

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button variant="outline" asChild>
              <Link href="/services/categories" data-testid="services-categories">
                <FolderTree />
                {t("actions.categories")}
              </Link>
            </Button>
            {mayCreate && (
              <NewRecordButton href="/services/new" label={t("actions.new")} testId="services-new" />
            )}
          </>
        }
      />
      <ServicesTable
        rows={page.rows}
        page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }}
        counts={page.counts}
        categories={categories.map((c) => ({ id: c.id, name: c.name }))}
        branches={branches}
        editable={editable}
        mayDelete={can(user.role, "services:delete")}
      />
    </div>
  );
}
