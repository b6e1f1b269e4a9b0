"use client";

import { History, Pencil } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { FlagReason } from "@/lib/flags/evaluate";
import { DefinitionForm } from "./definition-form";
import { OverrideControl } from "./override-control";

export type FlagRowData = {
  key: string;
  description: string;
  defaultEnabled: boolean;
  rolloutPercentage: number;
  registered: boolean;
  override: boolean | null;
  enabled: boolean;
  reason: FlagReason;
  bucket: number;
};

const grid = "lg:grid lg:grid-cols-[minmax(0,1fr)_11rem_auto_12rem] lg:items-start lg:gap-6";

/** Every flag: definition, the company's override and the effective value. */
export function FlagList({
  flags,
  companyName,
  canUpdate,
  canManage,
  historyHref,
}: {
  flags: FlagRowData[];
  companyName: string;
  canUpdate: boolean;
  canManage: boolean;
  /** The audit page filtered to this company's override of a flag, when the user may read it. */
  historyHref: Record<string, string> | null;
}) {
  const t = useTranslations("flags");
  return (
    <div data-testid="flag-list">
      <div className={`hidden border-b bg-muted/40 px-5 py-2 text-xs font-medium text-muted-foreground ${grid}`}>
        <div>{t("columns.flag")}</div>
        <div>{t("columns.global")}</div>
        <div>{t("columns.company", { company: companyName })}</div>
        <div>{t("columns.effective")}</div>
      </div>
      <ul className="divide-y">
        {flags.map((flag) => (
          <FlagRow
            key={flag.key}
            flag={flag}
            companyName={companyName}
            canUpdate={canUpdate}
            canManage={canManage}
            historyHref={historyHref?.[flag.key] ?? null}
          />
        ))}
      </ul>
    </div>
  );
}

function FlagRow({
  flag,
  companyName,
  canUpdate,
  canManage,
  historyHref,
}: {
  flag: FlagRowData;
  companyName: string;
  canUpdate: boolean;
  canManage: boolean;
  historyHref: string | null;
}) {
  const t = useTranslations("flags");
  const [editing, setEditing] = useState(false);
  const reason =
    flag.reason === "rollout"
      ? t("reason.rollout", { bucket: flag.bucket, percent: flag.rolloutPercentage })
      : flag.reason === "off" && flag.rolloutPercentage > 0
        ? t("reason.outsideRollout", { bucket: flag.bucket, percent: flag.rolloutPercentage })
        : t(`reason.${flag.reason}`);
  return (
    <li data-testid={`flag-row-${flag.key}`}>
      <div className={`flex flex-col gap-3 px-5 py-4 ${grid}`}>
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-sm font-semibold break-all">{flag.key}</code>
            {!flag.registered && (
              <Badge variant="outline" className="font-normal text-muted-foreground">
                {t("unregistered")}
              </Badge>
            )}
          </div>
          <p className="text-sm text-muted-foreground text-pretty">{flag.description || t("noDescription")}</p>
          {(canManage || historyHref) && (
            <div className="-ml-3 flex flex-wrap gap-x-1 pt-1">
              {canManage && !editing && (
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  className="h-7"
                  onClick={() => setEditing(true)}
                  aria-expanded={editing}
                  data-testid={`flag-edit-${flag.key}`}
                >
                  <Pencil />
                  {t("definition.edit")}
                </Button>
              )}
              {historyHref && (
                <Button asChild variant="ghost" size="sm" className="h-7">
                  <Link href={historyHref} prefetch={false} data-testid={`flag-history-${flag.key}`}>
                    <History />
                    {t("history")}
                  </Link>
                </Button>
              )}
            </div>
          )}
        </div>
        <div className="space-y-1 text-sm" data-testid={`flag-global-${flag.key}`}>
          <span className="text-xs text-muted-foreground lg:hidden">{t("columns.global")}: </span>
          <Badge variant={flag.defaultEnabled ? "success" : "muted"}>
            {flag.defaultEnabled ? t("global.on") : t("global.off")}
          </Badge>
          <p className="text-xs text-muted-foreground tabular-nums">
            {flag.defaultEnabled ? t("global.rolloutIrrelevant") : t("global.rollout", { percent: flag.rolloutPercentage })}
          </p>
        </div>
        <div>
          <span className="mb-1 block text-xs text-muted-foreground lg:hidden">{t("columns.company", { company: companyName })}</span>
          <OverrideControl flagKey={flag.key} override={flag.override} companyName={companyName} disabled={!canUpdate} />
        </div>
        <div className="space-y-1" data-testid={`flag-effective-${flag.key}`} data-enabled={flag.enabled}>
          <span className="text-xs text-muted-foreground lg:hidden">{t("columns.effective")}: </span>
          <Badge variant={flag.enabled ? "success" : "muted"}>{flag.enabled ? t("effective.on") : t("effective.off")}</Badge>
          <p className="text-xs text-muted-foreground text-pretty">{reason}</p>
        </div>
      </div>
      {editing && (
        <div className="border-t bg-muted/30 px-5 py-4">
          <DefinitionForm
            mode="edit"
            values={{
              key: flag.key,
              description: flag.description,
              defaultEnabled: flag.defaultEnabled,
              rolloutPercentage: flag.rolloutPercentage,
            }}
            onDone={() => setEditing(false)}
          />
        </div>
      )}
    </li>
  );
}
