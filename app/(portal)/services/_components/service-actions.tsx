"use client";

import { CircleAlert, CircleCheck, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ServiceActionState } from "../actions";
import { DeleteServiceDialog, messageText, RestoreServiceButton } from "./service-delete";

/** The service page's delete (asks first) or restore, with the answer shown under the header. */
export function ServiceActions({ service, deleted }: { service: { id: string; name: string }; deleted: boolean }) {
  const t = useTranslations("services");
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<ServiceActionState | null>(null);
  return (
    <div className="flex flex-col items-end gap-2">
      {deleted ? (
        <RestoreServiceButton id={service.id} onDone={setNotice} />
      ) : (
        <>
          <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid="service-delete">
            <Trash2 />
            {t("actions.delete")}
          </Button>
          {open && <DeleteServiceDialog service={service} open={open} onOpenChange={setOpen} onDone={setNotice} />}
        </>
      )}
      {notice?.message && (
        <Alert variant={notice.ok ? "default" : "destructive"} role="status" data-testid="service-message">
          {notice.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(t, notice)}</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
