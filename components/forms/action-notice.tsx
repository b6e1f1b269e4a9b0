"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import type { ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";

/** The last action's answer above a list or card: a check when it went through, else a warning. */
export function ActionNotice({ ok, testId, children }: { ok: boolean; testId: string; children: ReactNode }) {
  return (
    <Alert variant={ok ? "default" : "destructive"} role="status" data-testid={testId}>
      {ok ? <CircleCheck /> : <CircleAlert />}
      <AlertDescription>{children}</AlertDescription>
    </Alert>
  );
}
