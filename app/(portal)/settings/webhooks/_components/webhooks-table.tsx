"use client";

import { ExternalLink, Info, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableRangeFilter } from "@/components/data-table/data-table-range-filter";
import { DataTableRowActions } from "@/components/data-table/data-table-row-actions";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { rowActionsColumn } from "@/components/data-table/record-columns";
import { DataTableUrlProvider, type KeysetPageInfo } from "@/components/data-table/url-state";
import { ActionNotice } from "@/components/forms/action-notice";
import { Button } from "@/components/ui/button";
import { DropdownMenuItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { intlLocale } from "@/lib/i18n/config";
import { isReplayableProvider, WEBHOOK_EVENT_TYPES, WEBHOOK_PROVIDERS, WEBHOOK_STATUSES } from "@/lib/webhooks/constants";
import type { WebhookInboxRow, WebhookSearchInfo } from "@/lib/webhooks/list";
import type { WebhookReplayState } from "../actions";
import { EVENT_TYPE, WEBHOOK_FILTER_KEYS, webhookListParsers } from "../search-params";
import { ReplayDialog, useReplayMessage } from "./replay-dialog";
import { SelectFilter } from "./select-filter";
import { WebhookStatusBadge } from "./status-badge";

const col = dataTableColumnHelper<WebhookInboxRow>();
// Nine columns in the settings' width: a little less padding than the kit's default.
const PAD = "px-2";

/** "retell:call_x:call_ended" → "call_x:call_ended": the provider has its own column. */
const withoutProvider = (providerEventId: string, provider: string) =>
  providerEventId.startsWith(`${provider}:`) ? providerEventId.slice(provider.length + 1) : providerEventId;
// Newest first is the only order the inbox function walks; no column sorts.
const SORTS = {};

/** Whether a row can be replayed from here: a provider with processing, not being processed now. */
const replayable = (row: Pick<WebhookInboxRow, "provider" | "status">) => isReplayableProvider(row.provider) && row.status !== "processing";

export function WebhooksTable(props: {
  rows: WebhookInboxRow[];
  page: KeysetPageInfo;
  companies: { id: string; name: string }[];
  search: WebhookSearchInfo;
  mayReplay: boolean;
  timeZone: string;
}) {
  const { rows, companies, search, mayReplay, timeZone } = props;
  const t = useTranslations("webhooks");
  const locale = useLocale();
  const router = useRouter();
  const messageOf = useReplayMessage();
  const [replaying, setReplaying] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<WebhookReplayState | null>(null);

  const onDone = useCallback(
    (state: WebhookReplayState) => {
      setNotice(state);
      router.refresh();
    },
    [router],
  );

  const formats = useMemo(() => {
    const tag = intlLocale(locale);
    return {
      full: new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "medium", timeZone }),
      dayTime: new Intl.DateTimeFormat(tag, { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }),
      time: new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }),
      day: new Intl.DateTimeFormat(tag, { weekday: "short", day: "2-digit", month: "2-digit", year: "numeric", timeZone }),
      key: new Intl.DateTimeFormat("en-CA", { timeZone }),
    };
  }, [locale, timeZone]);

  const columns = useMemo(() => {
    const list = [
      col.accessor("receivedAt", {
        id: "received",
        header: t("columns.received"),
        enableHiding: false,
        meta: { label: t("columns.received"), className: PAD },
        cell: ({ row }) => {
          const at = new Date(row.original.receivedAt);
          return (
            <Link href={`/settings/webhooks/${row.original.id}`} className="flex flex-col leading-tight hover:underline" title={formats.full.format(at)} data-testid="webhook-open">
              <span className="font-medium tabular-nums">{formats.time.format(at)}</span>
              <span className="text-xs text-muted-foreground tabular-nums">{formats.day.format(at)}</span>
            </Link>
          );
        },
      }),
      col.accessor("eventType", {
        id: "type",
        header: t("columns.type"),
        enableHiding: false,
        meta: { label: t("columns.type"), className: PAD },
        cell: ({ row }) => (
          <div className="flex max-w-44 min-w-0 flex-col leading-tight">
            <span className="truncate font-mono text-xs font-medium" data-testid="webhook-type">
              {row.original.eventType}
            </span>
            <span className="truncate font-mono text-[11px] text-muted-foreground" title={row.original.providerEventId} data-testid="webhook-provider-event-id">
              {withoutProvider(row.original.providerEventId, row.original.provider)}
            </span>
          </div>
        ),
      }),
      col.accessor("provider", {
        id: "provider",
        header: t("columns.provider"),
        meta: { label: t("columns.provider"), className: PAD },
        cell: ({ getValue }) => t(`providers.${getValue()}`),
      }),
      col.accessor("companyName", {
        id: "company",
        header: t("columns.company"),
        meta: { label: t("columns.company"), className: PAD },
        cell: ({ row }) =>
          row.original.companyName ? (
            <span className="block max-w-36 truncate" title={row.original.companyName}>
              {row.original.companyName}
            </span>
          ) : (
            <span className="text-muted-foreground" title={t("detail.unresolved")}>
              –
            </span>
          ),
      }),
      col.accessor("status", {
        id: "status",
        header: t("columns.status"),
        enableHiding: false,
        meta: { label: t("columns.status"), className: PAD },
        cell: ({ row }) => {
          const { status, processedAt, receivedAt } = row.original;
          const done = processedAt ? new Date(processedAt) : null;
          // Processed the day it arrived (the usual case): the time is enough.
          const sameDay = done && formats.key.format(done) === formats.key.format(new Date(receivedAt));
          return (
            <div className="flex flex-col items-start gap-0.5 leading-tight">
              <WebhookStatusBadge status={status} label={t(`statuses.${status}`)} />
              {done && (
                <span className="text-xs text-muted-foreground tabular-nums" title={`${t("columns.processed")}: ${formats.full.format(done)}`} data-testid="webhook-processed-at">
                  {t("processedAt", { time: sameDay ? formats.time.format(done) : formats.dayTime.format(done) })}
                </span>
              )}
            </div>
          );
        },
      }),
      col.accessor("attempts", {
        id: "attempts",
        header: t("columns.attempts"),
        meta: { label: t("columns.attempts"), align: "end" as const, className: PAD },
        cell: ({ getValue }) => <span data-testid="webhook-attempts">{getValue()}</span>,
      }),
      col.accessor("lastError", {
        id: "error",
        header: t("columns.error"),
        meta: { label: t("columns.error"), className: PAD },
        cell: ({ getValue }) => {
          const error = getValue();
          return error ? (
            <span className="block max-w-40 truncate font-mono text-xs text-destructive" title={error} data-testid="webhook-error">
              {error}
            </span>
          ) : (
            <span className="text-muted-foreground">–</span>
          );
        },
      }),
      rowActionsColumn(col, {
        label: t("columns.actions"),
        cell: (row) => (
          <DataTableRowActions testId="webhook-row-actions">
            <DropdownMenuItem asChild>
              <Link href={`/settings/webhooks/${row.id}`} data-testid="webhook-row-open">
                <ExternalLink />
                {t("actions.open")}
              </Link>
            </DropdownMenuItem>
            {mayReplay && (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuItem
                  disabled={!replayable(row)}
                  onSelect={() => setReplaying([row.id])}
                  title={!isReplayableProvider(row.provider) ? t("actions.unsupported") : row.status === "processing" ? t("actions.busy") : undefined}
                  data-testid="webhook-row-replay"
                >
                  <RotateCcw />
                  {t("actions.replay")}
                </DropdownMenuItem>
              </>
            )}
          </DataTableRowActions>
        ),
      }),
    ];
    return list as DataTableColumns<WebhookInboxRow>;
  }, [t, formats, mayReplay]);

  const searchHint =
    search.mode === "text" ? (
      <p className="flex items-start gap-1.5 text-xs text-muted-foreground" data-testid="webhooks-search-hint">
        <Info className="mt-px size-3.5 shrink-0" aria-hidden />
        {search.until
          ? t("searchHint.incomplete", { count: search.scanned, time: formats.dayTime.format(new Date(search.until)) })
          : t("searchHint.text")}
      </p>
    ) : search.mode === "id" ? (
      <p className="flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="webhooks-search-hint">
        <Info className="size-3.5" aria-hidden />
        {t("searchHint.id")}
      </p>
    ) : null;

  return (
    <DataTableUrlProvider parsers={webhookListParsers} filterKeys={WEBHOOK_FILTER_KEYS}>
      <div className="flex flex-col gap-3">
        {notice?.message && (
          <ActionNotice ok={notice.ok} testId="webhooks-message">
            {messageOf(notice)}
          </ActionNotice>
        )}
        <DataTable
          testId="webhooks-table"
          columns={columns}
          data={rows}
          page={props.page}
          sorts={SORTS}
          defaultSort="received.desc"
          searchPlaceholder={t("searchPlaceholder")}
          searchHint={searchHint}
          emptyState={t("empty")}
          filters={
            <>
              <SelectFilter title={t("filters.status")} paramKey="status" options={WEBHOOK_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))} />
              <SelectFilter title={t("filters.provider")} paramKey="provider" options={WEBHOOK_PROVIDERS.map((value) => ({ value, label: t(`providers.${value}`) }))} />
              <SelectFilter
                title={t("filters.type")}
                paramKey="type"
                options={WEBHOOK_EVENT_TYPES.map((value) => ({ value, label: value }))}
                search={{ placeholder: t("filters.typeSearch"), empty: t("filters.noMatches"), useCustom: (value) => t("filters.useType", { type: value }) }}
                acceptCustom={(value) => EVENT_TYPE.test(value)}
              />
              <SelectFilter
                title={t("filters.company")}
                paramKey="company"
                options={companies.map((c) => ({ value: c.id, label: c.name }))}
                search={companies.length > 6 ? { placeholder: t("filters.companySearch"), empty: t("filters.noMatches") } : undefined}
              />
              <DataTableRangeFilter title={t("filters.received")} type="date" fromKey="from" toKey="to" />
            </>
          }
          bulkActions={
            mayReplay
              ? (selected) => {
                  const ids = selected.filter((id) => {
                    const row = rows.find((r) => r.id === id);
                    return row ? replayable(row) : false;
                  });
                  return (
                    <Button variant="outline" size="sm" disabled={ids.length === 0} onClick={() => setReplaying(ids)} data-testid="webhooks-replay-selected">
                      <RotateCcw />
                      {t("actions.replaySelected", { count: ids.length })}
                    </Button>
                  );
                }
              : undefined
          }
        />
      </div>
      {replaying && (
        <ReplayDialog ids={replaying} open onOpenChange={(open) => !open && setReplaying(null)} onDone={onDone} />
      )}
    </DataTableUrlProvider>
  );
}
