"use client";

import { RotateCcw, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { ActionButton, ConfirmActionDialog } from "@/components/forms/confirm-dialog";
import { intlLocale } from "@/lib/i18n/config";
import { deleteStaffAction, type StaffFormState } from "../actions";

const initial: StaffFormState = { ok: true, message: null };

/** Dates in messages ("2026-03-01") as the reader writes them. */
export function useDateText() {
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(intlLocale(locale), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? format.format(new Date(`${date}T00:00:00Z`)) : date);
}

/** An action's message in the catalog, with its values (counts as numbers for the plurals, dates formatted). */
export function useMessageText() {
  const t = useTranslations("staff");
  const dateText = useDateText();
  return (state: { message?: string | null; messageValues?: Record<string, string> }) => {
    const values = state.messageValues ?? {};
    return t(`messages.${state.message}` as "messages.saved", {
      ...values,
      count: Number(values.count ?? 0),
      from: dateText(values.from ?? ""),
      to: values.to ? dateText(values.to) : t("hours.openEnded"),
    });
  };
}

/** Asks before deleting a staff member; a refusal (upcoming appointments) is shown in the dialog. */
export function DeleteStaffDialog({ member, open, onOpenChange, onDone }: { member: { id: string; displayName: string }; open: boolean; onOpenChange: (open: boolean) => void; onDone?: (state: StaffFormState) => void }) {
  const t = useTranslations("staff");
  const messageText = useMessageText();
  return (
    <ConfirmActionDialog
      open={open}
      onOpenChange={onOpenChange}
      action={deleteStaffAction}
      initialState={initial}
      fields={{ id: member.id, mode: "delete" }}
      title={t("delete.title", { name: member.displayName })}
      description={t("delete.description")}
      cancelLabel={t("delete.cancel")}
      confirmLabel={t("delete.confirm")}
      confirmIcon={<Trash2 />}
      messageOf={messageText}
      onDone={onDone}
      testId="staff-delete-dialog"
      confirmTestId="staff-delete-confirm"
      messageTestId="staff-delete-message"
    />
  );
}

/** Restores a deleted staff member (one click: nothing is lost by it). */
export function RestoreStaffButton({ id, onDone }: { id: string; onDone?: (state: StaffFormState) => void }) {
  const t = useTranslations("staff");
  return (
    <ActionButton
      action={deleteStaffAction}
      initialState={initial}
      fields={{ id, mode: "restore" }}
      label={t("actions.restore")}
      icon={<RotateCcw />}
      onDone={onDone}
      testId="staff-restore"
    />
  );
}
