import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { AuthCard } from "../_components/auth-card";
import { checkResetToken, RESET_TOKEN_TTL_MINUTES } from "@/lib/auth/password-reset";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { ResetPasswordForm } from "./_components/reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("password.reset");
  return { title: t("title"), robots: { index: false, follow: false } };
}

// GET /reset-password?token=… – public (proxy.ts lets it through). The link is checked before
// the form is shown (without using it up); setting the password checks it again, atomically.
// Success leads to sign-in, never into the portal: a reset does not sign anybody in.
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [t, params] = await Promise.all([getTranslations("password.reset"), searchParams]);
  const token = typeof params.token === "string" ? params.token : "";
  const account = token ? await checkResetToken(token) : null;

  return (
    <AuthCard
      title={account ? t("title") : t("invalidTitle")}
      description={account ? t("description", { email: account.email }) : undefined}
      descriptionClassName="break-words"
    >
      {account ? (
        <ResetPasswordForm
          token={token}
          email={account.email}
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          minutes={RESET_TOKEN_TTL_MINUTES}
        />
      ) : (
        <InvalidLink minutes={RESET_TOKEN_TTL_MINUTES} />
      )}
    </AuthCard>
  );
}

async function InvalidLink({ minutes }: { minutes: number }) {
  const t = await getTranslations("password.reset");
  return (
    <div className="flex flex-col gap-5">
      <Alert variant="destructive" data-testid="reset-password-invalid">
        <CircleAlert />
        <AlertTitle>{t("invalidTitle")}</AlertTitle>
        <AlertDescription>{t("invalid", { minutes })}</AlertDescription>
      </Alert>
      <div className="flex flex-col gap-2">
        <Button asChild className="w-full">
          <Link href="/forgot-password">{t("requestNew")}</Link>
        </Button>
        <Button variant="ghost" asChild className="w-full">
          <Link href="/sign-in">{t("backToSignIn")}</Link>
        </Button>
      </div>
    </div>
  );
}
