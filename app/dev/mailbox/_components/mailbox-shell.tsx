import { FlaskConical } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type * as React from "react";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { Logo } from "@/components/layout/logo";
import { ThemeToggle } from "@/components/layout/theme-toggle";

/** The dev mailbox's frame: no portal shell (visitors may be signed out), a loud demo banner. */
export async function MailboxShell({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("mailbox");
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="flex h-14 items-center justify-between border-b bg-background px-4 sm:px-6">
        <Link href="/dev/mailbox" className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
          <Logo />
        </Link>
        <div className="flex items-center gap-1">
          <LocaleSwitcher />
          <ThemeToggle />
        </div>
      </header>
      <div
        role="note"
        data-testid="mailbox-banner"
        className="border-b border-warning/30 bg-warning/10 px-4 py-2.5 text-sm sm:px-6"
      >
        <div className="mx-auto flex w-full max-w-6xl items-start gap-2.5">
          <FlaskConical aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
          <p className="text-pretty">
            <strong className="block font-semibold sm:inline">{t("banner.title")}</strong>
            <span aria-hidden="true" className="hidden text-muted-foreground sm:inline">
              {" · "}
            </span>
            <span className="text-muted-foreground">{t("banner.description")}</span>
          </p>
        </div>
      </div>
      <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-6 px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
