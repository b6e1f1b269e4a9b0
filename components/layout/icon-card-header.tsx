import type { LucideIcon } from "lucide-react";
import type * as React from "react";
import { CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** A settings card's header: a round icon, the card's h2 and a line of description. */
export function IconCardHeader({ icon: Icon, title, description }: { icon: LucideIcon; title: React.ReactNode; description: React.ReactNode }) {
  return (
    <CardHeader className="flex-row items-center gap-3">
      <div className="flex size-10 shrink-0 items-center justify-center rounded-full bg-primary/10 text-primary">
        <Icon className="size-5" />
      </div>
      <div className="space-y-1">
        <CardTitle>
          <h2>{title}</h2>
        </CardTitle>
        {typeof description === "string" ? (
          <CardDescription>{description}</CardDescription>
        ) : (
          <CardDescription className="flex flex-wrap items-center gap-2">{description}</CardDescription>
        )}
      </div>
    </CardHeader>
  );
}
