import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getTwoFactorOverview } from "@/lib/auth/two-factor-enrollment";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { sectionMetadata } from "@/lib/i18n/metadata";
import { ChangeEmailCard } from "./_components/change-email-card";
import { ChangePasswordCard } from "./_components/change-password-card";

export const generateMetadata = () => sectionMetadata("settings");

// The user's own profile, the email change (POST /api/account/email) and the password change
// (POST /api/account/password); both endpoints check settings:update and re-authenticate (with a
// code when 2FA is on) themselves. Two-factor sign-in has its own tab (/settings/two-factor).
export default async function SettingsPage() {
  const user = await requireCompanyUser({ permission: "settings:read" });
  const [t, locale, company, twoFactor] = await Promise.all([
    getTranslations(),
    getLocale(),
    getCompanyBasics(user.companyId),
    getTwoFactorOverview(user),
  ]);
  const twoFactorOn = twoFactor.state === "on";
  const rows = [
    { key: "name", value: user.name },
    { key: "email", value: user.email },
    { key: "role", value: t(`roles.${user.role}`) },
    { key: "language", value: t(`shell.locale.${locale === "en" ? "en" : "de"}`) },
    { key: "company", value: company?.name ?? "—" },
  ] as const;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("nav.settings")} description={t("settings.description")} />
      <Card className="max-w-2xl" data-testid="profile-card">
        <CardHeader className="flex-row items-center gap-3">
          <Avatar name={user.name} className="size-10 text-sm" />
          <div className="space-y-1">
            <CardTitle>{t("settings.profile.title")}</CardTitle>
            <CardDescription>{t("settings.profile.description")}</CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <dl className="divide-y rounded-lg border">
            {rows.map(({ key, value }) => (
              <div key={key} className="grid gap-1 px-4 py-3 sm:grid-cols-[10rem_1fr] sm:gap-4">
                <dt className="text-sm text-muted-foreground">{t(`settings.profile.${key}`)}</dt>
                <dd className="truncate text-sm font-medium" data-testid={`profile-${key}`}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          <p className="mt-4 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            {t("settings.profile.readOnly")}
            <Badge variant="secondary" className="font-normal">
              {t("comingSoon.comingWith", { issue: t("issues.identity") })}
            </Badge>
          </p>
        </CardContent>
      </Card>
      {/* Both endpoints check settings:update themselves; a role without it sees neither form. */}
      {can(user.role, "settings:update") && <ChangeEmailCard email={user.email} twoFactorOn={twoFactorOn} />}
      <ChangePasswordCard email={user.email} minLength={PASSWORD_MIN_LENGTH} maxLength={PASSWORD_MAX_LENGTH} twoFactorOn={twoFactorOn} />
    </div>
  );
}
