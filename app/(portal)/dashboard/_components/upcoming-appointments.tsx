import { CalendarClock } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatAppointmentWhen, knownTimeZone } from "@/lib/dashboard/format";
import type { DashboardSummary, UpcomingAppointment } from "@/lib/dashboard/queries";
import { intlLocale } from "@/lib/i18n/config";

const statusVariant = {
  pending: "warning",
  booked: "secondary",
  confirmed: "success",
} as const satisfies Partial<Record<UpcomingAppointment["status"], "warning" | "secondary" | "success">>;

export async function UpcomingAppointments({
  summary,
  companyTimeZone,
  now,
}: {
  summary: Promise<DashboardSummary>;
  companyTimeZone: string;
  now: Date;
}) {
  const [data, t, locale] = await Promise.all([summary, getTranslations(), getLocale()]);
  return (
    <Card data-testid="upcoming-appointments">
      <CardHeader>
        <CardTitle>{t("dashboard.upcoming.title")}</CardTitle>
        <CardDescription>{t("dashboard.upcoming.description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {data.upcoming.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-10 text-center">
            <CalendarClock className="size-6 text-muted-foreground" />
            <p className="text-sm text-muted-foreground">{t("dashboard.upcoming.empty")}</p>
          </div>
        ) : (
          <ul className="-my-1 divide-y">
            {data.upcoming.map((appointment) => {
              const when = formatAppointmentWhen(appointment.startsAt, appointment.endsAt, {
                locale: intlLocale(locale),
                timeZone: knownTimeZone(appointment.branchTimeZone, companyTimeZone),
                companyTimeZone,
                now,
              });
              const day = when.day.kind === "date" ? when.day.label : t(`dashboard.upcoming.${when.day.kind}`);
              const variant = statusVariant[appointment.status as keyof typeof statusVariant] ?? "muted";
              return (
                <li key={appointment.id} data-testid="upcoming-appointment" className="flex items-center gap-3 py-3 sm:gap-4">
                  <div className="w-24 shrink-0 sm:w-32">
                    <div className="text-sm font-medium">{day}</div>
                    <div className="text-xs text-muted-foreground tabular-nums">{when.time}</div>
                  </div>
                  <Avatar name={appointment.customerName} className="hidden sm:inline-flex" />
                  <div className="min-w-0 flex-1">
                    <div className="truncate text-sm font-medium">{appointment.customerName}</div>
                    <div className="line-clamp-2 text-xs text-muted-foreground sm:line-clamp-1">
                      {appointment.serviceName}
                      {" · "}
                      {appointment.staffName ?? t("dashboard.upcoming.unassigned")}
                      <span className="hidden md:inline">
                        {" · "}
                        {appointment.branchName}
                      </span>
                    </div>
                  </div>
                  <Badge variant={variant} className="hidden sm:inline-flex">
                    {t(`appointmentStatus.${appointment.status}`)}
                  </Badge>
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

export function UpcomingAppointmentsSkeleton() {
  return (
    <Card aria-hidden="true">
      <CardHeader>
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-4 w-64 max-w-full" />
      </CardHeader>
      <CardContent className="space-y-4">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex items-center gap-4">
            <Skeleton className="h-9 w-24" />
            <Skeleton className="size-8 rounded-full" />
            <div className="flex-1 space-y-1.5">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3 w-56 max-w-full" />
            </div>
          </div>
        ))}
      </CardContent>
    </Card>
  );
}
