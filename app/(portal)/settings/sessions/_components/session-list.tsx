"use client";

import { CircleAlert, CircleCheck, LoaderCircle, LogOut, Monitor, Smartphone } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { endOtherSessionsAction, endSessionAction, type SessionActionState } from "../actions";

/** One session, formatted on the server (time zone, locale). */
export type SessionView = {
  id: string;
  current: boolean;
  mobile: boolean;
  device: string;
  userAgent: string;
  ip: string;
  started: string;
  startedIso: string;
  lastActive: string;
  lastActiveAbsolute: string;
  lastActiveIso: string;
};

const initial: SessionActionState = { ok: true, message: null };

/** Both forms share one state, so the message shown is the latest answer. */
function run(previous: SessionActionState, formData: FormData): Promise<SessionActionState> {
  return formData.get("intent") === "others" ? endOtherSessionsAction(previous, formData) : endSessionAction(previous, formData);
}

export function SessionList({ sessions, canEnd }: { sessions: SessionView[]; canEnd: boolean }) {
  const t = useTranslations("sessions");
  const [feedback, action, pending] = useActionState(run, initial);
  const others = sessions.filter((s) => !s.current).length;

  return (
    <div className="flex flex-col gap-4">
      {feedback.message && (
        <Alert variant={feedback.ok ? "default" : "destructive"} role="status" data-testid="sessions-message">
          {feedback.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{t(`messages.${feedback.message}`, { count: feedback.count ?? 0 })}</AlertDescription>
        </Alert>
      )}

      <Card className="gap-0 py-0">
        <CardContent className="p-0">
          <ul aria-label={t("listLabel")} className="divide-y" data-testid="session-list">
            {sessions.map((s) => {
              const Icon = s.mobile ? Smartphone : Monitor;
              return (
                <li
                  key={s.id}
                  className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between"
                  data-testid="session-row"
                  data-current={s.current ? "true" : "false"}
                >
                  <div className="flex min-w-0 items-start gap-3">
                    <Icon className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden />
                    <div className="min-w-0 space-y-1">
                      <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                        <span title={s.userAgent || undefined} data-testid="session-device">
                          {s.device}
                        </span>
                        {s.current && (
                          <Badge variant="secondary" data-testid="session-current">
                            {t("thisDevice")}
                          </Badge>
                        )}
                      </p>
                      <dl className="grid gap-x-4 gap-y-0.5 text-xs text-muted-foreground sm:grid-cols-[auto_1fr]">
                        <dt>{t("lastActive")}</dt>
                        <dd>
                          <time dateTime={s.lastActiveIso} title={s.lastActiveAbsolute}>
                            {s.lastActive}
                          </time>
                        </dd>
                        <dt>{t("started")}</dt>
                        <dd>
                          <time dateTime={s.startedIso}>{s.started}</time>
                        </dd>
                        <dt>{t("ip")}</dt>
                        <dd className="font-mono" data-testid="session-ip">
                          {s.ip}
                        </dd>
                      </dl>
                    </div>
                  </div>
                  {canEnd && !s.current && (
                    <form action={action} className="shrink-0">
                      <input type="hidden" name="intent" value="one" />
                      <input type="hidden" name="sessionId" value={s.id} />
                      <Button type="submit" variant="outline" size="sm" disabled={pending} data-testid="session-end">
                        {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : <LogOut aria-hidden />}
                        {t("end")}
                      </Button>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
        </CardContent>
      </Card>

      {others === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="sessions-only-this">
          {t("onlyThisDevice")}
        </p>
      ) : (
        canEnd && (
          <form action={action}>
            <input type="hidden" name="intent" value="others" />
            <Button type="submit" variant="destructive" disabled={pending} data-testid="sessions-end-others">
              {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : <LogOut aria-hidden />}
              {t("endOthers")}
            </Button>
          </form>
        )
      )}
    </div>
  );
}
