"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies a text to the clipboard; says so for two seconds (or that it could not). */
export function CopyButton({ text, labels, testId }: { text: string; labels: { copy: string; copied: string; failed: string }; testId: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <Button type="button" variant="outline" size="sm" onClick={copy} data-testid={testId} data-state={state}>
      {state === "copied" ? <Check /> : <Copy />}
      <span aria-live="polite">{state === "copied" ? labels.copied : state === "failed" ? labels.failed : labels.copy}</span>
    </Button>
  );
}
