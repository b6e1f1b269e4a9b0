"use client";

import { RotateCcw, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { ActionButton, ConfirmActionDialog } from "@/components/forms/confirm-dialog";
import { type BranchActionState, deleteBranchAction } from "../actions";

const initial: BranchActionState = { ok: true, message: null };

/** An action's message in the catalog, with its values (counts as numbers for the plurals). */
export function messageText(t: ReturnType<typeof useTranslations<"branches">>, state: { message?: string | null; values?: Record<string, string>; messageValues?: Record<string, string> }) {
  const values = { ...state.values, ...state.messageValues };
  return t(`messages.${state.message}` as "messages.deleted", { ...values, count: Number(values.count ?? 0) });
}

/** Asks before deleting a branch; a refusal (upcoming appointments) is shown in the dialog. */
export function DeleteBranchDialog({ branch, open, onOpenChange, onDone }: { branch: { id: string; name: string }; open: boolean; onOpenChange: (open: boolean) => void; onDone?: (state: BranchActionState) => void }) {
  const t = useTranslations("branches");
  return (
    <ConfirmActionDialog
      open={open}
      onOpenChange={onOpenChange}
      action={deleteBranchAction}
      initialState={initial}
      fields={{ id: branch.id, mode: "delete" }}
      title={t("delete.title", { name: branch.name })}
      description={t("delete.description")}
      cancelLabel={t("delete.cancel")}
      confirmLabel={t("delete.confirm")}
      confirmIcon={<Trash2 />}
      messageOf={(state) => messageText(t, state)}
      onDone={onDone}
      testId="branch-delete-dialog"
      confirmTestId="branch-delete-confirm"
      messageTestId="branch-delete-message"
    />
  );
}

/** Restores a deleted branch (one click: nothing is lost by it). */
export function RestoreBranchButton({ id, variant = "outline", onDone }: { id: string; variant?: "outline" | "default"; onDone?: (state: BranchActionState) => void }) {
  const t = useTranslations("branches");
  return (
    <ActionButton
      action={deleteBranchAction}
      initialState={initial}
      fields={{ id, mode: "restore" }}
      label={t("actions.restore")}
      icon={<RotateCcw />}
      variant={variant}
      onDone={onDone}
      testId="branch-restore"
    />
  );
}
