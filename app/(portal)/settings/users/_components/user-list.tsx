"use client";

import { CircleAlert, CircleCheck, LoaderCircle, Pencil, UserCheck, UserX } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import type { UserRole } from "@/db/schema/users";
import { assignableRoles, isBranchRole } from "@/lib/users/roles";
import { changeRoleAction, setActiveAction, type UsersActionState } from "../actions";
import { BranchChecklist, type BranchOption, FieldError, NativeSelect } from "./fields";
import { messageKey } from "./message";

/** One user, formatted on the server. */
export type UserView = {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  isActive: boolean;
  branches: BranchOption[];
  lastSignIn: string | null;
  self: boolean;
};

const initial: UsersActionState = { ok: true, message: null, fieldErrors: {} };

export function UserList({ users, branches, canUpdate }: { users: UserView[]; branches: BranchOption[]; canUpdate: boolean }) {
  const t = useTranslations("users.list");
  if (users.length === 0) return <p className="p-8 text-center text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <ul aria-label={t("label")} className="divide-y" data-testid="user-list">
      {users.map((u) => (
        <UserRow key={u.id} user={u} branches={branches} canUpdate={canUpdate} />
      ))}
    </ul>
  );
}

function UserRow({ user, branches, canUpdate }: { user: UserView; branches: BranchOption[]; canUpdate: boolean }) {
  const t = useTranslations("users");
  const tRoles = useTranslations("roles");
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, initial);
  const [activeState, activeAction, activePending] = useActionState(setActiveAction, initial);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [role, setRole] = useState<string>(user.role);
  const [branchIds, setBranchIds] = useState<string[]>(user.branches.map((b) => b.id));
  const [answered, setAnswered] = useState<{ role?: number; active?: number }>({});

  // Close the editor after a saved change and the confirmation after any answer.
  if (roleState.at !== answered.role) {
    setAnswered((a) => ({ ...a, role: roleState.at }));
    if (roleState.ok && roleState.message) setEditing(false);
  }
  if (activeState.at !== answered.active) {
    setAnswered((a) => ({ ...a, active: activeState.at }));
    setConfirming(false);
  }
  const feedback = [roleState, activeState].filter((s) => s.message).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
  // By hand, not <form action>: React's reset after an action would untick the branch boxes.
  const submitRole = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => roleAction(data));
  };
  const mayChange = canUpdate && !user.self && user.role !== "platform_admin";

  return (
    <li className="flex flex-col gap-3 p-4" data-testid="user-row" data-email={user.email} data-active={user.isActive ? "true" : "false"}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
            <span data-testid="user-name">{user.name}</span>
            {user.self && <Badge variant="secondary">{t("list.you")}</Badge>}
            <Badge variant={user.role === "company_admin" ? "default" : "outline"} data-testid="user-role">
              {tRoles(user.role)}
            </Badge>
            <Badge variant={user.isActive ? "success" : "muted"} data-testid="user-status">
              {user.isActive ? t("list.active") : t("list.inactive")}
            </Badge>
          </p>
          <p className="truncate text-sm text-muted-foreground">{user.email}</p>
          <dl className="grid gap-x-4 gap-y-0.5 text-xs text-muted-foreground sm:grid-cols-[auto_1fr]">
            <dt>{t("list.branches")}</dt>
            <dd data-testid="user-branches">
              {isBranchRole(user.role) ? user.branches.map((b) => b.name).join(", ") || "—" : t("list.allBranches")}
            </dd>
            <dt>{t("list.lastSignIn")}</dt>
            <dd>{user.lastSignIn ?? t("list.never")}</dd>
          </dl>
        </div>
        {mayChange && !editing && !confirming && (
          <div className="flex shrink-0 flex-wrap gap-2">
            {user.isActive && (
              <Button type="button" variant="outline" size="sm" onClick={() => setEditing(true)} data-testid="user-edit">
                <Pencil aria-hidden />
                {t("edit.open")}
              </Button>
            )}
            <Button
              type="button"
              variant={user.isActive ? "destructive" : "outline"}
              size="sm"
              onClick={() => setConfirming(true)}
              data-testid={user.isActive ? "user-deactivate" : "user-reactivate"}
            >
              {user.isActive ? <UserX aria-hidden /> : <UserCheck aria-hidden />}
              {user.isActive ? t("active.deactivate") : t("active.reactivate")}
            </Button>
          </div>
        )}
      </div>

      {feedback && (
        <Alert variant={feedback.ok ? "default" : "destructive"} role="status" data-testid="user-message">
          {feedback.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{t(`messages.${messageKey(feedback.message)}`)}</AlertDescription>
        </Alert>
      )}

      {mayChange && confirming && (
        <form action={activeAction} className="flex flex-col gap-3 rounded-md border bg-muted/40 p-3 sm:flex-row sm:items-center sm:justify-between">
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="active" value={user.isActive ? "false" : "true"} />
          <p className="text-sm">
            {user.isActive ? t("active.confirmDeactivate", { name: user.name }) : t("active.confirmReactivate", { name: user.name })}
          </p>
          <div className="flex shrink-0 gap-2">
            <Button type="button" variant="ghost" size="sm" onClick={() => setConfirming(false)} disabled={activePending}>
              {t("active.cancel")}
            </Button>
            <Button
              type="submit"
              variant={user.isActive ? "destructive" : "default"}
              size="sm"
              disabled={activePending}
              data-testid="user-active-confirm"
            >
              {activePending && <LoaderCircle className="animate-spin" aria-hidden />}
              {t("active.confirm")}
            </Button>
          </div>
        </form>
      )}

      {mayChange && editing && (
        <form onSubmit={submitRole} noValidate className="flex flex-col gap-3 rounded-md border bg-muted/40 p-3" data-testid="user-role-form">
          <input type="hidden" name="userId" value={user.id} />
          <div className="flex flex-col gap-2 sm:max-w-xs">
            <Label htmlFor={`role-${user.id}`}>{t("invite.role")}</Label>
            <NativeSelect
              id={`role-${user.id}`}
              name="role"
              value={role}
              onChange={(e) => setRole(e.target.value)}
              data-testid="user-role-select"
            >
              {assignableRoles.map((r) => (
                <option key={r} value={r}>
                  {tRoles(r)}
                </option>
              ))}
            </NativeSelect>
            <FieldError id={`role-${user.id}-error`} code={roleState.fieldErrors.role} testId="user-role-error" />
          </div>
          {isBranchRole(role) && (
            <div className="flex flex-col gap-2">
              <span className="text-sm font-medium">{t("invite.branches")}</span>
              <BranchChecklist
                idPrefix={`branch-${user.id}`}
                branches={branches}
                value={branchIds}
                onChange={setBranchIds}
                invalid={!!roleState.fieldErrors.branchIds}
                testId="user-branches-select"
              />
              <FieldError id={`branches-${user.id}-error`} code={roleState.fieldErrors.branchIds} testId="user-branches-error" />
            </div>
          )}
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={rolePending} data-testid="user-role-save">
              {rolePending && <LoaderCircle className="animate-spin" aria-hidden />}
              {t("edit.save")}
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={() => setEditing(false)} disabled={rolePending}>
              {t("edit.cancel")}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
