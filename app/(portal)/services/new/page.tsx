import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/forms/record-page";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { branchScope } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyCurrency, listBranchOptions, listCategories } from "@/lib/services/queries";
import { ServiceForm } from "../_components/service-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("services.form");
  return { title: t("newTitle") };
}

// GET /services/new – a new service. A branch manager picks one of its branches (no company-wide
// service); the category list comes from /services/categories.
export default async function NewServicePage() {
  const user = await requireCompanyUser({ permission: "services:create" });
  const context = { userId: user.id };
  const [t, tDetail, scope, categories, branches, currency] = await Promise.all([
    getTranslations("services.form"),
    getTranslations("services.detail"),
    branchScope(user, "services:create"),
    listCategories(user.companyId, context),
    listBranchOptions(user.companyId, context),
    getCompanyCurrency(user.companyId, context),
  ]);
  const offered = scope === null ? branches : branches.filter((b) => scope.includes(b.id));
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <BackLink href="/services" label={tDetail("back")} testId="service-back" />
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <Card>
        <CardContent>
          <ServiceForm
            cancelHref="/services"
            currency={currency}
            categories={categories.map((c) => ({ id: c.id, name: c.name }))}
            branches={offered}
            allowAllBranches={scope === null}
            values={{
              name: "",
              description: "",
              categoryId: "",
              branchId: scope === null ? "" : (offered[0]?.id ?? ""),
              durationMinutes: "30",
              bufferBeforeMinutes: "0",
              bufferAfterMinutes: "0",
              price: "",
              minNoticeMinutes: "0",
              sortOrder: "0",
              bookableByPhone: true,
              bookableOnline: true,
              isActive: true,
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
