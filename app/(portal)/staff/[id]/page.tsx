import { CalendarOff, Clock, Scissors, UserRound } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { IconCardHeader } from "@/components/layout/icon-card-header";
import { BackLink, RecordNotice, RecordTitle } from "@/components/forms/record-page";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { localDateTimeOf, localToday, previousDate } from "@/lib/staff/local-time";
import { getStaff, listAbsences, staffFormOptions } from "@/lib/staff/queries";
import { listSchedules } from "@/lib/staff/working-hours";
import { type AbsenceItem, AbsencesCard } from "../_components/absences-card";
import { ServicesForm } from "../_components/services-form";
import { StaffActions } from "../_components/staff-actions";
import { StaffForm } from "../_components/staff-form";
import { WorkingHoursCard } from "../_components/working-hours-card";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await requireCompanyUser({ permission: "staff:read" });
  const { id } = await params;
  const [t, member] = await Promise.all([getTranslations("staff"), getStaff(user.companyId, id, await branchScope(user, "staff:read"))]);
  return { title: member?.displayName ?? t("title") };
}

// GET /staff/[id] – one staff member: profile and branches, the services they perform (with own
// duration and price), weekly working hours per branch, absences. Who may not change staff sees
// it read-only; a deleted one is shown with restore. Another company's, one outside a branch
// role's branches, or a malformed id is not found.
export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCompanyUser({ permission: "staff:read" });
  const { id } = await params;
  const scope = await branchScope(user, "staff:read");
  const context = { userId: user.id };
  const member = await getStaff(user.companyId, id, scope, context);
  if (!member) notFound();

  const [t, options, schedules, absences] = await Promise.all([
    getTranslations("staff"),
    staffFormOptions(user.companyId, context),
    listSchedules(user.companyId, member.id, scope, { context }),
    listAbsences(user.companyId, member.id, scope, context),
  ]);
  const deleted = member.deletedAt !== null;
  const readOnly = deleted || !can(user.role, "staff:update");
  const updateScope = await branchScope(user, "staff:update");
  const pickable = options.branches.filter((b) => !updateScope || updateScope.includes(b.id) || b.id === member.branchId || member.branchIds.includes(b.id));
  const home = options.branches.find((b) => b.id === member.branchId);
  const timeZone = home?.timeZone ?? "Europe/Berlin";
  const now = new Date();
  const today = localToday(timeZone, now);
  const performed = Object.fromEntries(member.services.map((s) => [s.serviceId, { durationMinutes: s.durationMinutes, priceCents: s.priceCents }]));
  const absenceItems: AbsenceItem[] = absences
    .map((a) => {
      const startLocal = localDateTimeOf(timeZone, a.startsAt);
      const endLocal = localDateTimeOf(timeZone, a.endsAt);
      const allDay = startLocal.endsWith("T00:00") && endLocal.endsWith("T00:00");
      return {
        id: a.id,
        kind: a.kind,
        note: a.note,
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
        past: a.endsAt <= now,
        allDay,
        startDate: startLocal.slice(0, 10),
        endDate: allDay ? previousDate(endLocal.slice(0, 10)) : endLocal.slice(0, 10),
        startLocal,
        endLocal,
      };
    })
    // Upcoming soonest first; past ones latest first (as read).
    .sort((a, b) => (a.past === b.past ? (a.past ? b.startsAt.localeCompare(a.startsAt) : a.startsAt.localeCompare(b.startsAt)) : a.past ? 1 : -1));

  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/staff" label={t("detail.back")} testId="staff-back" />
      <PageHeader
        title={
          <RecordTitle
            name={member.displayName}
            leading={<span className="size-3 rounded-full" style={{ backgroundColor: member.color }} aria-hidden />}
            deleted={deleted}
            inactive={!member.isActive}
            labels={{ deleted: t("status.deleted"), inactive: t("status.inactive") }}
            testIdPrefix="staff"
          />
        }
        description={home ? t("detail.homeBranch", { branch: home.name }) : undefined}
        actions={can(user.role, "staff:delete") ? <StaffActions member={{ id: member.id, displayName: member.displayName }} deleted={deleted} /> : undefined}
      />
      {deleted && (
        <RecordNotice testId="staff-deleted-notice">{t("detail.deletedNotice")}</RecordNotice>
      )}
      <div className="grid items-start gap-4 xl:grid-cols-2">
        <div className="flex flex-col gap-4">
          <Card>
            <IconCardHeader icon={UserRound} title={t("detail.profileTitle")} description={t("detail.profileDescription")} />
            <CardContent>
              <StaffForm
                readOnly={readOnly}
                branches={pickable.map((b) => ({ id: b.id, name: b.name }))}
                values={{
                  id: member.id,
                  firstName: member.firstName,
                  lastName: member.lastName,
                  displayName: member.displayName,
                  email: member.email ?? "",
                  phone: member.phone ?? "",
                  color: member.color,
                  bio: member.bio ?? "",
                  isActive: member.isActive,
                  branchId: member.branchId,
                  branchIds: member.branchIds,
                }}
              />
            </CardContent>
          </Card>
          <Card>
            <IconCardHeader icon={Scissors} title={t("services.title")} description={t("services.description")} />
            <CardContent>
              <ServicesForm staffId={member.id} services={options.services} performed={performed} readOnly={readOnly} />
            </CardContent>
          </Card>
        </div>
        <div className="flex flex-col gap-4">
          <Card>
            <IconCardHeader icon={Clock} title={t("hours.title")} description={t("hours.description")} />
            <CardContent>
              <WorkingHoursCard staffId={member.id} branches={schedules} readOnly={readOnly} />
            </CardContent>
          </Card>
          <Card>
            <IconCardHeader icon={CalendarOff} title={t("absences.title")} description={t("absences.description")} />
            <CardContent>
              <AbsencesCard staffId={member.id} absences={absenceItems} timeZone={timeZone} today={today} readOnly={readOnly} />
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
