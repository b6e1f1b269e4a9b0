import { ShieldAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";

// Rendered with a 403 when a page calls forbidden() (requireUser with a role the user lacks).
export default async function Forbidden() {
  const t = await getTranslations("errors.forbidden");
  return (
    <StatusPage
      code="403"
      icon={ShieldAlert}
      title={t("title")}
      description={t("description")}
      action={{ href: "/dashboard", label: t("back") }}
    />
  );
}
