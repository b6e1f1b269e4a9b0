import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ChevronLeft, ChevronRight, List, Plus } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { calendarParamsSchema, getCalendarWeek, localToday, mondayOf } from "@/lib/appointments/calendar";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { intlLocale } from "@/lib/i18n/config";
import { WeekGrid } from "./_components/week-grid";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("appointments");
  return { title: t("title") };
}

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 dark:bg-input/20";

/** The week calendar of a branch (or one staff member), in the branch's time zone. */
export default async function AppointmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "appointments:read" });
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const params = calendarParamsSchema.parse(raw);
  const [t, locale, scope] = await Promise.all([getTranslations("appointments"), getLocale(), branchScope(user, "appointments:read")]);
  const week = await getCalendarWeek(user.companyId, params, scope);

  if (!week) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <p className="text-sm text-muted-foreground" data-testid="calendar-no-branch">
          {t("noBranch")}
        </p>
      </div>
    );
  }

  const [tList, tForm] = await Promise.all([getTranslations("appointmentList"), getTranslations("appointmentForm")]);
  const tag = intlLocale(locale);
  const dayFormat = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" });
  const from = dayFormat.format(new Date(`${week.days[0]!.date}T00:00:00Z`));
  const to = dayFormat.format(new Date(`${week.days[6]!.date}T00:00:00Z`));
  const href = (patch: Record<string, string | undefined>) => {
    const query = new URLSearchParams();
    const next = { branch: week.branch.id, staff: week.staffId ?? undefined, week: week.days[0]!.date, ...patch };
    for (const [k, v] of Object.entries(next)) if (v) query.set(k, v);
    return `/appointments?${query.toString()}`;
  };
  const today = localToday(week.branch.timeZone);
  const isThisWeek = mondayOf(today) === week.days[0]!.date;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={t("title")}
        description={t("calendarDescription", { branch: week.branch.name, timeZone: week.branch.timeZone })}
        actions={
          <div className="flex items-center gap-1">
            <Button asChild variant="outline" size="icon" aria-label={t("previousWeek")}>
              <Link href={href({ week: week.previousWeek })} data-testid="calendar-previous">
                <ChevronLeft />
              </Link>
            </Button>
            <Button asChild variant={isThisWeek ? "secondary" : "outline"}>
              <Link href={href({ week: today })} data-testid="calendar-today">
                {t("thisWeek")}
              </Link>
            </Button>
            <Button asChild variant="outline" size="icon" aria-label={t("nextWeek")}>
              <Link href={href({ week: week.nextWeek })} data-testid="calendar-next">
                <ChevronRight />
              </Link>
            </Button>
            <Button asChild variant="outline" className="ml-2">
              <Link href="/appointments/list" data-testid="calendar-list">
                <List />
                {tList("views.list")}
              </Link>
            </Button>
            {can(user.role, "appointments:create") && (
              <Button asChild className="ml-2">
                <Link href={`/appointments/new?branch=${week.branch.id}${week.staffId ? `&staff=${week.staffId}` : ""}`} data-testid="appointment-new">
                  <Plus />
                  {tForm("newButton")}
                </Link>
              </Button>
            )}
          </div>
        }
      />
      <form method="get" className="grid gap-3 rounded-lg border p-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" data-testid="calendar-filters">
        <input type="hidden" name="week" value={week.days[0]!.date} />
        <div className="space-y-1.5">
          <Label htmlFor="branch">{t("branch")}</Label>
          <select id="branch" name="branch" defaultValue={week.branch.id} className={selectClass}>
            {week.branches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="staff">{t("staffFilter")}</Label>
          <select id="staff" name="staff" defaultValue={week.staffId ?? ""} className={selectClass}>
            <option value="">{t("allStaff")}</option>
            {week.staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary" data-testid="calendar-show">
          {t("show")}
        </Button>
      </form>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium" data-testid="calendar-week">
          {t("weekOf", { from, to })}
        </p>
        <p className="text-muted-foreground" data-testid="calendar-count">
          {week.appointments.length ? t("count", { count: week.appointments.length }) : t("empty")}
        </p>
      </div>
      {week.appointments.length >= 2_000 && <p className="text-sm text-amber-700 dark:text-amber-400">{t("truncated")}</p>}
      <Card className="py-0">
        <CardContent className="overflow-x-auto p-0">
          <WeekGrid week={week} locale={tag} today={today} />
        </CardContent>
      </Card>
    </div>
  );
}
