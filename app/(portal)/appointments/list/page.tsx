import { CalendarDays, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { appointmentFacets, listAppointments } from "@/lib/appointments/list";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { AppointmentsTable } from "./_components/appointments-table";
import { loadAppointmentListState } from "./search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("appointmentList");
  return { title: t("title") };
}

// GET /appointments/list – the company's appointments as a filtered table (day range, branch,
// staff, service, status, source, customer name), keyset pages, CSV export. Everything the list
// shows is in the URL (./search-params.ts); branch roles see their branches only.
export default async function AppointmentListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "appointments:read" });
  const state = loadAppointmentListState(await searchParams);
  const [t, tForm, company, branchIds] = await Promise.all([
    getTranslations("appointmentList"),
    getTranslations("appointmentForm"),
    getCompanyBasics(user.companyId),
    branchScope(user, "appointments:read"),
  ]);
  const options = { branchIds, timeZone: knownTimeZone(company?.timeZone), userId: user.id };
  const [page, facets] = await Promise.all([listAppointments(user.companyId, state, options), appointmentFacets(user.companyId, options)]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/appointments" data-testid="appointment-list-calendar">
                <CalendarDays />
                {t("views.calendar")}
              </Link>
            </Button>
            {can(user.role, "appointments:create") && (
              <Button asChild>
                <Link href="/appointments/new" data-testid="appointment-new">
                  <Plus />
                  {tForm("newButton")}
                </Link>
              </Button>
            )}
          </>
        }
      />
      <AppointmentsTable rows={page.rows} page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }} facets={facets} />
    </div>
  );
}
