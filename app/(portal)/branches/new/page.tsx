import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { requireCompanyUser } from "@/lib/auth/session";
import { DEFAULT_OPENING_HOURS } from "@/lib/branches/opening-hours";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { timeZoneOptions } from "@/lib/forms/fields";
import { BranchForm } from "../_components/branch-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("branches.form");
  return { title: t("newTitle") };
}

// GET /branches/new – a new branch with its address, time zone, language and weekly opening
// hours (closing days follow on its page). Starts with the company's time zone and language.
export default async function NewBranchPage() {
  const user = await requireCompanyUser({ permission: "branches:create" });
  const [t, company] = await Promise.all([getTranslations("branches.form"), getCompanyBasics(user.companyId)]);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <Card>
        <CardContent>
          <BranchForm
            cancelHref="/branches"
            timeZones={timeZoneOptions()}
            openingHours={DEFAULT_OPENING_HOURS}
            values={{
              name: "",
              street: "",
              postalCode: "",
              city: "",
              country: "DE",
              timeZone: knownTimeZone(company?.timeZone),
              locale: company?.locale === "en" ? "en" : "de",
              phone: "",
              email: "",
              isActive: true,
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
