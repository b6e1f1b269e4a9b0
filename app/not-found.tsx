import { SearchX } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";

export default async function NotFound() {
  const t = await getTranslations("errors.notFound");
  return (
    <StatusPage
      code="404"
      icon={SearchX}
      title={t("title")}
      description={t("description")}
      action={{ href: "/dashboard", label: t("back") }}
    />
  );
}
