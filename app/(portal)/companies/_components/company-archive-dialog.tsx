"use client";

import { useTranslations } from "next-intl";
import { ConfirmActionDialog } from "@/components/forms/confirm-dialog";
import { archiveCompanyAction, type CompanyActionState } from "../actions";

const initial: CompanyActionState = { ok: false, message: null };

/** Asks before archiving a company. */
export function CompanyArchiveDialog({
  company,
  open,
  onOpenChange,
  onDone,
}: {
  company: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: (state: CompanyActionState) => void;
}) {
  const t = useTranslations("companies");
  const tForms = useTranslations("forms");
  return (
    <ConfirmActionDialog
      open={open}
      onOpenChange={onOpenChange}
      action={archiveCompanyAction}
      initialState={initial}
      fields={{ id: company.id, mode: "archive" }}
      title={t("archiveDialog.title", { name: company.name })}
      description={t("archiveDialog.description")}
      cancelLabel={tForms("cancel")}
      confirmLabel={t("archiveDialog.confirm")}
      messageOf={(state) => t(`messages.${state.message}` as "messages.not_found")}
      onDone={onDone}
      testId="company-archive-dialog"
      confirmTestId="company-archive-confirm"
    />
  );
}
