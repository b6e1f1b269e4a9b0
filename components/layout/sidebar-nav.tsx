"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { findNavItem, navGroups, navItems, type NavKey } from "@/lib/config/nav";
import { cn } from "@/lib/utils";

/**
 * The section links the role may open (visible, decided by the layout from the permission table),
 * grouped; a group with none is left out. The current section is highlighted.
 */
export function SidebarNav({ visible, onNavigate }: { visible: readonly NavKey[]; onNavigate?: () => void }) {
  const t = useTranslations();
  const pathname = usePathname();
  const router = useRouter();
  const active = findNavItem(pathname)?.key;

  return (
    <nav aria-label={t("nav.label")} className="flex flex-col gap-5 px-3 py-4">
      {navGroups.map((group) => {
        const items = navItems.filter((item) => item.group === group && visible.includes(item.key));
        if (items.length === 0) return null;
        return (
          <div key={group} className="flex flex-col gap-0.5">
            {group !== "overview" && (
              <div className="px-2 pb-1 text-[11px] font-medium tracking-wide text-muted-foreground/80 uppercase">
                {t(`nav.groups.${group}`)}
              </div>
            )}
            {items.map((item) => {
              const Icon = item.icon;
              const isActive = item.key === active;
              return (
                <Link
                  key={item.key}
                  href={item.href}
                  // Test ids follow the URL: nav-dashboard … nav-phone-numbers.
                  data-testid={`nav-${item.href.slice(1)}`}
                  aria-current={isActive ? "page" : undefined}
                  onClick={onNavigate}
                  // Every page is rendered per request: prefetch on intent, not all eleven on each view.
                  prefetch={false}
                  onMouseEnter={() => router.prefetch(item.href)}
                  onFocus={() => router.prefetch(item.href)}
                  className={cn(
                    "group flex h-8 items-center gap-2.5 rounded-md px-2 text-sm font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-sidebar-ring/50",
                    isActive
                      ? "bg-sidebar-accent text-sidebar-accent-foreground"
                      : "text-sidebar-foreground/85 hover:bg-sidebar-accent/60 hover:text-sidebar-accent-foreground",
                  )}
                >
                  <Icon
                    className={cn(
                      "size-4 shrink-0",
                      isActive ? "text-sidebar-primary" : "text-muted-foreground group-hover:text-sidebar-accent-foreground",
                    )}
                  />
                  <span className="truncate">{t(item.labelKey)}</span>
                  {item.status === "coming" && (
                    <span className="ml-auto rounded px-1.5 py-px text-[10px] font-medium text-muted-foreground ring-1 ring-border ring-inset">
                      {t("nav.soon")}
                    </span>
                  )}
                </Link>
              );
            })}
          </div>
        );
      })}
    </nav>
  );
}
