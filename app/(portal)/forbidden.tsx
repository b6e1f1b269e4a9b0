import { ShieldAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";

// Inside the portal shell: a page called forbidden() (requireUser with a role the user lacks).
export default async function PortalForbidden() {
  const t = await getTranslations("errors.forbidden");
  return (
    <StatusPage
      variant="inline"
      code="403"
      icon={ShieldAlert}
      title={t("title")}
      description={t("description")}
      action={{ href: "/dashboard", label: t("back") }}
    />
  );
}
