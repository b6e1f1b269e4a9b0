"use client";

import { useTranslations } from "next-intl";
import { ConfirmActionDialog } from "@/components/forms/confirm-dialog";
import { deletePhoneNumberAction, type TelephonyActionState } from "../actions";

const initial: TelephonyActionState = { ok: false, message: null };

/** Asks before deleting a number for good. */
export function PhoneNumberDeleteDialog({
  number,
  open,
  onOpenChange,
  onDone,
}: {
  number: { id: string; e164: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: (state: TelephonyActionState) => void;
}) {
  const t = useTranslations("phoneNumbers");
  const tForms = useTranslations("forms");
  return (
    <ConfirmActionDialog
      open={open}
      onOpenChange={onOpenChange}
      action={deletePhoneNumberAction}
      initialState={initial}
      fields={{ id: number.id }}
      title={t("deleteDialog.title", { number: number.e164 })}
      description={t("deleteDialog.description")}
      cancelLabel={tForms("cancel")}
      confirmLabel={t("deleteDialog.confirm")}
      messageOf={(state) => t(`messages.${state.message}` as "messages.not_found")}
      onDone={onDone}
      testId="phone-number-delete-dialog"
      confirmTestId="phone-number-delete-confirm"
      messageTestId="phone-number-delete-error"
    />
  );
}
