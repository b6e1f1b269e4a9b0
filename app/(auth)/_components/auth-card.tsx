import type * as React from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/** The card every public page (sign-in, forgot and reset password) is: title (the h1), text, body. */
export function AuthCard({
  title,
  description,
  descriptionClassName,
  children,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  descriptionClassName?: string;
  children: React.ReactNode;
}) {
  return (
    <Card className="w-full max-w-sm gap-6 py-7 shadow-sm">
      <CardHeader className="px-6">
        <CardTitle className="text-xl tracking-tight">
          <h1 data-testid="page-title">{title}</h1>
        </CardTitle>
        {description && <CardDescription className={cn("text-balance", descriptionClassName)}>{description}</CardDescription>}
      </CardHeader>
      <CardContent className="px-6">{children}</CardContent>
    </Card>
  );
}
