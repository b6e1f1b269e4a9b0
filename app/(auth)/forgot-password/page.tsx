import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "../_components/auth-card";
import { RESET_TOKEN_TTL_MINUTES } from "@/lib/auth/password-reset";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("password.forgot");
  return { title: t("title") };
}

// GET /forgot-password – public (proxy.ts lets it through): ask for a reset link by email.
export default async function ForgotPasswordPage() {
  const t = await getTranslations("password.forgot");
  return (
    <AuthCard title={t("title")} description={t("description")}>
      <ForgotPasswordForm minutes={RESET_TOKEN_TTL_MINUTES} />
    </AuthCard>
  );
}
