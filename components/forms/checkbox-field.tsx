import type { ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/lib/utils";

/** A checkbox with its label and a hint below it (posted as "on" when checked; test id = id). */
export function CheckboxField({ id, name, defaultChecked, label, hint, className }: { id: string; name: string; defaultChecked: boolean; label: ReactNode; hint?: ReactNode; className?: string }) {
  return (
    <div className={cn("flex items-start gap-2.5", className)}>
      <Checkbox id={id} name={name} defaultChecked={defaultChecked} className="mt-0.5" data-testid={id} />
      <div className="grid gap-0.5">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint && <p className="text-xs text-muted-foreground">{hint}</p>}
      </div>
    </div>
  );
}
