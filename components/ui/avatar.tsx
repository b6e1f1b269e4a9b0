import type * as React from "react";
import { cn } from "@/lib/utils";

/** "Lena Schulz" → "LS"; one word → its first two letters. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return `${words[0]![0]}${words[words.length - 1]![0]}`.toUpperCase();
}

/** A round badge with a person's initials; no pictures are stored yet. */
export function Avatar({ name, className, ...props }: React.ComponentProps<"span"> & { name: string }) {
  return (
    <span
      data-slot="avatar"
      aria-hidden="true"
      className={cn(
        "inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-primary/12 text-xs font-semibold text-primary select-none",
        className,
      )}
      {...props}
    >
      {initialsOf(name)}
    </span>
  );
}
