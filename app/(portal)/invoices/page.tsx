import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("invoices");

export default async function InvoicesPage() {
  await requireCompanyUser({ permission: "invoices:read" });
  return <ComingSoon section="invoices" />;
}
