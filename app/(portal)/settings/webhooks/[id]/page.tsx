import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { intlLocale } from "@/lib/i18n/config";
import { getWebhookInboxEvent, nextStepOf, PLATFORM_TIME_ZONE, replayRefusal } from "@/lib/webhooks/list";
import { CopyButton } from "../_components/copy-button";
import { ReplayButton } from "../_components/replay-button";
import { WebhookStatusBadge } from "../_components/status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("detail.title") };
}

// GET /settings/webhooks/[id] – one stored delivery (platform admins): where it came from, how its
// processing went (attempts, the last error, when it is due again), the raw payload as received,
// and replay. An unknown or malformed id: not found (a real 404: the list's loading.tsx sits in
// the (list) group, so nothing has streamed before notFound()).
export default async function WebhookEventPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser({ permission: "webhooks:read" });
  const { id } = await params;
  const event = await getWebhookInboxEvent(user.id, id);
  if (!event) notFound();

  const [t, locale] = await Promise.all([getTranslations("webhooks"), getLocale()]);
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "medium", timeZone: PLATFORM_TIME_ZONE });
  const payload = JSON.stringify(event.payload, null, 2) ?? "null";
  const copyLabels = { copy: t("detail.copy"), copied: t("detail.copied"), failed: t("detail.copyFailed") };

  const refusal = replayRefusal(event);
  const disabledReason = refusal ? t(`actions.${refusal}`) : null;

  const step = nextStepOf(event);
  const due = !step
    ? null
    : step.kind === "givenUp"
      ? t("detail.givenUp", { count: event.attempts })
      : t(`detail.${step.kind === "lease" ? "leaseUntil" : step.kind === "retry" ? "retryAt" : step.kind === "redriveLater" ? "redriveFrom" : "redriveDue"}`, {
          time: format.format(step.at),
        });

  const origin: [string, ReactNode][] = [
    [t("detail.provider"), t(`providers.${event.provider}`)],
    [t("detail.type"), <code key="type" className="font-mono text-xs" data-testid="webhook-detail-type">{event.eventType}</code>],
    [t("detail.providerEventId"), <code key="pid" className="font-mono text-xs break-all" data-testid="webhook-detail-provider-event-id">{event.providerEventId}</code>],
    [
      t("detail.company"),
      event.companyId ? (
        <Link key="company" href={`/companies/${event.companyId}`} className="font-medium hover:underline">
          {event.companyName ?? event.companyId}
        </Link>
      ) : (
        <span key="company" className="text-muted-foreground">{t("detail.unresolved")}</span>
      ),
    ],
    [t("detail.received"), format.format(event.receivedAt)],
    [t("detail.inboxId"), <code key="id" className="font-mono text-xs break-all">{event.id}</code>],
  ];
  const processing: [string, ReactNode][] = [
    [t("detail.status"), <WebhookStatusBadge key="status" status={event.status} label={t(`statuses.${event.status}`)} testId="webhook-detail-status" />],
    [t("detail.attempts"), <span key="attempts" className="tabular-nums" data-testid="webhook-detail-attempts">{event.attempts}</span>],
    [t("detail.processed"), event.processedAt ? format.format(event.processedAt) : "–"],
    ...(due ? ([[t("detail.due"), due]] as [string, ReactNode][]) : []),
  ];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={<span className="font-mono">{event.eventType}</span>}
        description={t("detail.description", { provider: t(`providers.${event.provider}`), time: format.format(event.receivedAt), zone: PLATFORM_TIME_ZONE })}
        actions={
          <Button asChild variant="outline">
            <Link href="/settings/webhooks" data-testid="webhook-back">
              <ArrowLeft />
              {t("detail.back")}
            </Link>
          </Button>
        }
      />

      <div className="grid gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle className="text-base">{t("detail.origin")}</CardTitle>
          </CardHeader>
          <CardContent>
            <Facts rows={origin} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle className="text-base">{t("detail.processing")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <Facts rows={processing} />
            {event.lastError && (
              <div className="flex flex-col gap-1.5">
                <p className="text-sm text-muted-foreground">{t("detail.lastError")}</p>
                <pre
                  className="max-h-48 overflow-auto rounded-md border border-destructive/25 bg-destructive/5 p-3 font-mono text-xs whitespace-pre-wrap break-words text-destructive"
                  data-testid="webhook-detail-error"
                >
                  {event.lastError}
                </pre>
              </div>
            )}
            {can(user.role, "webhooks:manage") && <ReplayButton id={event.id} disabledReason={disabledReason} />}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader className="flex flex-row items-start justify-between gap-4">
          <div className="space-y-1.5">
            <CardTitle className="text-base">{t("detail.payload")}</CardTitle>
            <CardDescription>{t("detail.payloadHint")}</CardDescription>
          </div>
          <CopyButton text={payload} labels={copyLabels} testId="webhook-payload-copy" />
        </CardHeader>
        <CardContent>
          <pre
            className="max-h-[32rem] overflow-auto rounded-md border bg-muted/40 p-4 font-mono text-xs leading-relaxed"
            tabIndex={0}
            aria-label={t("detail.payload")}
            data-testid="webhook-payload"
          >
            {payload}
          </pre>
        </CardContent>
      </Card>
    </div>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2.5 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
