"use client";

import { CircleAlert, CircleCheck, LoaderCircle, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { assignableRoles, isBranchRole } from "@/lib/users/roles";
import { inviteAction, type UsersActionState } from "../actions";
import { BranchChecklist, type BranchOption, FieldError, NativeSelect } from "./fields";
import { messageKey } from "./message";

const initial: UsersActionState = { ok: true, message: null, fieldErrors: {} };

/** Email, role, branches (branch roles only) and the mail's language; errors inline. */
export function InviteForm({ branches, defaultLocale }: { branches: BranchOption[]; defaultLocale: "de" | "en" }) {
  const t = useTranslations("users");
  const tRoles = useTranslations("roles");
  const [state, action, pending] = useActionState(inviteAction, initial);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<string>("staff");
  const [branchIds, setBranchIds] = useState<string[]>([]);
  const [locale, setLocale] = useState<string>(defaultLocale);
  const [answered, setAnswered] = useState<number | undefined>(undefined);
  const errors = state.fieldErrors;
  // Submitted by hand, not through <form action>: React resets a form after its action, and a
  // refused invitation must keep what was typed (controlled checkboxes lose their ticks there).
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };

  // A sent invitation clears the form for the next one (adjusting state while rendering).
  if (state.at !== answered) {
    setAnswered(state.at);
    if (state.ok && state.message) {
      setEmail("");
      setRole("staff");
      setBranchIds([]);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="invite-form">
      {state.message && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="invite-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{t(`messages.${messageKey(state.message)}`)}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Label htmlFor="invite-email">{t("invite.email")}</Label>
          <Input
            id="invite-email"
            name="email"
            type="email"
            autoComplete="off"
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "invite-email-error" : undefined}
            data-testid="invite-email"
          />
          <FieldError id="invite-email-error" code={errors.email} testId="invite-email-error" />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="invite-role">{t("invite.role")}</Label>
          <NativeSelect
            id="invite-role"
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value)}
            aria-invalid={errors.role ? true : undefined}
            data-testid="invite-role"
          >
            {assignableRoles.map((r) => (
              <option key={r} value={r}>
                {tRoles(r)}
              </option>
            ))}
          </NativeSelect>
          <FieldError id="invite-role-error" code={errors.role} testId="invite-role-error" />
        </div>
      </div>
      {isBranchRole(role) && (
        <div className="flex flex-col gap-2">
          <span className="text-sm font-medium" id="invite-branches-label">
            {t("invite.branches")}
          </span>
          <BranchChecklist
            idPrefix="invite-branch"
            branches={branches}
            value={branchIds}
            onChange={setBranchIds}
            invalid={!!errors.branchIds}
            describedBy="invite-branches-hint"
            testId="invite-branches"
          />
          <FieldError id="invite-branches-error" code={errors.branchIds} testId="invite-branches-error" />
          <p id="invite-branches-hint" className="text-xs text-muted-foreground">
            {t("invite.branchesHint")}
          </p>
        </div>
      )}
      <div className="flex flex-col gap-2 sm:max-w-xs">
        <Label htmlFor="invite-locale">{t("invite.language")}</Label>
        <NativeSelect
          id="invite-locale"
          name="locale"
          value={locale}
          onChange={(e) => setLocale(e.target.value)}
          data-testid="invite-locale"
        >
          <option value="de">{t("languages.de")}</option>
          <option value="en">{t("languages.en")}</option>
        </NativeSelect>
        <FieldError id="invite-locale-error" code={errors.locale} testId="invite-locale-error" />
      </div>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending} data-testid="invite-submit">
          {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : <Send aria-hidden />}
          {pending ? t("invite.submitting") : t("invite.submit")}
        </Button>
      </div>
    </form>
  );
}
