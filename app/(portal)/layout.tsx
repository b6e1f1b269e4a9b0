import { NuqsAdapter } from "nuqs/adapters/next/app";
import type * as React from "react";
import { AppSidebar } from "@/components/layout/app-sidebar";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { Logo } from "@/components/layout/logo";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { TopBar } from "@/components/layout/top-bar";
import { listCompaniesForPlatformAdmin } from "@/db/platform";
import { can, sectionPermissions } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { navItems } from "@/lib/config/nav";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { signOutAction, switchCompanyAction } from "./actions";

// The shell only displays: it never gates (every page calls requireCompanyUser itself). Without a
// user it renders a bare frame, and the page's own check sends the visitor to sign-in.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <div className="flex min-h-dvh flex-col">
        <header className="flex h-14 items-center justify-between border-b px-4 md:px-6">
          <Logo />
          <div className="flex items-center gap-1">
            <LocaleSwitcher />
            <ThemeToggle />
          </div>
        </header>
        <main className="flex-1 px-4 py-6 md:px-8">
          <NuqsAdapter>{children}</NuqsAdapter>
        </main>
      </div>
    );
  }

  // Display only: the sections the role may read; each page still checks for itself.
  const visibleNav = navItems.map((item) => item.key).filter((key) => can(user.role, sectionPermissions[key]));
  const isPlatformAdmin = user.role === "platform_admin";
  const [companies, company] = await Promise.all([
    isPlatformAdmin ? listCompaniesForPlatformAdmin(user.id) : null,
    !isPlatformAdmin && user.companyId ? getCompanyBasics(user.companyId) : null,
  ]);

  return (
    <div className="min-h-dvh">
      <AppSidebar visible={visibleNav} />
      <div className="flex min-h-dvh min-w-0 flex-col md:pl-60">
        <TopBar
          user={{ name: user.name, email: user.email, role: user.role }}
          visibleNav={visibleNav}
          companies={companies?.map(({ id, name, status }) => ({ id, name, status })) ?? null}
          currentCompanyId={user.companyId}
          companyName={company?.name ?? null}
          switchCompany={switchCompanyAction}
          signOut={signOutAction}
        />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 md:px-8 md:py-8">
          {/* Lists keep their state in the URL through nuqs (components/data-table). */}
          <NuqsAdapter>{children}</NuqsAdapter>
        </main>
      </div>
    </div>
  );
}
