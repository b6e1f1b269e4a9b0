"use client";

import { ArchiveRestore, Archive, ArrowRightLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useState, useTransition } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTableRowActions } from "@/components/data-table/data-table-row-actions";
import { dataTableColumnHelper, type DataTableColumns } from "@/components/data-table/features";
import { rowActionsColumn } from "@/components/data-table/record-columns";
import { DataTableUrlProvider, type KeysetPageInfo, useDataTableUrl } from "@/components/data-table/url-state";
import { ActionNotice } from "@/components/forms/action-notice";
import { useActionCall } from "@/components/forms/use-action-call";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { DropdownMenuItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import type { CompanyListRow } from "@/lib/companies/list";
import { COMPANY_STATUSES } from "@/lib/companies/schemas";
import { intlLocale } from "@/lib/i18n/config";
import { switchCompanyAction } from "../../actions";
import { archiveCompanyAction, type CompanyActionState } from "../actions";
import { COMPANY_FILTER_KEYS, companyListParsers } from "../search-params";
import { CompanyArchiveDialog } from "./company-archive-dialog";

const SORTS = {
  name: { asc: "name.asc", desc: "name.desc" },
  created: { asc: "created.asc", desc: "created.desc" },
};

const statusVariant = { active: "success", trial: "secondary", suspended: "warning", archived: "muted" } as const;

const col = dataTableColumnHelper<CompanyListRow>();
const initial: CompanyActionState = { ok: false, message: null };

function ShowArchivedToggle() {
  const t = useTranslations("companies.filters");
  const url = useDataTableUrl();
  const checked = url.state.archived === true;
  return (
    <label className="flex h-8 cursor-pointer items-center gap-2 rounded-md border border-dashed px-3 text-sm font-medium shadow-xs hover:bg-accent">
      <Checkbox checked={checked} onCheckedChange={(value) => url.set({ archived: value === true ? true : null })} data-testid="companies-show-archived" />
      {t("showArchived")}
    </label>
  );
}

export function CompaniesTable({ rows, page }: { rows: CompanyListRow[]; page: KeysetPageInfo }) {
  const t = useTranslations("companies");
  const tStatus = useTranslations("companyStatus");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [archiving, setArchiving] = useState<{ id: string; name: string } | null>(null);
  const [notice, setNotice] = useState<CompanyActionState | null>(null);

  const onDone = useCallback(
    (state: CompanyActionState) => {
      setNotice(state);
      router.refresh();
    },
    [router],
  );

  const [callArchive, restoring] = useActionCall(archiveCompanyAction, initial, onDone);
  const restore = useCallback((id: string) => callArchive({ id, mode: "restore" }), [callArchive]);
  const busy = pending || restoring;

  const actAs = useCallback(
    (id: string) => {
      startTransition(async () => {
        const result = await switchCompanyAction(id);
        if (!result.ok) {
          setNotice({ ok: false, message: "switchFailed" });
          return;
        }
        router.push("/dashboard");
        router.refresh();
      });
    },
    [router],
  );

  const columns = useMemo(() => {
    const date = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium" });
    const number = new Intl.NumberFormat(intlLocale(locale));
    const list = [
      col.accessor("name", {
        id: "name",
        header: t("columns.name"),
        enableHiding: false,
        meta: { label: t("columns.name") },
        cell: ({ row }) => (
          <div className="flex min-w-0 flex-col">
            <Link href={`/companies/${row.original.id}`} className="max-w-64 truncate font-medium hover:underline" data-testid="company-name">
              {row.original.name}
            </Link>
            <span className="max-w-64 truncate font-mono text-xs text-muted-foreground" data-testid="company-slug">
              {row.original.slug}
            </span>
          </div>
        ),
      }),
      col.accessor("status", {
        id: "status",
        header: t("columns.status"),
        enableHiding: false,
        meta: { label: t("columns.status") },
        cell: ({ getValue }) => (
          <Badge variant={statusVariant[getValue()]} data-testid="company-status" data-status={getValue()}>
            {tStatus(getValue())}
          </Badge>
        ),
      }),
      col.accessor("plan", {
        id: "plan",
        header: t("columns.plan"),
        meta: { label: t("columns.plan") },
        cell: ({ getValue }) => {
          const plan = getValue();
          return ["starter", "professional", "enterprise"].includes(plan) ? t(`plans.${plan as "starter"}`) : plan;
        },
      }),
      col.accessor("branchCount", {
        id: "branches",
        header: t("columns.branches"),
        meta: { label: t("columns.branches"), align: "end" as const },
        cell: ({ getValue }) => number.format(getValue()),
      }),
      col.accessor((row) => row.contactEmail ?? row.contactPhone ?? "", {
        id: "contact",
        header: t("columns.contact"),
        meta: { label: t("columns.contact") },
        cell: ({ row }) => (
          <div className="flex max-w-56 flex-col text-muted-foreground">
            {row.original.contactEmail && <span className="truncate">{row.original.contactEmail}</span>}
            {row.original.contactPhone && <span className="truncate font-mono text-xs tabular-nums">{row.original.contactPhone}</span>}
            {!row.original.contactEmail && !row.original.contactPhone && "—"}
          </div>
        ),
      }),
      col.accessor("createdAt", {
        id: "created",
        header: t("columns.created"),
        sortDescFirst: true,
        meta: { label: t("columns.created") },
        cell: ({ getValue }) => <span className="text-muted-foreground tabular-nums">{date.format(new Date(getValue()))}</span>,
      }),
      rowActionsColumn(col, {
        label: t("actions.label"),
        cell: (company) => {
          const archived = company.deletedAt !== null;
          return (
            <DataTableRowActions testId="company-row-actions">
              {!archived && (
                <DropdownMenuItem asChild>
                  <Link href={`/companies/${company.id}`} data-testid="company-edit">
                    <Pencil />
                    {t("actions.edit")}
                  </Link>
                </DropdownMenuItem>
              )}
              {!archived && (
                <DropdownMenuItem onSelect={() => actAs(company.id)} disabled={busy} data-testid="company-act-as">
                  <ArrowRightLeft />
                  {t("actions.actAs")}
                </DropdownMenuItem>
              )}
              {!archived && <DropdownMenuSeparator />}
              {archived ? (
                <DropdownMenuItem onSelect={() => restore(company.id)} disabled={busy} data-testid="company-restore">
                  <ArchiveRestore />
                  {t("actions.restore")}
                </DropdownMenuItem>
              ) : (
                <DropdownMenuItem
                  variant="destructive"
                  onSelect={() => setArchiving({ id: company.id, name: company.name })}
                  data-testid="company-archive"
                >
                  <Archive />
                  {t("actions.archive")}
                </DropdownMenuItem>
              )}
            </DataTableRowActions>
          );
        },
      }),
    ];
    return list as DataTableColumns<CompanyListRow>;
  }, [t, tStatus, locale, busy, actAs, restore]);

  return (
    <DataTableUrlProvider parsers={companyListParsers} filterKeys={COMPANY_FILTER_KEYS}>
      <div className="flex flex-col gap-3">
        {notice?.message && (
          <ActionNotice ok={notice.ok} testId="companies-message">
            {t(`messages.${notice.message}` as "messages.archived")}
          </ActionNotice>
        )}
        <DataTable
          testId="companies-table"
          columns={columns}
          data={rows}
          page={page}
          sorts={SORTS}
          defaultSort="name.asc"
          searchPlaceholder={t("searchPlaceholder")}
          emptyState={t("empty")}
          filters={
            <>
              <DataTableFacetedFilter
                title={t("filters.status")}
                paramKey="status"
                options={COMPANY_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))}
              />
              <ShowArchivedToggle />
            </>
          }
        />
      </div>
      {archiving && (
        <CompanyArchiveDialog company={archiving} open onOpenChange={(open) => !open && setArchiving(null)} onDone={onDone} />
      )}
    </DataTableUrlProvider>
  );
}
