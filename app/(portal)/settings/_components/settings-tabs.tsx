"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { settingsTabs, type SettingsTabKey } from "@/lib/config/settings-nav";
import { cn } from "@/lib/utils";

export function SettingsTabs({ visible }: { visible: readonly SettingsTabKey[] }) {
  const pathname = usePathname();
  const t = useTranslations();
  const tabs = settingsTabs.filter((tab) => visible.includes(tab.key));
  const active = [...tabs].sort((a, b) => b.href.length - a.href.length).find((tab) => pathname.startsWith(tab.href));
  return (
    <nav aria-label={t("nav.settings")} className="flex flex-wrap gap-x-1 border-b" data-testid="settings-tabs">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          prefetch={false}
          data-testid={`settings-tab-${tab.key}`}
          aria-current={active?.key === tab.key ? "page" : undefined}
          className={cn(
            "-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm transition-colors",
            active?.key === tab.key
              ? "border-primary font-medium text-foreground"
              : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {t(tab.labelKey)}
        </Link>
      ))}
    </nav>
  );
}
