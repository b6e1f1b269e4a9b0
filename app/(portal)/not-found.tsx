import { SearchX } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";

// Inside the portal shell: a page called notFound() (e.g. another company's record).

export default async function PortalNotFound() {
  const t = await getTranslations("errors.notFound");
  return (
    <StatusPage
      variant="inline"
      code="404"
      icon={SearchX}
      title={t("title")}
      description={t("description")}
      action={{ href: "/dashboard", label: t("back") }}
    />
  );
}
