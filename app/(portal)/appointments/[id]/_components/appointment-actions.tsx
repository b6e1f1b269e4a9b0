"use client";

import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Separator } from "@/components/ui/separator";
import { type AppointmentActionState, cancelAction, rescheduleAction, transitionAction } from "../../actions";

export type Suggestion = { date: string; time: string; label: string };

const initial: AppointmentActionState = { ok: true, message: null };

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 dark:bg-input/20";

/** All forms share one state, so the message shown answers the latest action. */
function run(previous: AppointmentActionState, formData: FormData) {
  const intent = formData.get("intent");
  if (intent === "cancel") return cancelAction(previous, formData);
  if (intent === "reschedule") return rescheduleAction(previous, formData);
  return transitionAction(previous, formData);
}

export function AppointmentActions({
  id,
  transitions,
  canCancel,
  canMove,
  timeZone,
  staff,
  currentStaffId,
  suggestions,
}: {
  id: string;
  transitions: ("confirmed" | "completed" | "no_show")[];
  canCancel: boolean;
  canMove: boolean;
  timeZone: string;
  staff: { id: string; name: string }[];
  currentStaffId: string | null;
  suggestions: Suggestion[];
}) {
  const t = useTranslations("appointments");
  const [state, action, pending] = useActionState(run, initial);
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  const [confirmCancel, setConfirmCancel] = useState(false);
  const label = { confirmed: t("actions.confirm"), completed: t("actions.complete"), no_show: t("actions.noShow") } as const;

  return (
    <div className="flex flex-col gap-5">
      {state.message && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="appointment-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>
            {t(`messages.${state.message}` as "messages.invalid", { clash: state.values?.clash ?? "", earliest: state.values?.earliest ?? "" })}
          </AlertDescription>
        </Alert>
      )}

      {transitions.length > 0 && (
        <form action={action} className="flex flex-wrap gap-2">
          <input type="hidden" name="id" value={id} />
          {transitions.map((to) => (
            <Button key={to} type="submit" name="to" value={to} variant={to === "confirmed" ? "default" : "outline"} disabled={pending} data-testid={`appointment-${to}`}>
              {label[to]}
            </Button>
          ))}
        </form>
      )}

      {canMove && (
        <>
          <Separator />
          <form action={action} className="flex flex-col gap-3" data-testid="appointment-reschedule">
            <input type="hidden" name="intent" value="reschedule" />
            <input type="hidden" name="id" value={id} />
            <div>
              <p className="text-sm font-medium">{t("actions.reschedule")}</p>
              <p className="text-xs text-muted-foreground">{t("actions.rescheduleHint", { timeZone })}</p>
            </div>
            {suggestions.length > 0 ? (
              <div className="flex flex-col gap-1.5">
                <p className="text-xs text-muted-foreground">{t("actions.suggestions")}</p>
                <div className="flex flex-wrap gap-1.5">
                  {suggestions.map((s) => (
                    <Button
                      key={`${s.date}T${s.time}`}
                      type="button"
                      size="sm"
                      variant={date === s.date && time === s.time ? "default" : "outline"}
                      onClick={() => {
                        setDate(s.date);
                        setTime(s.time);
                      }}
                      data-testid="appointment-suggestion"
                    >
                      {s.label}
                    </Button>
                  ))}
                </div>
              </div>
            ) : (
              <p className="text-xs text-muted-foreground">{t("actions.noSuggestions")}</p>
            )}
            <div className="grid gap-3 sm:grid-cols-3">
              <div className="space-y-1.5">
                <Label htmlFor="move-date">{t("actions.date")}</Label>
                <Input id="move-date" name="date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} data-testid="appointment-date" />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor="move-time">{t("actions.time")}</Label>
                <Input id="move-time" name="time" type="time" required step={300} value={time} onChange={(e) => setTime(e.target.value)} data-testid="appointment-time" />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor="move-staff">{t("actions.moveTo")}</Label>
                <select id="move-staff" name="staffId" defaultValue="" className={selectClass} data-testid="appointment-staff-select">
                  <option value="">{t("actions.sameStaff")}</option>
                  {staff
                    .filter((s) => s.id !== currentStaffId)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                </select>
              </div>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="ignoreNotice" className="size-4 accent-primary" />
              {t("actions.ignoreNotice")}
            </label>
            <div>
              <Button type="submit" disabled={pending} data-testid="appointment-reschedule-submit">
                {pending && <LoaderCircle className="animate-spin" />}
                {t("actions.reschedule")}
              </Button>
            </div>
          </form>
        </>
      )}

      {canCancel && (
        <>
          <Separator />
          <form action={action} className="flex flex-col gap-3">
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="id" value={id} />
            <div className="space-y-1.5">
              <Label htmlFor="cancel-reason">{t("actions.cancelReason")}</Label>
              <Input id="cancel-reason" name="reason" maxLength={500} data-testid="appointment-cancel-reason" />
            </div>
            <div className="flex gap-2">
              {/* Different keys: React must not turn the clicked type="button" into the submit button in
                  place, or the browser's default action of that very click would submit the form. */}
              {confirmCancel ? (
                <Button key="confirm" type="submit" variant="destructive" disabled={pending} data-testid="appointment-cancel-confirm">
                  {t("actions.cancelConfirm")}
                </Button>
              ) : (
                <Button key="ask" type="button" variant="outline" onClick={() => setConfirmCancel(true)} data-testid="appointment-cancel">
                  {t("actions.cancel")}
                </Button>
              )}
            </div>
          </form>
        </>
      )}
    </div>
  );
}
