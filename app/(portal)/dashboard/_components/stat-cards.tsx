import { CalendarCheck, CalendarDays, Contact, type LucideIcon, Users } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { DashboardSummary } from "@/lib/dashboard/queries";
import { intlLocale } from "@/lib/i18n/config";

type Stat = { key: "today" | "week" | "customers" | "staff"; icon: LucideIcon; value: string };

export async function StatCards({ summary }: { summary: Promise<DashboardSummary> }) {
  const [data, t, locale] = await Promise.all([summary, getTranslations("dashboard.stats"), getLocale()]);
  const number = new Intl.NumberFormat(intlLocale(locale));
  const stats: Stat[] = [
    { key: "today", icon: CalendarCheck, value: number.format(data.appointmentsToday) },
    { key: "week", icon: CalendarDays, value: number.format(data.appointmentsNext7Days) },
    {
      key: "customers",
      icon: Contact,
      value: `${number.format(data.activeCustomers.value)}${data.activeCustomers.capped ? "+" : ""}`,
    },
    { key: "staff", icon: Users, value: number.format(data.activeStaff) },
  ];
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
      {stats.map(({ key, icon: Icon, value }) => (
        <Card key={key} data-testid={`stat-${key}`} className="gap-2 py-4">
          <CardHeader className="flex-row items-center justify-between gap-2 px-4">
            <span className="text-sm font-medium text-muted-foreground">{t(`${key}.label`)}</span>
            <Icon className="size-4 shrink-0 text-muted-foreground/80" />
          </CardHeader>
          <CardContent className="px-4">
            <div className="text-2xl font-semibold tracking-tight tabular-nums sm:text-3xl" data-testid={`stat-${key}-value`}>
              {value}
            </div>
            <p className="mt-1 text-xs text-muted-foreground">{t(`${key}.hint`)}</p>
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

export function StatCardsSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4" aria-hidden="true">
      {Array.from({ length: 4 }, (_, i) => (
        <Card key={i} className="gap-3 py-4">
          <CardHeader className="px-4">
            <Skeleton className="h-4 w-24" />
          </CardHeader>
          <CardContent className="space-y-2 px-4">
            <Skeleton className="h-8 w-14" />
            <Skeleton className="h-3 w-28" />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
