import Link from "next/link";
import type { NavKey } from "@/lib/config/nav";
import { Logo } from "./logo";
import { SidebarNav } from "./sidebar-nav";

/** The fixed sidebar from md up; below that the same nav opens in a sheet (MobileNav). */
export function AppSidebar({ visible }: { visible: readonly NavKey[] }) {
  return (
    <aside
      data-testid="app-sidebar"
      className="fixed inset-y-0 left-0 z-30 hidden w-60 flex-col border-r border-sidebar-border bg-sidebar text-sidebar-foreground md:flex"
    >
      <div className="flex h-14 shrink-0 items-center border-b border-sidebar-border px-5">
        <Link href="/dashboard" className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
          <Logo />
        </Link>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <SidebarNav visible={visible} />
      </div>
    </aside>
  );
}
