"use client";

import { LogOut, Settings } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { Avatar } from "@/components/ui/avatar";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { CurrentUser } from "@/lib/auth/session";

export function UserMenu({
  name,
  email,
  role,
  companyName,
  signOut,
}: {
  name: string;
  email: string;
  role: CurrentUser["role"];
  /** Shown here on phones, where the top bar has no room for it. */
  companyName?: string | null;
  /** The sign-out server action, passed in by the layout. */
  signOut: () => Promise<void>;
}) {
  const t = useTranslations();
  // The form lives outside the menu: the menu's content unmounts as it closes.
  const signOutForm = useRef<HTMLFormElement>(null);
  return (
    <>
      <form ref={signOutForm} action={signOut} className="hidden" />
      <DropdownMenu>
        <DropdownMenuTrigger
          data-testid="user-menu"
          aria-label={t("shell.user.menu")}
          className="rounded-full outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <Avatar name={name} />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-64">
          <DropdownMenuLabel className="flex flex-col gap-0.5 py-2 font-normal">
            <span className="truncate text-sm font-medium text-foreground" data-testid="user-name">
              {name}
            </span>
            <span className="truncate text-xs text-muted-foreground">{email}</span>
            <span className="mt-1 flex min-w-0 items-center gap-1.5">
              <span
                className="w-fit shrink-0 rounded bg-accent px-1.5 py-0.5 text-[11px] font-medium text-accent-foreground"
                data-testid="user-role"
              >
                {t(`roles.${role}`)}
              </span>
              {companyName && <span className="truncate text-xs text-muted-foreground sm:hidden">{companyName}</span>}
            </span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/settings">
              <Settings />
              {t("nav.settings")}
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem data-testid="sign-out" onSelect={() => signOutForm.current?.requestSubmit()}>
            <LogOut />
            {t("shell.user.signOut")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
