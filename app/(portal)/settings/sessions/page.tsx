import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listOwnSessions } from "@/lib/auth/user-sessions";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";
import { describeUserAgent } from "./_components/device";
import { type SessionView, SessionList } from "./_components/session-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sessions");
  return { title: t("title") };
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "5 minutes ago" and the like; null under a minute. */
function timeAgo(instant: Date, relative: Intl.RelativeTimeFormat): string | null {
  const seconds = Math.max(0, Math.round((Date.now() - instant.getTime()) / 1000));
  const unit = UNITS.find(([, size]) => seconds >= size);
  return unit ? relative.format(-Math.floor(seconds / unit[1]), unit[0]) : null;
}

// The signed-in user's own live sessions (every role; a platform admin without a picked company
// too): where, since when, last activity; other sessions can be ended from here.
export default async function SessionsPage() {
  const user = await requireUser({ permission: "settings:read" });
  const [t, locale, sessions, company] = await Promise.all([
    getTranslations("sessions"),
    getLocale(),
    listOwnSessions(user),
    user.companyId ? getCompanyBasics(user.companyId) : Promise.resolve(null),
  ]);
  const timeZone = knownTimeZone(company?.timeZone);
  const tag = intlLocale(locale);
  const absolute = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: "auto" });
  const ago = (instant: Date) => timeAgo(instant, relative) ?? t("justNow");

  const views: SessionView[] = sessions.map((s) => {
    const device = describeUserAgent(s.userAgent);
    const label =
      device.browser && device.os
        ? t("browserOn", { browser: device.browser, os: device.os })
        : (device.browser ?? device.os ?? t("unknownDevice"));
    return {
      id: s.id,
      current: s.current,
      mobile: device.mobile,
      device: label,
      userAgent: s.userAgent ?? "",
      // An IPv4 address seen through an IPv6 socket is shown as IPv4.
      ip: s.ip?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1") ?? t("unknownIp"),
      started: absolute.format(s.createdAt),
      startedIso: s.createdAt.toISOString(),
      lastActive: s.current ? t("justNow") : ago(s.lastSeenAt),
      lastActiveAbsolute: absolute.format(s.lastSeenAt),
      lastActiveIso: s.lastSeenAt.toISOString(),
    };
  });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <SessionList sessions={views} canEnd={can(user.role, "settings:update")} />
      <p className="text-xs text-muted-foreground" data-testid="sessions-time-zone">
        {t("timeZone", { zone: timeZone })}
      </p>
    </div>
  );
}
