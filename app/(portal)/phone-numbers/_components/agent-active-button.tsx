"use client";

import { LoaderCircle, Power, PowerOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { setAgentActiveAction, type TelephonyActionState } from "../actions";

const initial: TelephonyActionState = { ok: false, message: null };

/** Deactivates or activates an agent from its row. */
export function AgentActiveButton({ id, active }: { id: string; active: boolean }) {
  const t = useTranslations("phoneNumbers");
  const [state, action, pending] = useActionState(setAgentActiveAction, initial);
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="mode" value={active ? "deactivate" : "activate"} />
      <Button type="submit" size="sm" variant="ghost" disabled={pending} data-testid={active ? "agent-deactivate" : "agent-activate"}>
        {pending ? <LoaderCircle className="animate-spin" /> : active ? <PowerOff /> : <Power />}
        {active ? t("agents.actions.deactivate") : t("agents.actions.activate")}
      </Button>
      {state.at && !state.ok && state.message && (
        <span role="alert" className="text-xs text-destructive">
          {t(`messages.${state.message}` as "messages.not_found")}
        </span>
      )}
    </form>
  );
}
