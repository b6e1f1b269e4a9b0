import { ComingSoon } from "@/components/layout/coming-soon";
import { requireCompanyUser } from "@/lib/auth/session";
import { sectionMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => sectionMetadata("phoneNumbers");

export default async function PhoneNumbersPage() {
  await requireCompanyUser({ permission: "phone_numbers:read" });
  return <ComingSoon section="phoneNumbers" />;
}
