import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { API_SCOPES } from "@/lib/api/scopes";
import { listApiTokens } from "@/lib/api/tokens";
import { can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { intlLocale } from "@/lib/i18n/config";
import { CreateTokenForm } from "./_components/create-token-form";
import { type TokenView, TokenList } from "./_components/token-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiTokens");
  return { title: t("title") };
}

// The company's API tokens for /api/v1: who made them, what they may do, when last used; new
// ones are shown once, existing ones can be revoked.
export default async function ApiTokensPage() {
  const user = await requireCompanyUser({ permission: "api_tokens:read" });
  const [t, locale, tokens, company] = await Promise.all([
    getTranslations("apiTokens"),
    getLocale(),
    listApiTokens(user.companyId),
    getCompanyBasics(user.companyId),
  ]);
  const format = new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: knownTimeZone(company?.timeZone),
  });
  const views: TokenView[] = tokens.map((token) => ({
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    status: token.status,
    createdBy: token.createdByName,
    created: format.format(token.createdAt),
    expires: token.expiresAt ? format.format(token.expiresAt) : null,
    lastUsed: token.lastUsedAt ? format.format(token.lastUsedAt) : null,
  }));

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <p className="text-sm text-muted-foreground" data-testid="api-help">
        {t("help")}{" "}
        <a href="/api/v1/openapi.json" className="font-medium text-primary underline underline-offset-4" data-testid="api-openapi-link">
          /api/v1/openapi.json
        </a>
      </p>
      {can(user.role, "api_tokens:create") && <CreateTokenForm scopes={[...API_SCOPES]} />}
      <TokenList tokens={views} canRevoke={can(user.role, "api_tokens:delete")} />
    </div>
  );
}
