import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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
  const [t, params] = await Promise.all([getTranslations("auth.signIn"), searchParams]);
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  return (
    <AuthCard title={t("title")} description={t("description")}>
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
