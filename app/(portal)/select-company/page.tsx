import type { Metadata } from "next";
import { Building2 } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { listCompaniesForPlatformAdmin } from "@/db/platform";
import { requireUser } from "@/lib/auth/session";
import { SelectCompanyButton } from "./_components/select-company-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("selectCompany");
  return { title: t("title") };
}

const statusVariant = { active: "success", trial: "secondary", suspended: "warning", archived: "muted" } as const;

/** A platform admin without an acting company picks one here (requireCompanyUser sends them). */
export default async function SelectCompanyPage() {
  const user = await requireUser({ permission: "companies:read" });
  const [t, companies] = await Promise.all([getTranslations(), listCompaniesForPlatformAdmin(user.id)]);

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title={t("selectCompany.title")} description={t("selectCompany.description")} />
      {companies.length === 0 ? (
        <Card className="items-center px-6 py-12 text-center text-sm text-muted-foreground">
          {t("selectCompany.empty")}
        </Card>
      ) : (
        <Card className="gap-0 py-0">
          <ul className="divide-y" data-testid="company-list">
            {companies.map((company) => (
              <li key={company.id} className="flex items-center gap-3 px-4 py-3 sm:px-5" data-testid="company-row">
                <div className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground">
                  <Building2 className="size-4" />
                </div>
                <div className="min-w-0 flex-1">
                  <div className="truncate text-sm font-medium">{company.name}</div>
                  <div className="truncate text-xs text-muted-foreground">{company.slug}</div>
                </div>
                <Badge variant={statusVariant[company.status]} className="hidden sm:inline-flex">
                  {t(`companyStatus.${company.status}`)}
                </Badge>
                <SelectCompanyButton companyId={company.id} companyName={company.name} />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
