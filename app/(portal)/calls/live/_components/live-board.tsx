"use client";

import { PhoneIncoming, PhoneOutgoing, Radio } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import type { LiveBoard as Board } from "@/lib/calls/live";
import { formatDuration } from "../../_components/format";

const POLL_MS = 3_000;

/**
 * The running calls, polled every 3 s (paused while the tab is hidden); each duration ticks every
 * second from the server's clock (offset measured on each answer), so a wrong client clock does
 * not show negative or drifting durations.
 */
export function LiveBoard({ initial }: { initial: Board }) {
  const t = useTranslations("calls");
  const [board, setBoard] = useState(initial);
  const [offset, setOffset] = useState(() => new Date(initial.now).getTime() - Date.now());
  const [now, setNow] = useState(() => Date.now());
  const [stale, setStale] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch("/calls/live/data", { cache: "no-store", headers: { accept: "application/json" } });
          if (!response.ok) throw new Error(String(response.status));
          const next = (await response.json()) as Board & { ok: boolean };
          if (!cancelled) {
            setBoard({ calls: next.calls, now: next.now });
            setOffset(new Date(next.now).getTime() - Date.now());
            setStale(false);
          }
        } catch {
          if (!cancelled) setStale(true);
        }
      }
      if (!cancelled) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, []);

  const serverNow = now + offset;
  return (
    <div className="flex flex-col gap-3" data-testid="calls-live-board" data-count={board.calls.length}>
      <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
        <Radio className={stale ? "size-4 text-destructive" : "size-4 animate-pulse text-success"} aria-hidden />
        {stale ? t("live.stale") : t("live.count", { count: board.calls.length })}
      </p>
      {board.calls.length === 0 ? (
        <Card>
          <CardContent className="py-10 text-center text-sm text-muted-foreground" data-testid="calls-live-empty">
            {t("live.empty")}
          </CardContent>
        </Card>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {board.calls.map((call) => (
            <li key={call.id}>
              <Link href={`/calls/${call.id}`} className="block" data-testid="calls-live-call" data-status={call.status}>
                <Card className="transition-colors hover:bg-muted/40">
                  <CardContent className="flex items-start gap-3">
                    <span className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full bg-success/12 text-success" aria-hidden>
                      {call.direction === "outbound" ? <PhoneOutgoing className="size-4" /> : <PhoneIncoming className="size-4" />}
                    </span>
                    <div className="flex min-w-0 flex-1 flex-col gap-1">
                      <div className="flex items-center justify-between gap-2">
                        <span className="truncate font-medium">{call.customerName ?? call.fromNumber ?? t("withheld")}</span>
                        <span className="font-mono text-lg tabular-nums" data-testid="calls-live-duration">
                          {formatDuration(serverNow - new Date(call.since).getTime())}
                        </span>
                      </div>
                      <div className="flex items-center gap-2 text-xs text-muted-foreground">
                        <Badge variant={call.status === "ongoing" ? "success" : "warning"}>{t(`statuses.${call.status}`)}</Badge>
                        {call.customerName && call.fromNumber && <span className="tabular-nums">{call.fromNumber}</span>}
                        {call.branchName && <span className="truncate">· {call.branchName}</span>}
                      </div>
                    </div>
                  </CardContent>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
