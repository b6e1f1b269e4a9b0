import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("customers");

export default async function CustomersPage() {
  await requireCompanyUser({ permission: "customers:read" });
  return <ComingSoon section="customers" />;
}
