import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/lib/utils";

/** Numbers | Agents: the two lists of the telephony section. */
export async function TelephonyTabs({ current }: { current: "numbers" | "agents" }) {
  const t = await getTranslations("phoneNumbers");
  const tabs = [
    { key: "numbers", href: "/phone-numbers" },
    { key: "agents", href: "/phone-numbers/agents" },
  ] as const;
  return (
    <nav className="flex gap-1 border-b" aria-label={t("title")}>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={current === tab.key ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium transition-colors",
            current === tab.key ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
          )}
          data-testid={`telephony-tab-${tab.key}`}
        >
          {t(`tabs.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}
