import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewRecordButton } from "@/components/data-table/list-page";
import { PageHeader } from "@/components/layout/page-header";
import { requireUser } from "@/lib/auth/session";
import { listCompanies } from "@/lib/companies/list";
import { CompaniesTable } from "../_components/companies-table";
import { loadCompanyListState } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies");
  return { title: t("title") };
}

// GET /companies – every company of the platform (platform admins): search, status, archived.
export default async function CompaniesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser({ permission: "companies:read" });
  const state = loadCompanyListState(await searchParams);
  const [t, page] = await Promise.all([getTranslations("companies"), listCompanies(user.id, state)]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <NewRecordButton href="/companies/new" label={t("new")} testId="companies-new" />
        }
      />
      <CompaniesTable rows={page.rows} page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }} />
    </div>
  );
}
