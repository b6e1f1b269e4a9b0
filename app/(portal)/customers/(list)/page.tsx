import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewRecordButton } from "@/components/data-table/list-page";
import { PageHeader } from "@/components/layout/page-header";
import { listCustomers } from "@/lib/customers/list";
import { normalizePhone } from "@/lib/customers/normalize";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { CustomersTable } from "../_components/customers-table";
import { loadCustomerListState } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customers");
  return { title: t("title") };
}

// GET /customers – the company's customers: search by name or exact phone/email, filters,
// keyset pages, CSV export. Everything the list shows is in the URL (../search-params.ts).
// In the (list) group so that its loading skeleton wraps only the list: around /customers/[id]
// it would start the stream early, and that page's notFound() would then answer 200, not 404.
export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "customers:read" });
  const state = loadCustomerListState(await searchParams);
  const [t, company, appointmentBranches] = await Promise.all([
    getTranslations("customers"),
    getCompanyBasics(user.companyId),
    can(user.role, "appointments:read") ? branchScope(user, "appointments:read") : Promise.resolve(false as const),
  ]);
  const timeZone = knownTimeZone(company?.timeZone);
  const countAppointments = appointmentBranches === false ? false : appointmentBranches === null ? ("company" as const) : { branches: appointmentBranches };
  const page = await listCustomers(user.companyId, state, { timeZone, countAppointments, userId: user.id });
  const invalidPhone = page.searchKind === "phone" && normalizePhone(state.q) === null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can(user.role, "customers:create") ? (
            <NewRecordButton href="/customers/new" label={t("new")} testId="customers-new" />
          ) : undefined
        }
      />
      <CustomersTable
        rows={page.rows}
        page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }}
        localeCounts={page.localeCounts}
        searchKind={page.searchKind}
        invalidPhone={invalidPhone}
        showAppointments={countAppointments !== false}
        timeZone={timeZone}
      />
    </div>
  );
}
