import { Plus, TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { FLAG_CACHE_TTL_MS, getFlagStates } from "@/lib/flags";
import { DefinitionForm } from "./_components/definition-form";
import { FlagList } from "./_components/flag-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("flags");
  return { title: t("title") };
}

// Feature flags of the acting company: each flag's global definition, the company's override and
// what the code gets for this company. Company admins set their company's override; platform
// admins also edit the definitions and create flags (the database checks that role again).
export default async function FlagsPage() {
  const user = await requireCompanyUser({ permission: "feature_flags:read" });
  const [t, company, states] = await Promise.all([
    getTranslations("flags"),
    getCompanyBasics(user.companyId),
    getFlagStates(user.companyId),
  ]);
  const canUpdate = can(user.role, "feature_flags:update");
  const canManage = can(user.role, "feature_flags:manage");
  const companyName = company?.name ?? "—";
  // The audit trail keys an override by its primary key, company and flag joined by "/".
  const historyHref = can(user.role, "audit:read")
    ? Object.fromEntries(
        states.flags.map((f) => [
          f.key,
          `/settings/audit?${new URLSearchParams({ table: "feature_flag_overrides", row: `${user.companyId}/${f.key}` })}`,
        ]),
      )
    : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { company: companyName })} />

      {canManage && states.missing.length > 0 && (
        <Alert data-testid="flags-missing">
          <TriangleAlert />
          <AlertTitle>{t("missing.title")}</AlertTitle>
          <AlertDescription>
            <p>{t("missing.description")}</p>
            <p className="font-mono text-xs">{states.missing.join(", ")}</p>
          </AlertDescription>
        </Alert>
      )}

      <Card className="gap-0 py-0">
        <CardContent className="p-0">
          {states.flags.length === 0 ? (
            <p className="p-8 text-center text-sm text-muted-foreground" data-testid="flags-empty">
              {t("empty")}
            </p>
          ) : (
            <FlagList
              flags={states.flags.map((f) => ({
                key: f.key,
                description: f.description,
                defaultEnabled: f.defaultEnabled,
                rolloutPercentage: f.rolloutPercentage,
                registered: f.registered,
                override: f.override,
                enabled: f.enabled,
                reason: f.reason,
                bucket: f.bucket,
              }))}
              companyName={companyName}
              canUpdate={canUpdate}
              canManage={canManage}
              historyHref={historyHref}
            />
          )}
        </CardContent>
      </Card>

      <p className="text-xs text-muted-foreground">{t("precedence", { seconds: FLAG_CACHE_TTL_MS / 1000 })}</p>

      {canManage && (
        <Card className="max-w-3xl" data-testid="flag-create">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <Plus className="size-4" />
              {t("definition.createTitle")}
            </CardTitle>
            <CardDescription>{t("definition.createDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <DefinitionForm mode="create" />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
