import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { SectionErrorBoundary } from "@/components/layout/section-error-boundary";
import { branchScope } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { formatLongDate, knownTimeZone } from "@/lib/dashboard/format";
import { getDashboardSummary } from "@/lib/dashboard/queries";
import { isEnabled } from "@/lib/flags";
import { intlLocale } from "@/lib/i18n/config";
import { sectionMetadata } from "@/lib/i18n/metadata";
import { StatCards, StatCardsSkeleton } from "./_components/stat-cards";
import { UpcomingAppointments, UpcomingAppointmentsSkeleton } from "./_components/upcoming-appointments";

export const generateMetadata = (): Promise<Metadata> => sectionMetadata("dashboard");

export default async function DashboardPage() {
  const user = await requireCompanyUser({ permission: "dashboard:read" });
  const [t, locale, company, showUpcoming, branchIds] = await Promise.all([
    getTranslations("dashboard"),
    getLocale(),
    getCompanyBasics(user.companyId),
    isEnabled("dashboard.upcoming_appointments", user.companyId),
    // Branch managers and staff see their branches' figures (permission table: dashboard:read).
    branchScope(user, "dashboard:read"),
  ]);
  const timeZone = knownTimeZone(company?.timeZone);
  const now = new Date();
  const today = formatLongDate(now, intlLocale(locale), timeZone);
  const firstName = user.name.split(/\s+/)[0] ?? user.name;
  // One query for both cards; each awaits it inside its own Suspense boundary. With the
  // upcoming card switched off by its feature flag, its part of the query does not run.
  const summary = getDashboardSummary(user.companyId, timeZone, now, { upcoming: showUpcoming, branchIds });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("subtitle", {
          name: firstName,
          date: today,
        })}
      />
      <SectionErrorBoundary>
        <Suspense fallback={<StatCardsSkeleton />}>
          <StatCards summary={summary} />
        </Suspense>
      </SectionErrorBoundary>
      {showUpcoming && (
        <SectionErrorBoundary>
          <Suspense fallback={<UpcomingAppointmentsSkeleton />}>
            <UpcomingAppointments summary={summary} companyTimeZone={timeZone} now={now} />
          </Suspense>
        </SectionErrorBoundary>
      )}
    </div>
  );
}
