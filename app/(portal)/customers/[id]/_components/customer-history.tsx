import { ChevronRight, PhoneIncoming, PhoneOutgoing } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { AppointmentStatus } from "@/db/schema";
import type { CustomerAppointment, CustomerCall } from "@/lib/customers/history";
import { HISTORY_LIMIT } from "@/lib/customers/history";
import { intlLocale } from "@/lib/i18n/config";

// The customer page's history: appointments before and after now (each in its branch's zone,
// linking to /appointments/<id>) and the calls linked to the customer.

/** Rows shown at once per section; the rest (up to HISTORY_LIMIT) behind "show more". */
const SHOWN = 8;

const statusVariant = (status: AppointmentStatus) =>
  status === "cancelled" || status === "no_show" ? "destructive" : status === "completed" ? "muted" : status === "confirmed" ? "success" : "secondary";

export async function AppointmentHistory({ upcoming, past }: { upcoming: CustomerAppointment[]; past: CustomerAppointment[] }) {
  const [t, tStatus, locale] = await Promise.all([getTranslations("customerDetail"), getTranslations("appointmentStatus"), getLocale()]);
  const tag = intlLocale(locale);
  const row = (a: CustomerAppointment) => {
    const when = new Intl.DateTimeFormat(tag, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: a.timeZone });
    return (
      <li key={a.id}>
        <Link
          href={`/appointments/${a.id}`}
          className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2.5 text-sm hover:bg-muted/50 focus-visible:bg-muted/50 focus-visible:outline-none sm:flex-nowrap"
          data-testid="customer-appointment"
          data-appointment-id={a.id}
        >
          <span className="shrink-0 tabular-nums sm:w-56">{when.format(a.startsAt)}</span>
          <span className="min-w-0 flex-1 basis-48">
            <span className="block truncate font-medium">{a.service}</span>
            <span className="block truncate text-xs text-muted-foreground">{[a.staff ?? t("appointments.noStaff"), a.branch].join(" · ")}</span>
          </span>
          <Badge variant={statusVariant(a.status)} data-status={a.status}>
            {tStatus(a.status)}
          </Badge>
          <ChevronRight className="hidden size-4 shrink-0 text-muted-foreground sm:block" />
        </Link>
      </li>
    );
  };
  const section = (key: "upcoming" | "past", rows: CustomerAppointment[]) => (
    <section className="flex flex-col gap-2" data-testid={`customer-appointments-${key}`}>
      <h3 className="text-sm font-medium">
        {t(`appointments.${key}`)} <span className="text-muted-foreground tabular-nums">({rows.length === HISTORY_LIMIT ? `${HISTORY_LIMIT}+` : rows.length})</span>
      </h3>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t(`appointments.${key}Empty`)}</p>
      ) : (
        <>
          <ul className="divide-y rounded-md border">{rows.slice(0, SHOWN).map(row)}</ul>
          {rows.length > SHOWN && (
            <details className="group">
              <summary className="cursor-pointer text-sm text-muted-foreground hover:text-foreground" data-testid={`customer-appointments-${key}-more`}>
                {t("appointments.more", { count: rows.length - SHOWN })}
              </summary>
              <ul className="mt-2 divide-y rounded-md border">{rows.slice(SHOWN).map(row)}</ul>
            </details>
          )}
        </>
      )}
    </section>
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("appointments.title")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        {section("upcoming", upcoming)}
        {section("past", past)}
      </CardContent>
    </Card>
  );
}

export async function CallHistory({ calls, timeZone }: { calls: CustomerCall[]; timeZone: string }) {
  const [t, locale] = await Promise.all([getTranslations("customerDetail"), getLocale()]);
  const tag = intlLocale(locale);
  const when = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone });
  const minutes = (ms: number) => t("calls.duration", { minutes: Math.floor(ms / 60_000), seconds: String(Math.round((ms % 60_000) / 1000)).padStart(2, "0") });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("calls.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        {calls.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="customer-calls-empty">
            {t("calls.empty")}
          </p>
        ) : (
          <ul className="divide-y rounded-md border" data-testid="customer-calls">
            {calls.map((c) => {
              const Icon = c.direction === "inbound" ? PhoneIncoming : PhoneOutgoing;
              return (
                <li key={c.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2.5 text-sm sm:flex-nowrap" data-testid="customer-call">
                  <Icon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-label={t(`calls.${c.direction}`)} />
                  <span className="w-40 shrink-0 tabular-nums">{c.startedAt ? when.format(c.startedAt) : t("calls.noTime")}</span>
                  <span className="order-last min-w-0 basis-full text-muted-foreground sm:order-none sm:flex-1 sm:basis-0">{c.summary ?? t("calls.noSummary")}</span>
                  {c.durationMs !== null && <span className="ml-auto shrink-0 tabular-nums text-muted-foreground">{minutes(c.durationMs)}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
