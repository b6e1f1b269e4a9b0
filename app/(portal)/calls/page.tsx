import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("calls");

export default async function CallsPage() {
  await requireCompanyUser({ permission: "calls:read" });
  return <ComingSoon section="calls" />;
}
