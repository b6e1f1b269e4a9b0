"use client";

import { RotateCcw, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { ActionButton, ConfirmActionDialog } from "@/components/forms/confirm-dialog";
import { type ServiceActionState, deleteServiceAction } from "../actions";

const initial: ServiceActionState = { ok: true, message: null };

/** An action's message in the catalog (services.messages.<code>). */
export function messageText(t: ReturnType<typeof useTranslations<"services">>, state: { message?: string | null }) {
  const key = `messages.${state.message}`;
  return t.has(key as "messages.saved") ? t(key as "messages.saved") : t("messages.invalid");
}

/** Asks before deleting a service; a refusal is shown in the dialog. */
export function DeleteServiceDialog({
  service,
  open,
  onOpenChange,
  onDone,
}: {
  service: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone?: (state: ServiceActionState) => void;
}) {
  const t = useTranslations("services");
  return (
    <ConfirmActionDialog
      open={open}
      onOpenChange={onOpenChange}
      action={deleteServiceAction}
      initialState={initial}
      fields={{ id: service.id, mode: "delete" }}
      title={t("delete.title", { name: service.name })}
      description={t("delete.description")}
      cancelLabel={t("delete.cancel")}
      confirmLabel={t("delete.confirm")}
      confirmIcon={<Trash2 />}
      messageOf={(state) => messageText(t, state)}
      onDone={onDone}
      testId="service-delete-dialog"
      confirmTestId="service-delete-confirm"
      messageTestId="service-delete-message"
    />
  );
}

/** Restores a deleted service (one click: nothing is lost by it). */
export function RestoreServiceButton({ id, onDone }: { id: string; onDone?: (state: ServiceActionState) => void }) {
  const t = useTranslations("services");
  return (
    <ActionButton
      action={deleteServiceAction}
      initialState={initial}
      fields={{ id, mode: "restore" }}
      label={t("actions.restore")}
      icon={<RotateCcw />}
      onDone={onDone}
      testId="service-restore"
    />
  );
}
