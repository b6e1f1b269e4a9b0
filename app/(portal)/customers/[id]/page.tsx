import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCustomer } from "@/lib/customers";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customers");
  return { title: t("title") };
}

// GET /customers/[id] – one customer, read-only for now (history, merge and GDPR requests follow).
// getCustomer reads through withCompany: another company's id is simply not found.
export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCompanyUser({ permission: "customers:read" });
  const { id } = await params;
  const [customer, t, locale, company] = await Promise.all([
    getCustomer(user.companyId, id, { userId: user.id }),
    getTranslations("customers"),
    getLocale(),
    getCompanyBasics(user.companyId),
  ]);
  if (!customer) notFound();
  const name = `${customer.firstName} ${customer.lastName}`.trim();
  const created = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeStyle: "short", timeZone: knownTimeZone(company?.timeZone) });
  const birthday = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "long", timeZone: "UTC" });
  const none = t("detail.none");
  const fields: [string, string, string][] = [
    ["phone", t("detail.phone"), customer.phone ?? none],
    ["email", t("detail.email"), customer.email ?? none],
    ["birthday", t("detail.birthday"), customer.birthday ? birthday.format(new Date(`${customer.birthday}T00:00:00Z`)) : none],
    ["language", t("detail.language"), t(`languages.${customer.locale}`)],
    ["created", t("detail.created"), created.format(customer.createdAt)],
  ];

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Button variant="ghost" size="sm" asChild className="-ml-3">
          <Link href="/customers" data-testid="customer-back">
            <ArrowLeft />
            {t("detail.back")}
          </Link>
        </Button>
      </div>
      <PageHeader title={<span className="flex items-center gap-3"><Avatar name={name} className="size-10 text-sm" />{name}</span>} />
      <div className="grid gap-4 md:grid-cols-3">
        <Card className="md:col-span-2">
          <CardHeader>
            <CardTitle>{t("detail.contact")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
              {fields.map(([key, label, value]) => (
                <div key={key} className="space-y-1">
                  <dt className="text-xs text-muted-foreground">{label}</dt>
                  <dd className="text-sm" data-testid={`customer-${key}`}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.notes")}</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm whitespace-pre-wrap text-muted-foreground" data-testid="customer-notes">
              {customer.notes ?? none}
            </p>
          </CardContent>
        </Card>
      </div>
      <p className="text-xs text-muted-foreground">{t("detail.later")}</p>
    </div>
  );
}
