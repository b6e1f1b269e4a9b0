import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CalendarAppointment, CalendarWeek } from "@/lib/appointments/calendar";
import { cn } from "@/lib/utils";

const PX_PER_MINUTE = 1;

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/**
 * Side-by-side lanes for appointments that overlap on one day: greedy lanes within each cluster
 * of (transitively) overlapping appointments, so a busy hour does not narrow the quiet ones.
 */
function lanes(items: CalendarAppointment[]) {
  const placed: { item: CalendarAppointment; lane: number; count: number }[] = [];
  let cluster: { item: CalendarAppointment; lane: number; count: number }[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const p of cluster) p.count = Math.max(1, laneEnds.length);
    placed.push(...cluster);
    cluster = [];
    laneEnds = [];
  };
  for (const item of items) {
    if (item.startMinute >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= item.startMinute);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.endMinute);
    } else laneEnds[lane] = item.endMinute;
    clusterEnd = Math.max(clusterEnd, item.endMinute);
    cluster.push({ item, lane, count: 1 });
  }
  close();
  return placed;
}

/** The week as a time grid: one column per local day, appointments placed by local minutes. */
export async function WeekGrid({ week, locale, today }: { week: CalendarWeek; locale: string; today: string }) {
  const t = await getTranslations("appointments");
  const tStatus = await getTranslations("appointmentStatus");
  const start = week.firstHour * 60;
  const height = (week.lastHour - week.firstHour) * 60 * PX_PER_MINUTE;
  const hours = Array.from({ length: week.lastHour - week.firstHour + 1 }, (_, i) => week.firstHour + i);
  const dayLabel = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "numeric", timeZone: "UTC" });
  const color = new Map(week.staff.map((s) => [s.id, s.color]));
  const staffName = new Map(week.staff.map((s) => [s.id, s.name]));
  const single = week.staffId !== null || week.staff.length === 1;

  return (
    <div className="grid min-w-[760px] grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]" role="grid" aria-label={t("calendarLabel")} data-testid="week-grid">
      <div className="sticky top-0 z-10 border-b bg-card" />
      {week.days.map((d) => (
        <div
          key={d.date}
          role="columnheader"
          className={cn("border-b border-l px-2 py-2 text-center text-xs font-medium", d.date === today && "bg-primary/5 text-primary")}
          data-testid="calendar-day"
          data-date={d.date}
        >
          {dayLabel.format(new Date(`${d.date}T00:00:00Z`))}
        </div>
      ))}
      <div className="relative" style={{ height }}>
        {hours.slice(0, -1).map((h) => (
          <div key={h} className="absolute right-1 -translate-y-1/2 text-[11px] text-muted-foreground tabular-nums" style={{ top: (h * 60 - start) * PX_PER_MINUTE }}>
            {h > week.firstHour ? hhmm(h * 60) : ""}
          </div>
        ))}
      </div>
      {week.days.map((d, dayIndex) => {
        const items = week.appointments.filter((a) => a.day === dayIndex);
        const placed = lanes(items);
        const shading = single ? week.working.filter((w) => w.day === dayIndex) : [];
        return (
          <div key={d.date} role="gridcell" className={cn("relative border-l", d.date === today && "bg-primary/[0.03]")} style={{ height }}>
            {hours.slice(1, -1).map((h) => (
              <div key={h} className="absolute inset-x-0 border-t border-dashed border-border/70" style={{ top: (h * 60 - start) * PX_PER_MINUTE }} />
            ))}
            {shading.map((w, i) => (
              <div
                key={i}
                className="absolute inset-x-0 bg-emerald-500/5"
                style={{ top: (w.from - start) * PX_PER_MINUTE, height: (w.to - w.from) * PX_PER_MINUTE }}
                aria-hidden
              />
            ))}
            {placed.map(({ item, lane, count }) => {
              const cancelled = item.status === "cancelled";
              const top = Math.max(0, (item.startMinute - start) * PX_PER_MINUTE);
              const boxHeight = Math.max(22, (item.endMinute - item.startMinute) * PX_PER_MINUTE - 2);
              return (
                <Link
                  key={item.id}
                  href={`/appointments/${item.id}`}
                  className={cn(
                    "absolute overflow-hidden rounded-md border border-l-4 bg-card px-1.5 py-0.5 text-[11px] leading-tight shadow-xs transition hover:z-10 hover:shadow-md focus-visible:z-10 focus-visible:ring-2 focus-visible:ring-ring",
                    cancelled && "opacity-50 line-through",
                    (item.status === "completed" || item.status === "no_show") && "bg-muted",
                  )}
                  style={{
                    top,
                    height: boxHeight,
                    left: `calc(${(lane / count) * 100}% + 2px)`,
                    width: `calc(${100 / count}% - 4px)`,
                    borderLeftColor: (item.staffId && color.get(item.staffId)) || "var(--primary)",
                  }}
                  title={`${hhmm(item.startMinute)}–${hhmm(item.endMinute)} · ${item.serviceName} · ${item.customerName} · ${tStatus(item.status)}${item.staffId ? ` · ${staffName.get(item.staffId) ?? ""}` : ""}`}
                  data-testid="calendar-appointment"
                  data-status={item.status}
                >
                  <span className="font-medium tabular-nums">{hhmm(item.startMinute)}</span> <span className="font-medium">{item.customerName}</span>
                  <span className="block truncate text-muted-foreground">{item.serviceName}</span>
                </Link>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
