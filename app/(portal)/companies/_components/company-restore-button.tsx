"use client";

import { ArchiveRestore, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { archiveCompanyAction, type CompanyActionState } from "../actions";

const initial: CompanyActionState = { ok: false, message: null };

/** Restores an archived company from its page (the page re-renders with the form). */
export function CompanyRestoreButton({ id }: { id: string }) {
  const t = useTranslations("companies");
  const [state, action, pending] = useActionState(archiveCompanyAction, initial);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="mode" value="restore" />
      <Button type="submit" size="sm" variant="outline" disabled={pending} data-testid="company-restore">
        {pending ? <LoaderCircle className="animate-spin" /> : <ArchiveRestore />}
        {t("actions.restore")}
      </Button>
      {state.at && !state.ok && state.message && (
        <span role="alert" className="text-xs text-destructive">
          {t(`messages.${state.message}` as "messages.not_found")}
        </span>
      )}
    </form>
  );
}
