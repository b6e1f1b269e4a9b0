import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { auditChanges } from "@/lib/audit/changes";
import { AUDITED_TABLES, type AuditFilters, auditFiltersSchema, auditSearchParams } from "@/lib/audit/filters";
import { type AuditAction, listAuditActors, listAuditEntries } from "@/lib/audit/queries";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";
import { AuditChanges } from "./_components/audit-changes";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 dark:bg-input/20";

const actionVariant: Record<AuditAction, "success" | "muted" | "destructive" | "warning" | "secondary"> = {
  insert: "success",
  update: "secondary",
  soft_delete: "warning",
  restore: "muted",
  delete: "destructive",
};

/** The audit trail of the acting company: per entity (table + row) and per user, newest first. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireCompanyUser({ permission: "audit:read" });
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const filters = auditFiltersSchema.parse(raw);
  const [t, locale, company, actors, page] = await Promise.all([
    getTranslations("audit"),
    getLocale(),
    getCompanyBasics(user.companyId),
    listAuditActors(user.companyId),
    listAuditEntries(
      user.companyId,
      { tableName: filters.table, rowId: filters.row, actorUserId: filters.user },
      { beforeSeq: filters.before },
    ),
  ]);
  const format = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: knownTimeZone(company?.timeZone),
  });
  // Tables of later issues may not have a label yet: show their name then.
  const tableLabel = (name: string) => {
    const key = `tables.${name}` as "tables.customers";
    return t.has(key) ? t(key) : name;
  };
  const href = (f: AuditFilters) => {
    const query = auditSearchParams(f).toString();
    return query ? `?${query}` : "?";
  };
  const { before: _before, ...current } = filters;
  const filtered = Boolean(current.table || current.row || current.user);
  const olderHref = page.nextBeforeSeq !== null ? href({ ...current, before: page.nextBeforeSeq }) : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" className="grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="audit-filters">
        <div className="space-y-1.5">
          <Label htmlFor="audit-table">{t("filters.table")}</Label>
          <select id="audit-table" name="table" defaultValue={filters.table ?? ""} className={selectClass}>
            <option value="">{t("filters.any")}</option>
            {[...new Set<string>([...AUDITED_TABLES, ...(filters.table ? [filters.table] : [])])]
              .map((name) => ({ name, label: tableLabel(name) }))
              .sort((a, b) => a.label.localeCompare(b.label, locale))
              .map(({ name, label }) => (
                <option key={name} value={name}>
                  {label}
                </option>
              ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="audit-row">{t("filters.row")}</Label>
          <Input id="audit-row" name="row" defaultValue={filters.row ?? ""} placeholder={t("filters.rowPlaceholder")} />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="audit-user">{t("filters.user")}</Label>
          <select id="audit-user" name="user" defaultValue={filters.user ?? ""} className={selectClass}>
            <option value="">{t("filters.any")}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2">
          <Button type="submit" data-testid="audit-filter-submit">
            {t("filters.apply")}
          </Button>
          {filtered && (
            <Button asChild variant="ghost" data-testid="audit-filter-reset">
              <Link href="?">{t("filters.reset")}</Link>
            </Button>
          )}
        </div>
      </form>

      <Card>
        <CardContent className="p-0">
          {page.entries.length === 0 ? (
            <p className="p-8 text-center text-sm text-muted-foreground" data-testid="audit-empty">
              {t("empty")}
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="audit-entries">
                <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
                  <tr>
                    <th className="px-4 py-2 font-medium">{t("columns.time")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.action")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.table")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.row")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.actor")}</th>
                    <th className="px-4 py-2 font-medium">{t("columns.changes")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {page.entries.map((e) => (
                    <tr key={e.id} className="align-top" data-testid="audit-entry" data-seq={e.seq}>
                      <td className="px-4 py-2 whitespace-nowrap tabular-nums">
                        <span title={t("seq", { seq: e.seq })}>{format.format(e.createdAt)}</span>
                      </td>
                      <td className="px-4 py-2">
                        <Badge variant={actionVariant[e.action]}>{t(`actions.${e.action}`)}</Badge>
                      </td>
                      <td className="px-4 py-2 whitespace-nowrap">{tableLabel(e.tableName)}</td>
                      <td className="px-4 py-2">
                        <Link
                          href={href({ table: e.tableName, row: e.rowId })}
                          className="font-mono text-xs underline-offset-4 hover:underline"
                          title={`${e.rowId} · ${t("entityHistory")}`}
                        >
                          {shortId(e.rowId)}
                        </Link>
                      </td>
                      <td className="px-4 py-2 whitespace-nowrap">
                        {e.actorUserId ? (
                          <Link
                            href={href({ user: e.actorUserId })}
                            className="underline-offset-4 hover:underline"
                            title={t("actorHistory")}
                          >
                            {e.actorName ?? t("actor.outside", { id: e.actorUserId.slice(0, 8) })}
                          </Link>
                        ) : (
                          <span className="text-muted-foreground">{t("actor.system")}</span>
                        )}
                        {e.requestId && (
                          <div className="font-mono text-[11px] text-muted-foreground" title={`${t("requestId")}: ${e.requestId}`}>
                            {shortId(e.requestId)}
                          </div>
                        )}
                      </td>
                      <td className="px-4 py-2">
                        <AuditChanges changes={auditChanges(e)} redactedHint={t("redactedHint")} emptyLabel="—" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </CardContent>
      </Card>
      {olderHref && (
        <div>
          <Button asChild variant="outline" data-testid="audit-older">
            <Link href={olderHref}>{t("older")}</Link>
          </Button>
        </div>
      )}
    </div>
  );
}

/** Long ids shortened for the table; the full id is in the link and the title. */
function shortId(id: string): string {
  return id.length > 20 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
