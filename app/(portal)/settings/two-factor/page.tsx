import type { Metadata } from "next";
import { ShieldCheck } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getTwoFactorOverview } from "@/lib/auth/two-factor-enrollment";
import { intlLocale } from "@/lib/i18n/config";
import { disableTwoFactorAction, regenerateCodesAction } from "./actions";
import { ReauthActionForm } from "./_components/reauth-action-form";
import { TwoFactorEnrollment } from "./_components/two-factor-enrollment";
import { IconCardHeader } from "@/components/layout/icon-card-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("twoFactor");
  return { title: t("title") };
}

// The signed-in user's own two-factor sign-in: status, enrolment (QR code, key, confirming
// code, recovery codes shown once), new recovery codes, and turning it off where the role allows.
export default async function TwoFactorPage() {
  const user = await requireUser({ permission: "settings:update" });
  const [t, locale, overview] = await Promise.all([getTranslations("twoFactor"), getLocale(), getTwoFactorOverview(user)]);
  const date = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium" });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="max-w-2xl" data-testid="two-factor-status">
        <IconCardHeader
          icon={ShieldCheck}
          title={t("status.title")}
          description={
            <>
              <Badge variant={overview.state === "on" ? "success" : "secondary"} data-testid="two-factor-state" data-state={overview.state}>
                {t(`status.${overview.state}`)}
              </Badge>
              {overview.enabledAt && <span>{t("status.enabledSince", { date: date.format(overview.enabledAt) })}</span>}
              {overview.required && <span>· {t("status.required")}</span>}
            </>
          }
        />
        {overview.state === "on" && (
          <CardContent className="space-y-1 text-sm">
            <p data-testid="two-factor-recovery-left">{t("status.recoveryLeft", { count: overview.recoveryCodesLeft })}</p>
            {overview.recoveryCodesLeft <= 3 && <p className="text-muted-foreground">{t("status.recoveryLow")}</p>}
          </CardContent>
        )}
      </Card>

      {overview.state !== "on" ? (
        <Card className="max-w-2xl">
          <CardContent>
            <TwoFactorEnrollment email={user.email} done="/settings/two-factor" />
          </CardContent>
        </Card>
      ) : (
        <>
          <Card className="max-w-2xl" data-testid="two-factor-regenerate">
            <CardHeader>
              <CardTitle>
                <h2>{t("regenerate.title")}</h2>
              </CardTitle>
              <CardDescription>{t("regenerate.description")}</CardDescription>
            </CardHeader>
            <CardContent>
              <ReauthActionForm
                action={regenerateCodesAction}
                email={user.email}
                testId="two-factor-regenerate-form"
                submit={t("regenerate.submit")}
                submitting={t("regenerate.submitting")}
              />
            </CardContent>
          </Card>
          <Card className="max-w-2xl" data-testid="two-factor-disable">
            <CardHeader>
              <CardTitle>
                <h2>{t("disable.title")}</h2>
              </CardTitle>
              <CardDescription>{overview.required ? t("disable.requiredNote") : t("disable.description")}</CardDescription>
            </CardHeader>
            {!overview.required && (
              <CardContent>
                <ReauthActionForm
                  action={disableTwoFactorAction}
                  email={user.email}
                  testId="two-factor-disable-form"
                  submit={t("disable.submit")}
                  submitting={t("disable.submitting")}
                  variant="destructive"
                />
              </CardContent>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
