import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { signOutAction } from "@/app/(portal)/actions";
import { TwoFactorEnrollment } from "@/app/(portal)/settings/two-factor/_components/two-factor-enrollment";
import { AuthCard } from "../../_components/auth-card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("twoFactor.setup");
  return { title: t("title") };
}

// The one page an admin without the mandatory 2FA can reach (requireUser sends them here from
// everywhere else): enrol, or sign out. Anyone else has nothing to do here.
export default async function TwoFactorSetupPage() {
  const user = await requireUser({ permission: "settings:update", duringTwoFactorEnrollment: true });
  if (!user.mustEnrollTwoFactor) redirect("/settings/two-factor");
  const t = await getTranslations("twoFactor.setup");
  return (
    <div className="flex w-full flex-col items-center gap-4" data-testid="two-factor-setup">
      <AuthCard title={t("title")} description={t("description")}>
        <TwoFactorEnrollment email={user.email} done="/dashboard" />
      </AuthCard>
      <form action={signOutAction}>
        <Button type="submit" variant="link" data-testid="two-factor-setup-sign-out">
          {t("signOut")}
        </Button>
      </form>
    </div>
  );
}
