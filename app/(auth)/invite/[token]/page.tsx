import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { AuthCard } from "../../_components/auth-card";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { checkInvitation, type InvitationError } from "@/lib/users/accept-invitation";
import { AcceptInvitationForm } from "./_components/accept-invitation-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.accept");
  return { title: t("submit"), robots: { index: false, follow: false } };
}

// GET /invite/<token> – public (proxy.ts lets it through). The link is checked before the form
// is shown (without using it up): company, address and role of an open invitation, or a clear
// message for an unknown, revoked, expired or used one. Accepting checks it again, atomically.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const [t, tRoles, { token }] = await Promise.all([getTranslations("users.accept"), getTranslations("roles"), params]);
  const check = await checkInvitation(decodeURIComponent(token));

  if (!check.ok) return <InvalidInvitation error={check.error} />;
  const { invitation } = check;
  return (
    <AuthCard
      title={t("title", { company: invitation.companyName })}
      description={t("description", { role: tRoles(invitation.role) })}
      descriptionClassName="break-words"
    >
      <AcceptInvitationForm
        token={decodeURIComponent(token)}
        email={invitation.email}
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
      />
    </AuthCard>
  );
}

async function InvalidInvitation({ error }: { error: InvitationError }) {
  const t = await getTranslations("users.accept");
  const title = error === "invitation_expired" ? t("expiredTitle") : error === "invitation_used" ? t("usedTitle") : t("invalidTitle");
  return (
    <AuthCard title={title}>
      <div className="flex flex-col gap-5">
        <Alert variant="destructive" data-testid="invite-invalid" data-error={error}>
          <CircleAlert />
          <AlertTitle>{title}</AlertTitle>
          <AlertDescription>{t(error)}</AlertDescription>
        </Alert>
        <Button asChild className="w-full">
          <Link href="/sign-in">{t("toSignIn")}</Link>
        </Button>
      </div>
    </AuthCard>
  );
}
