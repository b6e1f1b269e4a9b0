import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { branchScope } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { staffFormOptions } from "@/lib/staff/queries";
import { DEFAULT_COLOR } from "@/lib/staff/schemas";
import { StaffForm } from "../_components/staff-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.form");
  return { title: t("newTitle") };
}

// GET /staff/new – a new staff member: names, contact, colour, home branch and other branches.
// Services, working hours and absences follow on their page. A branch role picks its branches only.
export default async function NewStaffPage() {
  const user = await requireCompanyUser({ permission: "staff:create" });
  const [t, scope, options] = await Promise.all([getTranslations("staff.form"), branchScope(user, "staff:create"), staffFormOptions(user.companyId)]);
  const branches = options.branches.filter((b) => !scope || scope.includes(b.id)).map((b) => ({ id: b.id, name: b.name }));
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <Card>
        <CardContent>
          <StaffForm
            cancelHref="/staff"
            branches={branches}
            values={{
              firstName: "",
              lastName: "",
              displayName: "",
              email: "",
              phone: "",
              color: DEFAULT_COLOR,
              bio: "",
              isActive: true,
              branchId: branches.length === 1 ? branches[0]!.id : "",
              branchIds: [],
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
