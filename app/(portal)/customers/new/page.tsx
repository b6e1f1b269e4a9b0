import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { requireCompanyUser } from "@/lib/auth/session";
import { CustomerForm } from "../_components/customer-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customers.form");
  return { title: t("newTitle") };
}

// GET /customers/new – a customer taken by hand (most come with their first call or booking).
export default async function NewCustomerPage() {
  await requireCompanyUser({ permission: "customers:create" });
  const [t, locale] = await Promise.all([getTranslations("customers.form"), getLocale()]);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <Card>
        <CardContent>
          <CustomerForm
            cancelHref="/customers"
            values={{ firstName: "", lastName: "", phone: "", email: "", birthday: "", notes: "", locale: locale === "en" ? "en" : "de" }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
