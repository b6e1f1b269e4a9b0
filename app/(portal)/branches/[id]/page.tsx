import { CalendarOff, Clock, Store } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { IconCardHeader } from "@/components/layout/icon-card-header";
import { BackLink, RecordNotice, RecordTitle } from "@/components/forms/record-page";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getBranch, listClosures, localToday } from "@/lib/branches/queries";
import { timeZoneOptions } from "@/lib/forms/fields";
import { BranchActions } from "../_components/branch-actions";
import { BranchForm } from "../_components/branch-form";
import { ClosuresCard } from "../_components/closures-card";
import { OpeningHoursForm } from "../_components/opening-hours-form";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await requireCompanyUser({ permission: "branches:read" });
  const { id } = await params;
  const [t, branch] = await Promise.all([getTranslations("branches"), getBranch(user.companyId, id, await branchScope(user, "branches:read"))]);
  return { title: branch?.name ?? t("title") };
}

// GET /branches/[id] – one branch: its details, the weekly opening hours and the special closing
// days. Who may not change branches sees them read-only; a deleted branch is shown with restore.
// Another company's, one outside a branch role's branches, or a malformed id is not found.
export default async function BranchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCompanyUser({ permission: "branches:read" });
  const { id } = await params;
  const scope = await branchScope(user, "branches:read");
  const branch = await getBranch(user.companyId, id, scope, { userId: user.id });
  if (!branch) notFound();

  const [t, closures] = await Promise.all([getTranslations("branches"), listClosures(user.companyId, branch.id, scope, { context: { userId: user.id } })]);
  const deleted = branch.deletedAt !== null;
  const readOnly = deleted || !can(user.role, "branches:update");
  const thisYear = Number(localToday(branch.timeZone, new Date()).slice(0, 4));
  const toItem = (c: { id: string; date: string; reason: string | null }) => ({ id: c.id, date: c.date, reason: c.reason });

  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/branches" label={t("detail.back")} testId="branch-back" />
      <PageHeader
        title={
          <RecordTitle
            name={branch.name}
            deleted={deleted}
            inactive={!branch.isActive}
            labels={{ deleted: t("status.deleted"), inactive: t("status.inactive") }}
            testIdPrefix="branch"
          />
        }
        description={[branch.street, [branch.postalCode, branch.city].filter(Boolean).join(" ")].filter(Boolean).join(", ") || undefined}
        actions={can(user.role, "branches:delete") ? <BranchActions branch={{ id: branch.id, name: branch.name }} deleted={deleted} /> : undefined}
      />
      {deleted && (
        <RecordNotice testId="branch-deleted-notice">{t("detail.deletedNotice")}</RecordNotice>
      )}
      <div className="grid items-start gap-4 xl:grid-cols-2">
        <div className="flex flex-col gap-4">
          <Card>
            <IconCardHeader icon={Store} title={t("detail.detailsTitle")} description={t("detail.detailsDescription")} />
            <CardContent>
              <BranchForm
                readOnly={readOnly}
                timeZones={timeZoneOptions()}
                values={{
                  id: branch.id,
                  name: branch.name,
                  street: branch.street ?? "",
                  postalCode: branch.postalCode ?? "",
                  city: branch.city ?? "",
                  country: branch.country,
                  timeZone: branch.timeZone,
                  locale: branch.locale,
                  phone: branch.phone ?? "",
                  email: branch.email ?? "",
                  isActive: branch.isActive,
                }}
              />
            </CardContent>
          </Card>
          <Card>
            <IconCardHeader icon={CalendarOff} title={t("closures.title")} description={t("closures.description")} />
            <CardContent>
              <ClosuresCard
                branchId={branch.id}
                upcoming={closures.upcoming.map(toItem)}
                past={closures.past.map(toItem)}
                years={[thisYear, thisYear + 1]}
                readOnly={readOnly}
              />
            </CardContent>
          </Card>
        </div>
        <Card>
          <IconCardHeader icon={Clock} title={t("hours.title")} description={t("hours.description", { timeZone: branch.timeZone })} />
          <CardContent>
            <OpeningHoursForm branchId={branch.id} hours={branch.openingHours} readOnly={readOnly} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
