import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { getNavItem, type NavKey } from "@/lib/config/nav";
import { PageHeader } from "./page-header";

/**
 * An honest placeholder for a section whose issue has not landed: what it will do and which
 * issue brings it. No fake table, no invented numbers.
 */
export async function ComingSoon({ section }: { section: Exclude<NavKey, "dashboard" | "settings"> }) {
  const t = await getTranslations();
  const item = getNavItem(section);
  const Icon = item.icon;
  const title = t(item.labelKey);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={title} />
      <div
        data-testid="coming-soon"
        className="flex flex-col items-center rounded-xl border border-dashed bg-card/50 px-6 py-14 text-center sm:py-20"
      >
        <div className="mb-5 flex size-12 items-center justify-center rounded-xl bg-primary/10 text-primary ring-1 ring-primary/15">
          <Icon className="size-6" />
        </div>
        <h2 className="text-lg font-semibold tracking-tight">{t("comingSoon.heading")}</h2>
        <p className="mt-2 max-w-md text-sm text-pretty text-muted-foreground">{t(`comingSoon.descriptions.${section}`)}</p>
        {item.issue && (
          <Badge variant="secondary" className="mt-5 gap-1.5 px-2.5 py-1 font-normal" data-testid="coming-with">
            <span className="size-1.5 rounded-full bg-primary" aria-hidden="true" />
            {t("comingSoon.comingWith", { issue: t(`issues.${item.issue}`) })}
          </Badge>
        )}
        <Button asChild variant="ghost" size="sm" className="mt-6 text-muted-foreground">
          <Link href="/dashboard">
            <ArrowLeft />
            {t("comingSoon.backToDashboard")}
          </Link>
        </Button>
      </div>
    </div>
  );
}
