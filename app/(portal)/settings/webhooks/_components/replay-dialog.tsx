"use client";

import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { ConfirmActionDialog } from "@/components/forms/confirm-dialog";
import { replayWebhooksAction, type WebhookReplayState } from "../actions";

const initial: WebhookReplayState = { ok: false, message: null };

type MessageCode = "not_found" | "busy" | "unsupported" | "forbidden" | "invalid" | "none";

/** The text of a replay's answer: how many went through (and whether Inngest has them), what was skipped, or why not. */
export function useReplayMessage() {
  const t = useTranslations("webhooks.messages");
  return useCallback(
    (state: WebhookReplayState): string => {
      if (!state.ok) return t((state.message ?? "invalid") as MessageCode);
      const count = state.count ?? 1;
      const parts = [state.queued ? t("replayed", { count }) : t("replayedOffline", { count })];
      if (state.skipped) parts.push(t("skipped", { count: state.skipped }));
      return parts.join(" ");
    },
    [t],
  );
}

/** Asks before replaying one event or the selected ones. */
export function ReplayDialog({
  ids,
  open,
  onOpenChange,
  onDone,
}: {
  ids: string[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: (state: WebhookReplayState) => void;
}) {
  const t = useTranslations("webhooks.replayDialog");
  const tForms = useTranslations("forms");
  const messageOf = useReplayMessage();
  return (
    <ConfirmActionDialog
      open={open}
      onOpenChange={onOpenChange}
      action={replayWebhooksAction}
      initialState={initial}
      fields={{ ids: ids.join(",") }}
      title={t("title", { count: ids.length })}
      description={t("description")}
      cancelLabel={tForms("cancel")}
      confirmLabel={t("confirm")}
      confirmIcon={<RotateCcw />}
      messageOf={messageOf}
      onDone={onDone}
      testId="webhook-replay-dialog"
      confirmTestId="webhook-replay-confirm"
      messageTestId="webhook-replay-error"
    />
  );
}
