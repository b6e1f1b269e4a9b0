"use client";

import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { OpeningHours } from "@/db/schema/companies";
import type { Weekday } from "@/lib/branches/opening-hours";
import { type BranchFormState, saveOpeningHoursAction } from "../actions";
import { messageText } from "./branch-delete";
import { OpeningHoursEditor, type Week, weekOf } from "./opening-hours-editor";

const initial: BranchFormState = { ok: false };

/** The branch page's opening-hours card: the weekly grid and its own save. */
export function OpeningHoursForm({ branchId, hours, readOnly }: { branchId: string; hours: OpeningHours; readOnly?: boolean }) {
  const t = useTranslations("branches");
  const [week, setWeek] = useState<Week>(() => weekOf(hours));
  const [stale, setStale] = useState<ReadonlySet<Weekday>>(new Set());
  const [state, action, pending] = useActionState(saveOpeningHoursAction, initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setStale(new Set());
    startTransition(() => action(data));
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="opening-hours-form">
      <input type="hidden" name="id" value={branchId} />
      <input type="hidden" name="openingHours" value={JSON.stringify(week)} />
      {state.message && stale.size === 0 && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="opening-hours-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(t, state)}</AlertDescription>
        </Alert>
      )}
      <OpeningHoursEditor
        week={week}
        onChange={(next, days) => {
          setWeek(next);
          setStale((current) => new Set([...current, ...days]));
        }}
        errors={state.fieldErrors ?? {}}
        staleDays={stale}
        disabled={readOnly}
      />
      {!readOnly && (
        <div>
          <Button type="submit" disabled={pending} data-testid="opening-hours-submit">
            {pending && <LoaderCircle className="animate-spin" />}
            {t("hours.save")}
          </Button>
        </div>
      )}
    </form>
  );
}
