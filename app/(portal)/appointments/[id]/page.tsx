import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ArrowLeft } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getAppointmentDetail } from "@/lib/appointments/calendar";
import { listNotes } from "@/lib/appointments/notes";
import { ACTIVE_APPOINTMENT_STATUSES, allowedTransitions } from "@/lib/appointments/status";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { intlLocale } from "@/lib/i18n/config";
import { availableSlots } from "@/lib/scheduling/load";
import { AppointmentActions, type Suggestion } from "./_components/appointment-actions";
import { AppointmentNotes, type NoteItem } from "./_components/appointment-notes";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("appointments");
  return { title: t("detail.title") };
}

const DAY = 86_400_000;

export default async function AppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireCompanyUser({ permission: "appointments:read" });
  const scope = await branchScope(user, "appointments:read");
  const appointment = await getAppointmentDetail(user.companyId, id, scope);
  if (!appointment) notFound();

  const [t, tStatus, tNotes, locale, storedNotes] = await Promise.all([
    getTranslations("appointments"),
    getTranslations("appointmentStatus"),
    getTranslations("appointmentForm.notes"),
    getLocale(),
    listNotes(user.companyId, appointment.id, { branchIds: scope }),
  ]);
  const tag = intlLocale(locale);
  const zone = appointment.branch.timeZone;
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", timeZone: zone });
  const timeOnly = new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone: zone });
  const money = new Intl.NumberFormat(tag, { style: "currency", currency: appointment.currency });

  // May this user change it? The permission, and the branch within their update scope.
  const updateScope = can(user.role, "appointments:update") ? await branchScope(user, "appointments:update") : [];
  const mayUpdate = updateScope === null || updateScope.includes(appointment.branch.id);
  // Notes: added with appointments:update; one's own deleted with it, anyone's with appointments:delete.
  const mayDeleteAnyNote = can(user.role, "appointments:delete");
  const noteTime = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  const notes: NoteItem[] = (storedNotes ?? []).map((n) => ({
    id: n.id,
    body: n.body,
    author: n.author?.name ?? null,
    when: noteTime.format(n.createdAt),
    canDelete: mayUpdate && (n.authorUserId === user.id || mayDeleteAnyNote),
  }));
  const active = (ACTIVE_APPOINTMENT_STATUSES as readonly string[]).includes(appointment.status);

  // Suggestions for moving: the next free slots of the same staff member in the next 14 days.
  let suggestions: Suggestion[] = [];
  if (mayUpdate && active && appointment.staff) {
    const now = new Date();
    const from = new Date(Math.max(now.getTime(), appointment.startsAt.getTime() - DAY));
    const slots = await availableSlots(user.companyId, {
      branchId: appointment.branch.id,
      serviceId: appointment.service.id,
      staffId: appointment.staff.id,
      from,
      to: new Date(from.getTime() + 14 * DAY),
    }).catch(() => []);
    const localParts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    suggestions = slots
      .filter((s) => s.startsAt.getTime() !== appointment.startsAt.getTime())
      .slice(0, 6)
      .map((s) => {
        const parts = Object.fromEntries(localParts.formatToParts(s.startsAt).map((p) => [p.type, p.value]));
        return {
          date: `${parts.year}-${parts.month}-${parts.day}`,
          time: `${parts.hour}:${parts.minute}`,
          label: new Intl.DateTimeFormat(tag, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: zone }).format(s.startsAt),
        };
      });
  }

  const statusVariant = appointment.status === "cancelled" || appointment.status === "no_show" ? "destructive" : appointment.status === "completed" ? "secondary" : "default";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={`${appointment.service.name} · ${appointment.customer.name}`}
        description={`${dateTime.format(appointment.startsAt)} – ${timeOnly.format(appointment.endsAt)} (${zone})`}
        actions={
          <Button asChild variant="outline">
            <Link href={`/appointments?branch=${appointment.branch.id}&week=${new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(appointment.startsAt)}`} data-testid="appointment-back">
              <ArrowLeft />
              {t("detail.back")}
            </Link>
          </Button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)]">
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              {t("detail.title")}
              <Badge variant={statusVariant} data-testid="appointment-status" data-status={appointment.status}>
                {tStatus(appointment.status)}
              </Badge>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-muted-foreground">{t("detail.when")}</dt>
              <dd data-testid="appointment-when">
                {dateTime.format(appointment.startsAt)} – {timeOnly.format(appointment.endsAt)}
              </dd>
              <dt className="text-muted-foreground">{t("detail.customer")}</dt>
              <dd>{appointment.customer.name}</dd>
              <dt className="text-muted-foreground">{t("detail.service")}</dt>
              <dd>{appointment.service.name}</dd>
              <dt className="text-muted-foreground">{t("detail.staff")}</dt>
              <dd data-testid="appointment-staff">{appointment.staff?.name ?? t("detail.noStaff")}</dd>
              <dt className="text-muted-foreground">{t("detail.branch")}</dt>
              <dd>{appointment.branch.name}</dd>
              <dt className="text-muted-foreground">{t("detail.source")}</dt>
              <dd>{t(`sources.${appointment.source}`)}</dd>
              <dt className="text-muted-foreground">{t("detail.price")}</dt>
              <dd className="tabular-nums">{money.format(appointment.priceCents / 100)}</dd>
              {appointment.notes && (
                <>
                  <dt className="text-muted-foreground">{t("detail.notes")}</dt>
                  <dd className="whitespace-pre-wrap">{appointment.notes}</dd>
                </>
              )}
              {appointment.cancellationReason && (
                <>
                  <dt className="text-muted-foreground">{t("detail.cancellationReason")}</dt>
                  <dd data-testid="appointment-cancellation-reason">{appointment.cancellationReason}</dd>
                </>
              )}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("actions.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            {mayUpdate ? (
              <AppointmentActions
                id={appointment.id}
                transitions={allowedTransitions(appointment.status).filter((s) => s !== "cancelled" && s !== "booked" && s !== "pending") as ("confirmed" | "completed" | "no_show")[]}
                canCancel={allowedTransitions(appointment.status).includes("cancelled")}
                canMove={active}
                timeZone={zone}
                staff={appointment.eligibleStaff}
                currentStaffId={appointment.staff?.id ?? null}
                suggestions={suggestions}
              />
            ) : (
              <p className="text-sm text-muted-foreground" data-testid="appointment-read-only">
                {t("actions.readOnly")}
              </p>
            )}
          </CardContent>
        </Card>
      </div>
      <Card data-testid="appointment-notes-card">
        <CardHeader>
          <CardTitle>{tNotes("title")}</CardTitle>
          <CardDescription>{tNotes("description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <AppointmentNotes appointmentId={appointment.id} notes={notes} canAdd={mayUpdate} />
        </CardContent>
      </Card>
    </div>
  );
}
