import type { Metadata } from "next";
import { Archive } from "lucide-react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { requireUser } from "@/lib/auth/session";
import { getCompany } from "@/lib/companies/list";
import { timeZoneOptions } from "@/lib/forms/fields";
import { CompanyForm } from "../_components/company-form";
import { CompanyRestoreButton } from "../_components/company-restore-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies");
  return { title: t("title") };
}

// GET /companies/[id] – edit a company's details (platform admins); an archived one is shown with restore.
export default async function EditCompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser({ permission: "companies:update" });
  const { id } = await params;
  const company = await getCompany(user.id, id);
  if (!company) notFound();
  const t = await getTranslations("companies");
  const archived = company.deletedAt !== null;

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("editTitle", { name: company.name })} description={t("editDescription", { slug: company.slug })} />
      {archived ? (
        <Alert data-testid="company-archived-notice">
          <Archive />
          <AlertDescription className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <span>{t("archivedNotice")}</span>
            <CompanyRestoreButton id={company.id} />
          </AlertDescription>
        </Alert>
      ) : (
        <CompanyForm
          timeZones={timeZoneOptions()}
          values={{
            id: company.id,
            name: company.name,
            slug: company.slug,
            status: company.status,
            plan: company.plan,
            locale: company.locale,
            timeZone: company.timeZone,
            currency: company.currency,
            contactEmail: company.contactEmail ?? "",
            contactPhone: company.contactPhone ?? "",
          }}
        />
      )}
    </div>
  );
}
