import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireCompanyUser } from "@/lib/auth/session";
import { getTelephonyOptions } from "@/lib/telephony/queries";
import { PhoneNumberForm } from "../_components/phone-number-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("phoneNumbers");
  return { title: t("newTitle") };
}

// GET /phone-numbers/new – a new number for one of the company's branches.
export default async function NewPhoneNumberPage() {
  const user = await requireCompanyUser({ permission: "phone_numbers:create" });
  const [t, options] = await Promise.all([getTranslations("phoneNumbers"), getTelephonyOptions(user.companyId, { userId: user.id })]);
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <PhoneNumberForm
        options={options}
        values={{ e164: "", label: "", branchId: options.branches.length === 1 ? options.branches[0]!.id : "", agentId: "", isActive: true }}
      />
    </div>
  );
}
