import { Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { BackLink } from "@/components/forms/record-page";
import { PageHeader } from "@/components/layout/page-header";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCustomerAppointments, getCustomerCalls, getCustomerRecord } from "@/lib/customers/history";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";
import { CustomerActions } from "./_components/customer-actions";
import { AppointmentHistory, CallHistory } from "./_components/customer-history";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customerDetail");
  return { title: t("title") };
}

// GET /customers/[id] – one customer: contact data, appointments (upcoming and past, in the
// viewer's branches), calls, and the actions its permissions allow (edit, merge, GDPR export and
// erasure, delete/restore). Deleted customers are shown too (with restore); another company's or
// a malformed id is not found (getCustomerRecord reads through withCompany).
export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCompanyUser({ permission: "customers:read" });
  const { id } = await params;
  const customer = await getCustomerRecord(user.companyId, id, { userId: user.id });
  if (!customer) notFound();

  const [appointmentScope, callScope] = await Promise.all([
    can(user.role, "appointments:read") ? branchScope(user, "appointments:read") : Promise.resolve(false as const),
    can(user.role, "calls:read") ? branchScope(user, "calls:read") : Promise.resolve(false as const),
  ]);
  const [t, tCustomers, locale, company, history, callList] = await Promise.all([
    getTranslations("customerDetail"),
    getTranslations("customers"),
    getLocale(),
    getCompanyBasics(user.companyId),
    appointmentScope === false ? Promise.resolve(null) : getCustomerAppointments(user.companyId, customer.id, appointmentScope, { userId: user.id }),
    callScope === false ? Promise.resolve(null) : getCustomerCalls(user.companyId, customer.id, callScope, { userId: user.id }),
  ]);

  const tag = intlLocale(locale);
  const zone = knownTimeZone(company?.timeZone);
  const erased = customer.anonymizedAt !== null;
  const deleted = customer.deletedAt !== null;
  const name = erased ? t("erasedName") : `${customer.firstName} ${customer.lastName}`.trim();
  const created = new Intl.DateTimeFormat(tag, { dateStyle: "long", timeStyle: "short", timeZone: zone });
  const birthday = new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "UTC" });
  const none = t("none");
  const fields: [string, string, string][] = [
    ["phone", t("phone"), customer.phone ?? none],
    ["email", t("email"), customer.email ?? none],
    ["birthday", t("birthday"), customer.birthday ? birthday.format(new Date(`${customer.birthday}T00:00:00Z`)) : none],
    ["language", t("language"), tCustomers(`languages.${customer.locale}`)],
    ["created", t("created"), created.format(customer.createdAt)],
  ];
  const mayUpdate = can(user.role, "customers:update") && !deleted && !erased;
  const mayDelete = can(user.role, "customers:delete");

  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/customers" label={t("back")} testId="customer-back" />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <Avatar name={name} className="size-10 text-sm" />
            <span data-testid="customer-name">{name}</span>
            {deleted && !customer.mergedInto && (
              <Badge variant="destructive" data-testid="customer-deleted">
                {t("badges.deleted")}
              </Badge>
            )}
            {erased && (
              <Badge variant="secondary" data-testid="customer-erased">
                {t("badges.erased")}
              </Badge>
            )}
          </span>
        }
        description={
          customer.mergedInto ? (
            <span data-testid="customer-merged-into">
              {t.rich("mergedInto", {
                name: customer.mergedInto.name,
                link: (chunks) => (
                  <Link href={`/customers/${customer.mergedInto!.id}`} className="font-medium text-foreground underline underline-offset-4">
                    {chunks}
                  </Link>
                ),
              })}
            </span>
          ) : erased ? (
            t("erasedDescription", { date: created.format(customer.anonymizedAt!) })
          ) : undefined
        }
        actions={
          mayUpdate ? (
            <Button variant="outline" asChild>
              <Link href={`/customers/${customer.id}/edit`} data-testid="customer-edit">
                <Pencil />
                {t("actions.edit")}
              </Link>
            </Button>
          ) : undefined
        }
      />
      {(mayUpdate || mayDelete) && (
        <CustomerActions
          customer={{ id: customer.id, name, phone: customer.phone }}
          state={{ deleted, erased, merged: customer.mergedInto !== null }}
          may={{ merge: mayUpdate, gdpr: mayDelete, delete: mayDelete }}
        />
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <Card className="md:col-span-2">
          <CardHeader>
            <CardTitle>{t("contact")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
              {fields.map(([key, label, value]) => (
                <div key={key} className="min-w-0 space-y-1">
                  <dt className="text-xs text-muted-foreground">{label}</dt>
                  <dd className="truncate text-sm" data-testid={`customer-${key}`}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("notes")}</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm break-words whitespace-pre-wrap text-muted-foreground" data-testid="customer-notes">
              {customer.notes ?? none}
            </p>
          </CardContent>
        </Card>
      </div>
      {history && <AppointmentHistory upcoming={history.upcoming} past={history.past} />}
      {callList && <CallHistory calls={callList} timeZone={zone} />}
    </div>
  );
}
