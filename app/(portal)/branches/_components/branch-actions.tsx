"use client";

import { CircleAlert, CircleCheck, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BranchActionState } from "../actions";
import { DeleteBranchDialog, messageText, RestoreBranchButton } from "./branch-delete";

/** The branch page's delete (asks first) or restore, with the answer shown under the header. */
export function BranchActions({ branch, deleted }: { branch: { id: string; name: string }; deleted: boolean }) {
  const t = useTranslations("branches");
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<BranchActionState | null>(null);
  // The page re-renders with the new state (revalidated); the answer stays visible here.
  const onDone = (state: BranchActionState) => setNotice(state);
  return (
    <div className="flex flex-col items-end gap-2">
      {deleted ? (
        <RestoreBranchButton id={branch.id} onDone={onDone} />
      ) : (
        <>
          <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid="branch-delete">
            <Trash2 />
            {t("actions.delete")}
          </Button>
          {open && <DeleteBranchDialog branch={branch} open={open} onOpenChange={setOpen} onDone={onDone} />}
        </>
      )}
      {notice?.message && (
        <Alert variant={notice.ok ? "default" : "destructive"} role="status" data-testid="branch-message">
          {notice.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(t, notice)}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
