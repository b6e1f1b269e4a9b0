import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewRecordButton } from "@/components/data-table/list-page";
import { PageHeader } from "@/components/layout/page-header";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getTelephonyOptions, listPhoneNumbers } from "@/lib/telephony/queries";
import { PhoneNumbersTable } from "../_components/phone-numbers-table";
import { TelephonyTabs } from "../_components/telephony-tabs";
import { loadPhoneNumberListState } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("phoneNumbers");
  return { title: t("title") };
}

// GET /phone-numbers – the company's numbers (a branch manager: its branches' only), by branch.
export default async function PhoneNumbersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "phone_numbers:read" });
  const state = loadPhoneNumberListState(await searchParams);
  const scope = await branchScope(user, "phone_numbers:read");
  const context = { userId: user.id };
  const [t, page, options] = await Promise.all([
    getTranslations("phoneNumbers"),
    listPhoneNumbers(user.companyId, state, { ...context, branches: scope }),
    getTelephonyOptions(user.companyId, context),
  ]);
  const branches = scope === null ? options.branches : options.branches.filter((b) => scope.includes(b.id));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can(user.role, "phone_numbers:create") ? (
            <NewRecordButton href="/phone-numbers/new" label={t("new")} testId="phone-numbers-new" />
          ) : undefined
        }
      />
      <TelephonyTabs current="numbers" />
      <PhoneNumbersTable
        rows={page.rows}
        page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }}
        branches={branches}
        canUpdate={can(user.role, "phone_numbers:update")}
        canDelete={can(user.role, "phone_numbers:delete")}
      />
    </div>
  );
}
