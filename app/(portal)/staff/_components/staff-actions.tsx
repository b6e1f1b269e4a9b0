"use client";

import { CircleAlert, CircleCheck, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { StaffFormState } from "../actions";
import { DeleteStaffDialog, RestoreStaffButton, useMessageText } from "./staff-delete";

/** The staff page's delete (asks first) or restore, with the answer shown under the header. */
export function StaffActions({ member, deleted }: { member: { id: string; displayName: string }; deleted: boolean }) {
  const t = useTranslations("staff");
  const messageText = useMessageText();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<StaffFormState | null>(null);
  return (
    <div className="flex flex-col items-end gap-2">
      {deleted ? (
        <RestoreStaffButton id={member.id} onDone={setNotice} />
      ) : (
        <>
          <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid="staff-delete">
            <Trash2 />
            {t("actions.delete")}
          </Button>
          {open && <DeleteStaffDialog member={member} open={open} onOpenChange={setOpen} onDone={setNotice} />}
        </>
      )}
      {notice?.message && (
        <Alert variant={notice.ok ? "default" : "destructive"} role="status" data-testid="staff-message">
          {notice.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(notice)}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
