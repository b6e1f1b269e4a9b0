"use client";

import { CircleAlert, CircleCheck, LoaderCircle, RotateCw, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { UserRole } from "@/db/schema/users";
import { invitationAction, type UsersActionState } from "../actions";
import { messageKey } from "./message";

/** One open invitation, formatted on the server. */
export type InvitationView = {
  id: string;
  email: string;
  role: UserRole;
  branches: string[];
  expires: string;
  expiresIso: string;
  expired: boolean;
};

const initial: UsersActionState = { ok: true, message: null, fieldErrors: {} };

export function InvitationList({ invitations, canWrite }: { invitations: InvitationView[]; canWrite: boolean }) {
  const t = useTranslations("users");
  const tRoles = useTranslations("roles");
  const [state, action, pending] = useActionState(invitationAction, initial);

  return (
    <div className="flex flex-col gap-3">
      {state.message && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="invitation-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{t(`messages.${messageKey(state.message)}`)}</AlertDescription>
        </Alert>
      )}
      {invitations.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="invitations-empty">
          {t("invitations.empty")}
        </p>
      ) : (
        <ul aria-label={t("invitations.label")} className="divide-y rounded-md border" data-testid="invitation-list">
          {invitations.map((i) => (
            <li
              key={i.id}
              className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center sm:justify-between"
              data-testid="invitation-row"
              data-email={i.email}
            >
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  <span className="truncate">{i.email}</span>
                  <Badge variant="outline">{tRoles(i.role)}</Badge>
                  {i.branches.length > 0 && <span className="text-xs text-muted-foreground">{i.branches.join(", ")}</span>}
                </p>
                <p className={i.expired ? "text-xs text-destructive" : "text-xs text-muted-foreground"} data-testid="invitation-expiry">
                  <time dateTime={i.expiresIso}>
                    {i.expired ? t("invitations.expired", { date: i.expires }) : t("invitations.expires", { date: i.expires })}
                  </time>
                </p>
              </div>
              {canWrite && (
                <form action={action} className="flex shrink-0 gap-2">
                  <input type="hidden" name="invitationId" value={i.id} />
                  <Button type="submit" name="mode" value="resend" variant="outline" size="sm" disabled={pending} data-testid="invitation-resend">
                    {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : <RotateCw aria-hidden />}
                    {t("invitations.resend")}
                  </Button>
                  <Button type="submit" name="mode" value="revoke" variant="ghost" size="sm" disabled={pending} data-testid="invitation-revoke">
                    <X aria-hidden />
                    {t("invitations.revoke")}
                  </Button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
