"use client";

import { useTranslations } from "next-intl";
import type * as React from "react";
import { cn } from "@/lib/utils";

// Small form pieces the users page's forms share: a native select in the kit's input style, the
// branch checkboxes and an inline field error.

export type BranchOption = { id: string; name: string };

export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "flex h-9 w-full min-w-0 rounded-md border border-input bg-transparent px-3 py-1 text-base shadow-xs outline-none md:text-sm dark:bg-input/20",
        "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40",
        "aria-invalid:border-destructive aria-invalid:ring-destructive/20",
        className,
      )}
      {...props}
    />
  );
}

export function BranchChecklist({
  idPrefix,
  branches,
  value,
  onChange,
  invalid,
  describedBy,
  testId,
}: {
  idPrefix: string;
  branches: BranchOption[];
  /** Controlled: React resets uncontrolled fields after a form action, errors included. */
  value: string[];
  onChange: (next: string[]) => void;
  invalid?: boolean;
  describedBy?: string;
  testId: string;
}) {
  return (
    <div
      role="group"
      aria-describedby={describedBy}
      className={cn("flex flex-wrap gap-x-4 gap-y-2 rounded-md border px-3 py-2", invalid && "border-destructive")}
      data-testid={testId}
    >
      {branches.map((b) => (
        <label key={b.id} className="flex items-center gap-2 text-sm" htmlFor={`${idPrefix}-${b.id}`}>
          <input
            id={`${idPrefix}-${b.id}`}
            type="checkbox"
            name="branchIds"
            value={b.id}
            checked={value.includes(b.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, b.id] : value.filter((id) => id !== b.id))}
            className="size-4 accent-primary"
            data-testid={`${testId}-${b.name}`}
          />
          {b.name}
        </label>
      ))}
    </div>
  );
}

export function FieldError({ id, code, testId }: { id: string; code: string | undefined; testId: string }) {
  const t = useTranslations("users.fieldErrors");
  if (!code) return null;
  const known = ["required", "invalid_email", "email_taken", "invalid_role", "branches_required", "invalid_branch", "invalid_locale", "too_long"];
  return (
    <p id={id} className="text-sm text-destructive" data-testid={testId}>
      {t(known.includes(code) ? (code as "required") : "required")}
    </p>
  );
}
