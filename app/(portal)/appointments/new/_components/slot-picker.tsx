"use client";

import { CalendarClock, ChevronRight, LoaderCircle, RotateCcw } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { intlLocale } from "@/lib/i18n/config";
import { cn } from "@/lib/utils";
import { findSlotsAction, type PickerResult, type PickerSlot } from "../actions";

// The "next free slots" picker: asks the server (availability engine) for the first days with
// free slots of the chosen branch, service and staff member (or anyone) from a date on; the very
// first slot is the "next free slot". "Later" continues after the days shown.

export function SlotPicker({
  branchId,
  serviceId,
  staffId,
  anyStaff,
  initialFrom,
  selected,
  onPick,
  refreshToken,
}: {
  branchId: string;
  serviceId: string;
  staffId: string;
  anyStaff: boolean;
  initialFrom: string;
  /** The picked slot's start (ISO), to mark it. */
  selected: string | null;
  onPick: (slot: PickerSlot) => void;
  /** Changes when the slots may have changed (a refused booking): they are fetched again. */
  refreshToken?: unknown;
}) {
  const t = useTranslations("appointmentForm.slots");
  const locale = useLocale();
  const [from, setFrom] = useState(initialFrom);
  const [state, setState] = useState<{ key: string; result: PickerResult } | null>(null);
  const ready = Boolean(branchId && serviceId);
  const key = `${branchId}|${serviceId}|${staffId}|${from}`;

  useEffect(() => {
    if (!ready) return;
    let current = true;
    findSlotsAction({ branchId, serviceId, staffId, from })
      .catch((): PickerResult => ({ ok: false, error: "invalid" }))
      .then((result) => {
        if (current) setState({ key, result });
      });
    return () => {
      current = false;
    };
  }, [ready, key, branchId, serviceId, staffId, from, refreshToken]);

  if (!ready) {
    return <p className="text-sm text-muted-foreground" data-testid="slot-picker-idle">{t("chooseFirst")}</p>;
  }
  const loading = state?.key !== key;
  const result = state?.result;
  const first = result?.ok ? result.days[0]?.slots[0] : undefined;
  const dayLabel = (date: string) =>
    new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

  return (
    <div className="flex flex-col gap-4" data-testid="slot-picker" aria-busy={loading}>
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1.5">
          <Label htmlFor="slot-from">{t("from")}</Label>
          <Input id="slot-from" type="date" className="w-44" value={from || (result?.ok ? result.from : "")} onChange={(e) => setFrom(e.target.value)} data-testid="slot-picker-from" />
        </div>
        {from !== initialFrom && (
          <Button type="button" variant="ghost" size="sm" onClick={() => setFrom(initialFrom)} data-testid="slot-picker-restart">
            <RotateCcw />
            {t("restart")}
          </Button>
        )}
        {loading && <LoaderCircle className="mb-2 size-4 animate-spin text-muted-foreground" aria-label={t("loading")} />}
      </div>

      {result && !result.ok && (
        <p className="text-sm text-destructive" role="alert" data-testid="slot-picker-error">
          {t(`errors.${result.error}`)}
        </p>
      )}

      {result?.ok && (
        <div className={cn("flex flex-col gap-4 transition-opacity", loading && "opacity-50")}>
          {first ? (
            <button
              type="button"
              onClick={() => onPick(first)}
              className={cn(
                "flex w-full flex-wrap items-center gap-3 rounded-lg border-2 border-primary bg-primary/5 px-4 py-3 text-left transition-colors hover:bg-primary/10 focus-visible:ring-[3px] focus-visible:ring-ring/40 focus-visible:outline-none",
                selected === first.startsAt && "bg-primary/15",
              )}
              data-testid="slot-next"
              data-starts-at={first.startsAt}
            >
              <CalendarClock className="size-5 shrink-0 text-primary" />
              <span className="flex min-w-0 flex-col">
                <span className="text-xs font-medium tracking-wide text-primary uppercase">{from === initialFrom ? t("next") : t("firstFrom", { date: dayLabel(result.from) })}</span>
                <span className="font-semibold">
                  {result.days[0]!.label}, {first.time}
                  {anyStaff && first.staffName ? <span className="font-normal text-muted-foreground"> · {first.staffName}</span> : null}
                </span>
              </span>
              <span className="ml-auto text-sm text-primary">{selected === first.startsAt ? t("picked") : t("pick")}</span>
            </button>
          ) : (
            <p className="text-sm text-muted-foreground" data-testid="slot-picker-empty">
              {t("none", { until: dayLabel(result.until) })}
            </p>
          )}

          {result.days.map((day) => (
            <div key={day.date} className="flex flex-col gap-1.5" data-testid="slot-day" data-date={day.date}>
              <p className="text-sm font-medium">{day.label}</p>
              <div className="flex flex-wrap gap-1.5">
                {day.slots.map((slot) => (
                  <Button
                    key={`${slot.startsAt}|${slot.staffId}`}
                    type="button"
                    size="sm"
                    variant={selected === slot.startsAt ? "default" : "outline"}
                    className={cn("tabular-nums", slot === first && selected !== slot.startsAt && "border-primary text-primary")}
                    onClick={() => onPick(slot)}
                    title={anyStaff ? slot.staffName : undefined}
                    data-testid="slot-option"
                    data-starts-at={slot.startsAt}
                  >
                    {slot.time}
                    {anyStaff && <span className="text-xs font-normal opacity-70">{slot.staffName}</span>}
                  </Button>
                ))}
              </div>
            </div>
          ))}

          <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <span>{t("timeZone", { timeZone: result.timeZone })}</span>
            <Button type="button" variant="outline" size="sm" className="ml-auto" onClick={() => setFrom(result.nextFrom)} data-testid="slot-picker-later">
              {t("later")}
              <ChevronRight />
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
