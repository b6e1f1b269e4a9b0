import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink, RecordNotice } from "@/components/forms/record-page";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { listCategories } from "@/lib/services/queries";
import { CategoriesManager } from "../_components/categories-manager";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("services.categories");
  return { title: t("title") };
}

// GET /services/categories – the company's service categories: add, rename, order, delete (not
// while services use one). Categories are the company's: only a company-wide write scope changes
// them; everyone who reads services sees the list.
export default async function ServiceCategoriesPage() {
  const user = await requireCompanyUser({ permission: "services:read" });
  const [t, categories, scope] = await Promise.all([
    getTranslations("services.categories"),
    listCategories(user.companyId, { userId: user.id }),
    can(user.role, "services:update") ? branchScope(user, "services:update") : Promise.resolve([] as string[]),
  ]);
  const mayManage = scope === null && can(user.role, "services:create") && can(user.role, "services:delete");
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <BackLink href="/services" label={t("back")} testId="categories-back" />
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardContent className="flex flex-col gap-4">
          {!mayManage && (
            <RecordNotice testId="categories-read-only">{t("readOnly")}</RecordNotice>
          )}
          <CategoriesManager categories={categories.map((c) => ({ id: c.id, name: c.name, serviceCount: c.serviceCount }))} readOnly={!mayManage} />
        </CardContent>
      </Card>
    </div>
  );
}
