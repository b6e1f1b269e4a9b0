import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireUser } from "@/lib/auth/session";
import { timeZoneOptions } from "@/lib/forms/fields";
import { CompanyForm } from "../_components/company-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies");
  return { title: t("newTitle") };
}

// GET /companies/new – a new company with its first branch (platform admins).
export default async function NewCompanyPage() {
  await requireUser({ permission: "companies:create" });
  const t = await getTranslations("companies");
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <CompanyForm
        timeZones={timeZoneOptions()}
        values={{
          name: "",
          slug: "",
          status: "trial",
          plan: "starter",
          locale: "de",
          timeZone: "Europe/Berlin",
          currency: "EUR",
          contactEmail: "",
          contactPhone: "",
          branchName: t("form.defaultBranchName"),
        }}
      />
    </div>
  );
}
