import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";
import {
  getSecurityEventFilterOptions,
  listAllSecurityEvents,
  listCompanySecurityEvents,
  securityEventFiltersSchema,
} from "@/lib/security/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("securityEvents");
  return { title: t("title") };
}

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 dark:bg-input/20";

export default async function SecurityEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "security_events:read" });
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const filters = securityEventFiltersSchema.parse(raw);
  const allCompanies = user.role === "platform_admin" && filters.scope === "all";
  const [t, locale, company, options, page] = await Promise.all([
    getTranslations("securityEvents"),
    getLocale(),
    getCompanyBasics(user.companyId),
    getSecurityEventFilterOptions(user.companyId),
    allCompanies ? listAllSecurityEvents(user.id, filters) : listCompanySecurityEvents(user.companyId, filters),
  ]);
  const format = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: knownTimeZone(company?.timeZone),
  });
  // Types from later issues may not have a label yet: show their id then.
  const typeLabel = (type: string) => {
    const key = `types.${type}` as "types.sign_in_failed";
    return t.has(key) ? t(key) : type;
  };
  const { cursor: _cursor, ...kept } = filters;
  const nextHref = page.nextCursor
    ? `?${new URLSearchParams({ ...clean(kept), cursor: page.nextCursor }).toString()}`
    : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-5" data-testid="security-filters">
        <div className="space-y-1.5">
          <Label htmlFor="type">{t("filters.type")}</Label>
          <select id="type" name="type" defaultValue={filters.type ?? ""} className={selectClass}>
            <option value="">{t("filters.any")}</option>
            {options.types.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="user">{t("filters.user")}</Label>
          <select id="user" name="user" defaultValue={filters.user ?? ""} className={selectClass}>
            <option value="">{t("filters.any")}</option>
            {options.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="from">{t("filters.from")}</Label>
          <Input id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="to">{t("filters.to")}</Label>
          <Input id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <div className="flex items-end gap-2">
          {user.role === "platform_admin" && (
            <select name="scope" defaultValue={filters.scope ?? "company"} className={selectClass} aria-label={t("filters.scope")}>
              <option value="company">{t("filters.thisCompany")}</option>
              <option value="all">{t("filters.allCompanies")}</option>
            </select>
          )}
          <Button type="submit" data-testid="security-filter-submit">
            {t("filters.apply")}
          </Button>
        </div>
      </form>

      <Card>
        <CardContent className="p-0">
          {page.rows.length === 0 ? (
            <p className="p-8 text-center text-sm text-muted-foreground" data-testid="security-empty">
              {t("empty")}
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="security-events">
                <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
                  <tr>
                    <th className="px-4 py-2 font-medium">{t("columns.time")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.type")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.user")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.ip")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.details")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {page.rows.map((e) => (
                    <tr key={e.id} data-testid="security-event">
                      <td className="px-4 py-2 whitespace-nowrap tabular-nums">{format.format(e.createdAt)}</td>
                      <td className="px-4 py-2">
                        <Badge variant={e.type.includes("fail") || e.type.includes("denied") || e.type.includes("throttl") ? "destructive" : "muted"}>
                          {typeLabel(e.type)}
                        </Badge>
                      </td>
                      <td className="px-4 py-2">{e.userName ?? (e.userId ? `${e.userId.slice(0, 8)}…` : "—")}</td>
                      <td className="px-4 py-2 font-mono text-xs">{e.ip ?? "—"}</td>
                      <td className="max-w-md truncate px-4 py-2 font-mono text-xs text-muted-foreground" title={JSON.stringify(e.details)}>
                        {Object.entries(e.details)
                          .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
                          .join(" · ") || "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </CardContent>
      </Card>
      {nextHref && (
        <div>
          <Button asChild variant="outline" data-testid="security-older">
            <Link href={nextHref}>{t("older")}</Link>
          </Button>
        </div>
      )}
    </div>
  );
}

function clean(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
}
