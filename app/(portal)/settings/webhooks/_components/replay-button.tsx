"use client";

import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionNotice } from "@/components/forms/action-notice";
import { Button } from "@/components/ui/button";
import type { WebhookReplayState } from "../actions";
import { ReplayDialog, useReplayMessage } from "./replay-dialog";

/** The event page's replay: the button (disabled with the reason when it cannot be replayed), the dialog, the answer. */
export function ReplayButton({ id, disabledReason }: { id: string; disabledReason: string | null }) {
  const t = useTranslations("webhooks.actions");
  const router = useRouter();
  const messageOf = useReplayMessage();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<WebhookReplayState | null>(null);
  return (
    <div className="flex flex-col items-start gap-3">
      <Button onClick={() => setOpen(true)} disabled={disabledReason !== null} title={disabledReason ?? undefined} data-testid="webhook-replay">
        <RotateCcw />
        {t("replay")}
      </Button>
      {open && (
        <ReplayDialog
          ids={[id]}
          open
          onOpenChange={setOpen}
          onDone={(state) => {
            setNotice(state);
            router.refresh();
          }}
        />
      )}
      {notice?.message && (
        <ActionNotice ok={notice.ok} testId="webhook-replay-message">
          {messageOf(notice)}
        </ActionNotice>
      )}
    </div>
  );
}
