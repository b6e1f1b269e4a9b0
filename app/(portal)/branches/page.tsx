import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("branches");

export default async function BranchesPage() {
  await requireCompanyUser({ permission: "branches:read" });
  return <ComingSoon section="branches" />;
}
