"use client";

import { Menu } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { NavKey } from "@/lib/config/nav";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { Logo } from "./logo";
import { SidebarNav } from "./sidebar-nav";

/** Below md: a menu button that opens the section navigation as a sheet from the left. */
export function MobileNav({ visible }: { visible: readonly NavKey[] }) {
  const t = useTranslations("shell");
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="-ml-2 md:hidden" data-testid="mobile-nav-trigger" aria-label={t("openNavigation")}>
          <Menu className="size-5" />
        </Button>
      </SheetTrigger>
      <SheetContent closeLabel={t("closeNavigation")} data-testid="mobile-nav">
        <div className="flex h-14 shrink-0 items-center border-b border-sidebar-border px-5">
          <SheetTitle asChild>
            <div>
              <Logo />
            </div>
          </SheetTitle>
          <SheetDescription className="sr-only">{t("navigationDescription")}</SheetDescription>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">
          <SidebarNav visible={visible} onNavigate={() => setOpen(false)} />
        </div>
      </SheetContent>
    </Sheet>
  );
}
