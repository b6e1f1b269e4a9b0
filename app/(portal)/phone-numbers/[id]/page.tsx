import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireCompanyUser } from "@/lib/auth/session";
import { getPhoneNumber, getTelephonyOptions } from "@/lib/telephony/queries";
import { PhoneNumberForm } from "../_components/phone-number-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("phoneNumbers");
  return { title: t("title") };
}

// GET /phone-numbers/[id] – edit a number (another company's id or a malformed one: 404).
export default async function EditPhoneNumberPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCompanyUser({ permission: "phone_numbers:update" });
  const { id } = await params;
  const context = { userId: user.id };
  const [number, options, t] = await Promise.all([
    getPhoneNumber(user.companyId, id, { ...context, branches: null }),
    getTelephonyOptions(user.companyId, context),
    getTranslations("phoneNumbers"),
  ]);
  if (!number) notFound();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("editTitle", { number: number.e164 })} description={t("editDescription")} />
      <PhoneNumberForm
        options={options}
        values={{ id: number.id, e164: number.e164, label: number.label ?? "", branchId: number.branchId, agentId: number.agentId ?? "", isActive: number.isActive }}
      />
    </div>
  );
}
