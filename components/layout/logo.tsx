import { cn } from "@/lib/utils";

/** The AskProAI mark and word mark; the mark alone below the given breakpoint if asked. */
export function Logo({ className, markOnly = false }: { className?: string; markOnly?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <svg viewBox="0 0 32 32" aria-hidden="true" className="size-7 shrink-0">
        <rect width="32" height="32" rx="8" className="fill-primary" />
        <path
          d="M9 22.5 14.6 9h2.8L23 22.5"
          className="stroke-primary-foreground"
          strokeWidth="2.6"
          strokeLinecap="round"
          strokeLinejoin="round"
          fill="none"
        />
        <path d="M11.8 17.5h8.4" className="stroke-primary-foreground" strokeWidth="2.6" strokeLinecap="round" />
        <circle cx="24.5" cy="8.5" r="2.5" className="fill-primary-foreground/60" />
      </svg>
      {markOnly ? <span className="sr-only">AskProAI</span> : <span className="text-[15px]">AskProAI</span>}
    </span>
  );
}
