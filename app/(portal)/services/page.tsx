import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("services");

export default async function ServicesPage() {
  await requireCompanyUser({ permission: "services:read" });
  return <ComingSoon section="services" />;
}
