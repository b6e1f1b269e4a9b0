import { Scissors, Users } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { IconCardHeader } from "@/components/layout/icon-card-header";
import { BackLink, RecordNotice, RecordTitle } from "@/components/forms/record-page";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";
import { getService, listBranchOptions, listCategories, mayChange } from "@/lib/services/queries";
import { formatPrice, priceInput } from "@/lib/services/format";
import { ServiceActions } from "../_components/service-actions";
import { ServiceForm } from "../_components/service-form";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await requireCompanyUser({ permission: "services:read" });
  const { id } = await params;
  const [t, service] = await Promise.all([getTranslations("services"), getService(user.companyId, id)]);
  return { title: service?.name ?? t("title") };
}

// GET /services/[id] – one service: the edit form and a summary (price, duration, who performs
// it). Who may not change it (viewer, staff, a branch manager for another branch's or a
// company-wide service) sees it read-only; a deleted service is shown with restore. Another
// company's or a malformed id is not found.
export default async function ServicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCompanyUser({ permission: "services:read" });
  const { id } = await params;
  const context = { userId: user.id };
  const service = await getService(user.companyId, id, context);
  if (!service) notFound();

  const [t, locale, categories, branches, updateScope, deleteScope, company] = await Promise.all([
    getTranslations("services"),
    getLocale(),
    listCategories(user.companyId, context),
    listBranchOptions(user.companyId, context),
    can(user.role, "services:update") ? branchScope(user, "services:update") : Promise.resolve([] as string[]),
    can(user.role, "services:delete") ? branchScope(user, "services:delete") : Promise.resolve([] as string[]),
    getCompanyBasics(user.companyId),
  ]);
  const deleted = service.deletedAt !== null;
  const mayUpdate = can(user.role, "services:update") && mayChange(updateScope, service.branchId);
  const mayDelete = can(user.role, "services:delete") && mayChange(deleteScope, service.branchId);
  const readOnly = deleted || !mayUpdate;
  const offered = updateScope === null ? branches : branches.filter((b) => updateScope.includes(b.id) || b.id === service.branchId);
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone: knownTimeZone(company?.timeZone) });
  const number = new Intl.NumberFormat(intlLocale(locale));

  const facts: [string, ReactNode, string][] = [
    [t("columns.price"), formatPrice(service.priceCents, service.currency, intlLocale(locale)), "service-summary-price"],
    [t("columns.duration"), t("minutes", { minutes: number.format(service.durationMinutes) }), "service-summary-duration"],
    [t("columns.category"), service.categoryName ?? t("noCategory"), "service-summary-category"],
    [t("columns.branch"), service.branchId ? (service.branchName ?? "—") : t("allBranches"), "service-summary-branch"],
    [t("detail.staff"), t("staffCount", { count: service.staffCount }), "service-summary-staff"],
    [t("detail.created"), stamp.format(service.createdAt), "service-summary-created"],
    [t("detail.updated"), stamp.format(service.updatedAt), "service-summary-updated"],
  ];

  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/services" label={t("detail.back")} testId="service-back" />
      <PageHeader
        title={
          <RecordTitle
            name={service.name}
            deleted={deleted}
            inactive={!service.isActive}
            labels={{ deleted: t("status.deleted"), inactive: t("status.inactive") }}
            testIdPrefix="service"
          />
        }
        description={service.categoryName ?? undefined}
        actions={mayDelete ? <ServiceActions service={{ id: service.id, name: service.name }} deleted={deleted} /> : undefined}
      />
      {deleted ? (
        <RecordNotice testId="service-deleted-notice">{t("detail.deletedNotice")}</RecordNotice>
      ) : readOnly ? (
        <RecordNotice testId="service-read-only">{t("detail.readOnlyNotice")}</RecordNotice>
      ) : null}
      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <IconCardHeader icon={Scissors} title={readOnly ? t("detail.viewTitle") : t("detail.detailsTitle")} description={t("detail.detailsDescription")} />
          <CardContent>
            <ServiceForm
              readOnly={readOnly}
              currency={service.currency}
              categories={categories.map((c) => ({ id: c.id, name: c.name }))}
              branches={offered}
              allowAllBranches={updateScope === null}
              values={{
                id: service.id,
                name: service.name,
                description: service.description ?? "",
                categoryId: service.categoryId ?? "",
                branchId: service.branchId ?? "",
                durationMinutes: String(service.durationMinutes),
                bufferBeforeMinutes: String(service.bufferBeforeMinutes),
                bufferAfterMinutes: String(service.bufferAfterMinutes),
                price: priceInput(service.priceCents, locale),
                minNoticeMinutes: String(service.minNoticeMinutes),
                sortOrder: String(service.sortOrder),
                bookableByPhone: service.bookableByPhone,
                bookableOnline: service.bookableOnline,
                isActive: service.isActive,
              }}
            />
          </CardContent>
        </Card>
        <Card>
          <IconCardHeader icon={Users} title={t("detail.summaryTitle")} description={t("detail.staffHint")} />
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              {facts.map(([label, value, testId]) => (
                <div key={testId} className="contents">
                  <dt className="text-muted-foreground">{label}</dt>
                  <dd className="text-right tabular-nums" data-testid={testId}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
