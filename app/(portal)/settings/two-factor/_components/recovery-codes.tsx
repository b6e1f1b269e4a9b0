"use client";

import { Check, Copy, Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** The ten recovery codes, shown once: copy, download as a text file, then confirm. */
export function RecoveryCodes({ codes, email, children }: { codes: string[]; email: string; children?: ReactNode }) {
  const t = useTranslations("twoFactor.recovery");
  const [copied, setCopied] = useState(false);
  const text = `${t("fileHeading", { email })}\n\n${codes.join("\n")}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "askproai-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="flex flex-col gap-4" data-testid="recovery-codes">
      <div className="space-y-1">
        <h2 className="font-semibold">{t("title")}</h2>
        <Alert>
          <AlertDescription>{t("description")}</AlertDescription>
        </Alert>
      </div>
      <ol className="grid grid-cols-2 gap-2 rounded-lg border bg-muted/40 p-4 font-mono text-sm" data-testid="recovery-code-list">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={copy} data-testid="recovery-codes-copy">
          {copied ? <Check /> : <Copy />}
          {copied ? t("copied") : t("copy")}
        </Button>
        <Button type="button" variant="outline" onClick={download} data-testid="recovery-codes-download">
          <Download />
          {t("download")}
        </Button>
      </div>
      {children}
    </div>
  );
}
