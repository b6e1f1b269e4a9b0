"use client";

import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { findNavItem } from "@/lib/config/nav";

/** The top bar's name of the area the user is in (from sm up; on phones the h1 below says it). */
export function SectionTitle() {
  const t = useTranslations();
  const pathname = usePathname();
  const item = findNavItem(pathname);
  const label = item ? t(item.labelKey) : pathname.startsWith("/select-company") ? t("selectCompany.title") : null;
  if (!label) return null;
  return <span className="hidden truncate text-sm font-medium text-foreground sm:block">{label}</span>;
}
