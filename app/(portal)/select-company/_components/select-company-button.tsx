"use client";

import { ArrowRight, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { switchCompanyAction } from "../../actions";

export function SelectCompanyButton({ companyId, companyName }: { companyId: string; companyName: string }) {
  const t = useTranslations("selectCompany");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);

  function choose() {
    setFailed(false);
    startTransition(async () => {
      const result = await switchCompanyAction(companyId);
      if (!result.ok) {
        setFailed(true);
        return;
      }
      // The shell (layout) is shared with the next page and was last rendered with the old
      // session: refresh it too, not only the page segment.
      router.push("/dashboard");
      router.refresh();
    });
  }

  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <Button
        size="sm"
        variant="outline"
        onClick={choose}
        disabled={pending}
        data-testid="select-company"
        aria-label={t("chooseNamed", { name: companyName })}
      >
        {t("choose")}
        {pending ? <LoaderCircle className="animate-spin" /> : <ArrowRight />}
      </Button>
      {failed && (
        <span role="alert" className="text-xs text-destructive">
          {t("error")}
        </span>
      )}
    </div>
  );
}
