import { ArrowLeft, CalendarPlus, ExternalLink, PhoneCall } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCallDetail } from "@/lib/calls/detail";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";
import { callStatusVariant, formatDuration, sentimentKey, sentimentVariant } from "../_components/format";
import { ToolCalls } from "./_components/tool-calls";
import { Transcript } from "./_components/transcript";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("calls");
  return { title: t("detail.title") };
}

// GET /calls/[id] – one call: its facts, summary and sentiment, the transcript as a chat (decrypted
// for this page only), the agent's tool calls, the appointment(s) and callbacks that came of it,
// and the next steps (book an appointment, create a callback). Another branch's or company's call,
// or a malformed id: not found.
export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireCompanyUser({ permission: "calls:read" });
  const scope = await branchScope(user, "calls:read");
  const detail = await getCallDetail(user.companyId, id, { branchIds: scope, userId: user.id });
  if (!detail) notFound();

  const [t, tAppointment, tCallbacks, locale] = await Promise.all([getTranslations("calls"), getTranslations("appointmentStatus"), getTranslations("callbacks"), getLocale()]);
  const { call, branch, customer, transcript, traces } = detail;
  const zone = knownTimeZone(branch?.timeZone);
  const tag = intlLocale(locale);
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", timeZone: zone });
  const short = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: "medium", timeZone: zone });
  const callerLabel = customer?.name ?? call.fromNumber ?? t("withheld");

  const appointmentHref = `/appointments/new?${new URLSearchParams({ ...(branch ? { branch: branch.id } : {}), ...(customer ? { customer: customer.id } : {}) }).toString()}`;
  const mayBook = can(user.role, "appointments:create");
  const mayCallback = can(user.role, "callbacks:create");

  const facts: [string, React.ReactNode, string?][] = [
    [t("detail.status"), <Badge key="s" variant={callStatusVariant[call.status]} data-testid="call-detail-status" data-status={call.status}>{t(`statuses.${call.status}`)}</Badge>],
    [t("detail.direction"), t(`directions.${call.direction}`)],
    [t("detail.started"), call.startedAt ? dateTime.format(call.startedAt) : t("notStarted")],
    ...(call.endedAt ? ([[t("detail.ended"), time.format(call.endedAt)]] as [string, string][]) : []),
    [t("detail.duration"), call.durationMs !== null ? formatDuration(call.durationMs) : "–", "call-detail-duration"],
    [t("detail.from"), call.fromNumber ?? t("withheld")],
    [t("detail.to"), call.toNumber ?? "–"],
    [t("detail.branch"), branch?.name ?? "–"],
    [
      t("detail.customer"),
      customer ? (
        <Link key="c" href={`/customers/${customer.id}`} className="font-medium hover:underline" data-testid="call-detail-customer">
          {customer.name}
        </Link>
      ) : (
        t("detail.noCustomer")
      ),
    ],
    ...(call.disconnectionReason ? ([[t("detail.disconnection"), <code key="d" className="text-xs">{call.disconnectionReason}</code>]] as [string, React.ReactNode][]) : []),
    ...(call.transferStatus
      ? ([[t("detail.transfer"), `${t(`transfer.${call.transferStatus}`)}${call.transferDestination ? ` → ${call.transferDestination}` : ""}`]] as [string, string][])
      : []),
  ];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("detail.heading", { caller: callerLabel })}
        description={`${call.startedAt ? dateTime.format(call.startedAt) : t("notStarted")}${branch ? ` · ${branch.name}` : ""}`}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/calls" data-testid="call-detail-back">
                <ArrowLeft />
                {t("detail.back")}
              </Link>
            </Button>
            {mayCallback && (
              <Button asChild variant="outline">
                <Link href={`/callbacks/new?call=${call.id}`} data-testid="call-create-callback">
                  <PhoneCall />
                  {t("detail.createCallback")}
                </Link>
              </Button>
            )}
            {mayBook && (
              <Button asChild>
                <Link href={appointmentHref} data-testid="call-create-appointment">
                  <CalendarPlus />
                  {t("detail.createAppointment")}
                </Link>
              </Button>
            )}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)]">
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("detail.facts")}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm" data-testid="call-detail-facts">
                {facts.map(([label, value, testId]) => (
                  <div key={label} className="contents">
                    <dt className="text-muted-foreground">{label}</dt>
                    <dd data-testid={testId} className="min-w-0 break-words">
                      {value}
                    </dd>
                  </div>
                ))}
              </dl>
              {(call.recordingUrl || call.publicLogUrl) && (
                <div className="mt-4 flex flex-col gap-1 text-sm">
                  {call.recordingUrl && (
                    <a href={call.recordingUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1.5 font-medium hover:underline" data-testid="call-recording">
                      <ExternalLink className="size-4" aria-hidden />
                      {t("detail.recording")}
                    </a>
                  )}
                  {call.publicLogUrl && (
                    <a href={call.publicLogUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1.5 hover:underline">
                      <ExternalLink className="size-4" aria-hidden />
                      {t("detail.publicLog")}
                    </a>
                  )}
                  <p className="text-xs text-muted-foreground">{t("detail.linksExpire")}</p>
                </div>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                {t("detail.summary")}
                {call.sentiment && (
                  <Badge variant={sentimentVariant(call.sentiment)} data-testid="call-detail-sentiment" data-sentiment={call.sentiment}>
                    {t(`sentiments.${sentimentKey(call.sentiment)}`)}
                  </Badge>
                )}
                {call.successful !== null && (
                  <Badge variant={call.successful ? "success" : "muted"}>{call.successful ? t("detail.successful") : t("detail.unsuccessful")}</Badge>
                )}
              </CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-sm whitespace-pre-wrap" data-testid="call-detail-summary">
                {call.summary ?? <span className="text-muted-foreground">{t("detail.noSummary")}</span>}
              </p>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("detail.outcomes")}</CardTitle>
              <CardDescription>{t("detail.outcomesDescription")}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              {detail.appointments.length === 0 && detail.callbacks.length === 0 && <p className="text-muted-foreground">{t("detail.noOutcomes")}</p>}
              {detail.appointments.map((a) => (
                <Link key={a.id} href={`/appointments/${a.id}`} className="flex items-center justify-between gap-2 rounded-md border p-2 hover:bg-muted/50" data-testid="call-detail-appointment">
                  <span>
                    <span className="font-medium">{a.serviceName}</span> · {short.format(a.startsAt)}
                  </span>
                  <Badge variant="secondary">{tAppointment(a.status as "booked")}</Badge>
                </Link>
              ))}
              {detail.callbacks.map((c) => (
                <Link key={c.id} href={`/callbacks?status=${c.status}`} className="flex items-center justify-between gap-2 rounded-md border p-2 hover:bg-muted/50" data-testid="call-detail-callback">
                  <span>
                    <span className="font-medium">{t("detail.callback")}</span> · {t("detail.dueAt", { when: short.format(c.dueAt) })}
                  </span>
                  <Badge variant="secondary">{tCallbacks(`statuses.${c.status as "open"}`)}</Badge>
                </Link>
              ))}
            </CardContent>
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("detail.transcript")}</CardTitle>
              {transcript && transcript !== "unreadable" && !transcript.isFinal && <CardDescription>{t("detail.transcriptPartial")}</CardDescription>}
            </CardHeader>
            <CardContent>
              {transcript === null && <p className="text-sm text-muted-foreground">{t("detail.noTranscript")}</p>}
              {transcript === "unreadable" && <p className="text-sm text-destructive">{t("detail.transcriptUnreadable")}</p>}
              {transcript && transcript !== "unreadable" && <Transcript turns={transcript.turns} />}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("detail.toolCalls")}</CardTitle>
              <CardDescription>{t("detail.toolCallsDescription")}</CardDescription>
            </CardHeader>
            <CardContent>
              {traces.length === 0 ? <p className="text-sm text-muted-foreground">{t("detail.noToolCalls")}</p> : <ToolCalls traces={traces} timeZone={zone} />}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
