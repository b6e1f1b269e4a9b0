import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("appointments");

export default async function AppointmentsPage() {
  await requireCompanyUser({ permission: "appointments:read" });
  return <ComingSoon section="appointments" />;
}
