import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { Logo } from "./logo";

/**
 * A 404/403 message: "standalone" fills the page with the logo above (outside the portal),
 * "inline" sits in the portal's content area under the shell.
 */
export function StatusPage({
  code,
  icon: Icon,
  title,
  description,
  action,
  variant = "standalone",
}: {
  variant?: "standalone" | "inline";
  code: string;
  icon: LucideIcon;
  title: string;
  description: string;
  action: { href: string; label: string };
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center gap-8",
        variant === "standalone" ? "min-h-dvh justify-center px-4 py-12" : "pt-6 sm:pt-16",
      )}
    >
      {variant === "standalone" && (
        <Link href="/" className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
          <Logo />
        </Link>
      )}
      <div className="flex w-full max-w-md flex-col items-center rounded-xl border bg-card px-6 py-10 text-center shadow-xs">
        <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-primary/10 text-primary">
          <Icon className="size-5" />
        </div>
        <p className="font-mono text-xs tracking-widest text-muted-foreground">{code}</p>
        <h1 data-testid="page-title" className="mt-1 text-xl font-semibold tracking-tight">
          {title}
        </h1>
        <p className="mt-2 text-sm text-pretty text-muted-foreground">{description}</p>
        <Button asChild className="mt-6">
          <Link href={action.href}>{action.label}</Link>
        </Button>
      </div>
    </div>
  );
}
