import type { Metadata } from "next";
import { CircleCheck } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { AuthCard } from "../_components/auth-card";
import { signInRequestSchema } from "@/lib/auth/schemas";
import { SignInForm } from "./_components/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

/**
 * Where to go after signing in. proxy.ts (Auth.js) passes the full URL of the page that was
 * asked for (with the host it believes it has, e.g. localhost behind 127.0.0.1). Only its path is
 * kept and then followed on this site, so the form can never become an open redirect.
 */
function safeCallbackUrl(raw: string | string[] | undefined): string | undefined {
  if (typeof raw !== "string" || raw.length === 0) return undefined;
  let candidate = raw;
  if (!raw.startsWith("/")) {
    try {
      const url = new URL(raw);
      candidate = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return undefined;
    }
  }
  const parsed = signInRequestSchema.shape.callbackUrl.safeParse(candidate);
  const path = parsed.success ? parsed.data : undefined;
  if (!path || path.startsWith("/sign-in")) return undefined;
  return path;
}

// Public: no requireUser here. A signed-in visitor simply sees the form.
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [t, tAccept, params] = await Promise.all([getTranslations("auth.signIn"), getTranslations("users.accept"), searchParams]);
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // Arriving from an accepted invitation (/invite/<token> sends ?invited=1): say it worked.
  const invited = params.invited === "1";
  return (
    <AuthCard title={t("title")} description={t("description")}>
      {invited && (
        <Alert role="status" className="mb-5" data-testid="sign-in-invited">
          <CircleCheck />
          <AlertDescription>{tAccept("acceptedNotice")}</AlertDescription>
        </Alert>
      )}
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
