import { UserPlus } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";
import { listAssignableBranches, listCompanyUsers, listOpenInvitations } from "@/lib/users/queries";
import { type InvitationView, InvitationList } from "./_components/invitation-list";
import { InviteForm } from "./_components/invite-form";
import { type UserView, UserList } from "./_components/user-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

const isPast = (instant: Date) => instant.getTime() <= Date.now();

// The acting company's users and open invitations; company admins (and platform admins acting
// for the company) invite people, change roles and branches, and deactivate accounts.
export default async function UsersPage() {
  const user = await requireCompanyUser({ permission: "users:read" });
  const [t, locale, company, users, invitations, branches] = await Promise.all([
    getTranslations("users"),
    getLocale(),
    getCompanyBasics(user.companyId),
    listCompanyUsers(user.companyId),
    listOpenInvitations(user.companyId),
    listAssignableBranches(user.companyId),
  ]);
  const canCreate = can(user.role, "users:create");
  const canUpdate = can(user.role, "users:update");
  const format = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: knownTimeZone(company?.timeZone),
  });

  const userViews: UserView[] = users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    isActive: u.isActive,
    branches: u.branches,
    lastSignIn: u.lastSignInAt ? format.format(u.lastSignInAt) : null,
    self: u.id === user.id,
  }));
  const invitationViews: InvitationView[] = invitations.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    branches: i.branches.map((b) => b.name),
    expires: format.format(i.expiresAt),
    expiresIso: i.expiresAt.toISOString(),
    expired: isPast(i.expiresAt),
  }));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { company: company?.name ?? "—" })} />

      <Card className="gap-0 py-0">
        <CardHeader className="border-b py-4">
          <CardTitle>{t("list.title")}</CardTitle>
        </CardHeader>
        <CardContent className="p-0">
          <UserList users={userViews} branches={branches} canUpdate={canUpdate} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("invitations.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <InvitationList invitations={invitationViews} canWrite={canCreate && canUpdate} />
        </CardContent>
      </Card>

      {canCreate && (
        <Card className="max-w-3xl" data-testid="invite-card">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <UserPlus className="size-4" />
              {t("invite.title")}
            </CardTitle>
            <CardDescription>{t("invite.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <InviteForm branches={branches} defaultLocale={company?.locale ?? "de"} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
