import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCustomerRecord } from "@/lib/customers/history";
import { CustomerForm } from "../../_components/customer-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customers.form");
  return { title: t("editTitle") };
}

// GET /customers/[id]/edit – the customer's fields. Another company's, a deleted or an erased
// customer is not found (updateCustomer refuses them too).
export default async function EditCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCompanyUser({ permission: "customers:update" });
  const { id } = await params;
  const [customer, t] = await Promise.all([getCustomerRecord(user.companyId, id, { userId: user.id }), getTranslations("customers.form")]);
  if (!customer || customer.deletedAt || customer.anonymizedAt) notFound();
  const name = `${customer.firstName} ${customer.lastName}`.trim();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("editTitle")} description={name} />
      <Card>
        <CardContent>
          <CustomerForm
            cancelHref={`/customers/${customer.id}`}
            values={{
              id: customer.id,
              firstName: customer.firstName,
              lastName: customer.lastName,
              phone: customer.phone ?? "",
              email: customer.email ?? "",
              birthday: customer.birthday ?? "",
              notes: customer.notes ?? "",
              locale: customer.locale,
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
