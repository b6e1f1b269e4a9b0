import { Building2 } from "lucide-react";
import type { CurrentUser } from "@/lib/auth/session";
import type { NavKey } from "@/lib/config/nav";
import { CompanySwitcher, type SwitchCompany, type SwitcherCompany } from "./company-switcher";
import { GlobalSearch } from "./global-search";
import { LocaleSwitcher } from "./locale-switcher";
import { MobileNav } from "./mobile-nav";
import { SectionTitle } from "./section-title";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export type TopBarProps = {
  user: { name: string; email: string; role: CurrentUser["role"] };
  /** The sections the role may read (the mobile drawer shows only these). */
  visibleNav: readonly NavKey[];
  /** Platform admins: every company they may act for. Others: null. */
  companies: SwitcherCompany[] | null;
  currentCompanyId: string | null;
  /** The name shown to users who belong to one company. */
  companyName: string | null;
  switchCompany: SwitchCompany;
  signOut: () => Promise<void>;
};

export function TopBar({ user, visibleNav, companies, currentCompanyId, companyName, switchCompany, signOut }: TopBarProps) {
  return (
    <header className="sticky top-0 z-20 flex h-14 shrink-0 items-center gap-2 border-b bg-background/85 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/70 md:px-6">
      <MobileNav visible={visibleNav} />
      <div className="min-w-0 flex-1">
        <SectionTitle />
      </div>
      <div className="flex shrink-0 items-center gap-1 sm:gap-1.5">
        {/* Search needs a company to search in (a platform admin picks one first). */}
        {currentCompanyId ? <GlobalSearch /> : null}
        {companies ? (
          <CompanySwitcher companies={companies} currentCompanyId={currentCompanyId} switchCompany={switchCompany} />
        ) : companyName ? (
          <span
            data-testid="company-name"
            className="hidden max-w-[14rem] items-center gap-1.5 truncate px-2 text-sm text-muted-foreground sm:inline-flex"
          >
            <Building2 className="size-4 shrink-0" />
            <span className="truncate">{companyName}</span>
          </span>
        ) : null}
        <LocaleSwitcher />
        <ThemeToggle />
        <div className="ml-1">
          <UserMenu name={user.name} email={user.email} role={user.role} companyName={companyName} signOut={signOut} />
        </div>
      </div>
    </header>
  );
}
