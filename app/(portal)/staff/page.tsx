import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("staff");

export default async function StaffPage() {
  await requireCompanyUser({ permission: "staff:read" });
  return <ComingSoon section="staff" />;
}
