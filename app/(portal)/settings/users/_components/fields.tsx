"use client";

import { useTranslations } from "next-intl";
import type * as React from "react";
import { cn } from "@/lib/utils";

export { NativeSelect } from "@/components/ui/native-select";

// Small form pieces the users page's forms share: the branch checkboxes and an inline field error.

export type BranchOption = { id: string; name: string };

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
