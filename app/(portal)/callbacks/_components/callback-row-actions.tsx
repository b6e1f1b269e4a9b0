"use client";

import { CheckCheck, ExternalLink, PhoneOutgoing, UserPlus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState } from "react";
import { DataTableRowActions } from "@/components/data-table/data-table-row-actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { CallbackListRow } from "@/lib/callbacks/list";
import { assignCallbackAction, type CallbackRowActionState, completeCallbackAction, contactCallbackAction } from "../actions";

const initial: CallbackRowActionState = { ok: true, message: null };
const MESSAGES = ["not_found", "invalid_transition", "assignee_not_found", "invalid"] as const;

/** A callback's "⋯" menu: assign (a dialog), mark contacted, complete — each offered only where the state machine allows it. */
export function CallbackRowActions({ row, canUpdate, assignees }: { row: CallbackListRow; canUpdate: boolean; assignees: { id: string; name: string }[] }) {
  const t = useTranslations("callbacks");
  const [assignOpen, setAssignOpen] = useState(false);
  const [assignState, assign, assigning] = useActionState(assignCallbackAction, initial);
  const [contactState, contact] = useActionState(contactCallbackAction, initial);
  const [completeState, complete] = useActionState(completeCallbackAction, initial);
  const [answered, setAnswered] = useState<number | undefined>(undefined);
  if (assignState.at !== answered) {
    setAnswered(assignState.at);
    if (assignState.ok && assignState.at) setAssignOpen(false);
  }
  const run = (action: (data: FormData) => void) => {
    const data = new FormData();
    data.set("id", row.id);
    startTransition(() => action(data));
  };
  const failure = [contactState, completeState].find((s) => !s.ok && s.message)?.message;
  const messageOf = (code: string | null | undefined) => (code && (MESSAGES as readonly string[]).includes(code) ? t(`messages.${code as (typeof MESSAGES)[number]}`) : null);

  const canAssign = canUpdate && (row.status === "open" || row.status === "assigned");
  const canContact = canUpdate && row.status === "assigned";
  const canComplete = canUpdate && row.status === "contacted";

  return (
    <div className="flex items-center justify-end gap-1">
      {failure && (
        <span className="max-w-40 truncate text-xs text-destructive" role="status" data-testid="callback-action-error">
          {messageOf(failure)}
        </span>
      )}
      <DataTableRowActions testId="callback-row-actions">
        {row.callId && (
          <DropdownMenuItem asChild>
            <Link href={`/calls/${row.callId}`} data-testid="callback-open-call">
              <ExternalLink />
              {t("actions.openCall")}
            </Link>
          </DropdownMenuItem>
        )}
        {canAssign && (
          <DropdownMenuItem onSelect={() => setAssignOpen(true)} data-testid="callback-assign">
            <UserPlus />
            {row.status === "assigned" ? t("actions.reassign") : t("actions.assign")}
          </DropdownMenuItem>
        )}
        {canContact && (
          <DropdownMenuItem onSelect={() => run(contact)} data-testid="callback-contacted">
            <PhoneOutgoing />
            {t("actions.contacted")}
          </DropdownMenuItem>
        )}
        {canComplete && (
          <DropdownMenuItem onSelect={() => run(complete)} data-testid="callback-complete">
            <CheckCheck />
            {t("actions.complete")}
          </DropdownMenuItem>
        )}
        {!row.callId && !canAssign && !canContact && !canComplete && (
          <DropdownMenuItem disabled>{t("actions.none")}</DropdownMenuItem>
        )}
      </DataTableRowActions>
      <Dialog open={assignOpen} onOpenChange={setAssignOpen}>
        <DialogContent data-testid="callback-assign-dialog">
          <DialogHeader>
            <DialogTitle>{t("assign.title")}</DialogTitle>
            <DialogDescription>{t("assign.description", { name: row.name ?? row.phone ?? "–" })}</DialogDescription>
          </DialogHeader>
          <form action={assign} className="flex flex-col gap-4">
            <input type="hidden" name="id" value={row.id} />
            <div className="grid gap-1.5">
              <Label htmlFor={`assignee-${row.id}`}>{t("assign.user")}</Label>
              <NativeSelect id={`assignee-${row.id}`} name="userId" defaultValue={row.assigneeId ?? ""} required data-testid="callback-assign-user">
                <option value="" disabled>
                  {t("assign.choose")}
                </option>
                {assignees.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </NativeSelect>
              {!assignState.ok && assignState.message && (
                <p className="text-sm text-destructive" data-testid="callback-assign-error">
                  {messageOf(assignState.message)}
                </p>
              )}
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setAssignOpen(false)}>
                {t("assign.cancel")}
              </Button>
              <Button type="submit" disabled={assigning} data-testid="callback-assign-submit">
                {t("assign.submit")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
