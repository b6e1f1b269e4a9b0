import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireUser } from "@/lib/auth/session";
import { PermissionMatrix } from "./_components/permission-matrix";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("permissions");
  return { title: t("title") };
}

// The permission table itself, read-only. It shows no company data, so a platform admin does not
// need to have picked a company first.
export default async function PermissionsPage() {
  const user = await requireUser({ permission: "permissions:read" });
  const t = await getTranslations("permissions");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <PermissionMatrix currentRole={user.role} />
    </div>
  );
}
