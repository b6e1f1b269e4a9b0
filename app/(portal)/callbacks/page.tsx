import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("callbacks");

export default async function CallbacksPage() {
  await requireCompanyUser({ permission: "callbacks:read" });
  return <ComingSoon section="callbacks" />;
}
