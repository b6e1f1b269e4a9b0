"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import { type ReactNode, useActionState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";

// The one "are you sure?" dialog of the portal (delete, archive, …) and the one-click action
// button (restore): each posts a small form (hidden fields, e.g. id and mode) to a server action
// and shows the action's refusal in place. The section passes its texts, test ids and how to
// turn a refusal's message code into text; the plumbing is the same everywhere.

/** What the actions these drive answer (FormState and the sections' action states fit it). */
export type ActionAnswer = { ok: boolean; message?: string | null };

type ServerAction<S> = (previous: S, formData: FormData) => Promise<S>;

function HiddenFields({ fields }: { fields: Record<string, string> }) {
  return Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

export type ConfirmActionDialogProps<S extends ActionAnswer> = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The server action and its state before the first answer. */
  action: ServerAction<S>;
  initialState: S;
  /** Posted as hidden inputs (id, mode, …). */
  fields: Record<string, string>;
  title: ReactNode;
  description: ReactNode;
  cancelLabel: ReactNode;
  confirmLabel: ReactNode;
  /** Shown on the confirm button while not pending (a spinner while pending). */
  confirmIcon?: ReactNode;
  /** A refusal's text (called only for answers that are not ok and carry a message). */
  messageOf: (state: S) => ReactNode;
  /** Called with an ok answer, after the dialog asked to close. */
  onDone?: (state: S) => void;
  testId: string;
  confirmTestId: string;
  messageTestId?: string;
};

/** Asks before a destructive action; a refusal stays in the dialog, success closes it. */
export function ConfirmActionDialog<S extends ActionAnswer>({
  open,
  onOpenChange,
  action,
  initialState,
  fields,
  title,
  description,
  cancelLabel,
  confirmLabel,
  confirmIcon,
  messageOf,
  onDone,
  testId,
  confirmTestId,
  messageTestId,
}: ConfirmActionDialogProps<S>) {
  const [answer, dispatch, pending] = useActionState<S, FormData>(async (previous, formData) => {
    const next = await action(previous as S, formData);
    if (next.ok) {
      onOpenChange(false);
      onDone?.(next);
    }
    return next;
  }, initialState as Awaited<S>);
  const state = answer as S;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid={testId}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {!state.ok && state.message && (
          <Alert variant="destructive" role="status" data-testid={messageTestId}>
            <CircleAlert />
            <AlertDescription>{messageOf(state)}</AlertDescription>
          </Alert>
        )}
        <form action={dispatch}>
          <HiddenFields fields={fields} />
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {cancelLabel}
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" disabled={pending} data-testid={confirmTestId}>
              {pending ? <LoaderCircle className="animate-spin" /> : confirmIcon}
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export type ActionButtonProps<S extends ActionAnswer> = {
  action: ServerAction<S>;
  initialState: S;
  fields: Record<string, string>;
  label: ReactNode;
  icon?: ReactNode;
  variant?: "outline" | "default";
  /** Called with every answer (ok or not). */
  onDone?: (state: S) => void;
  testId: string;
};

/**
 * A one-click action with nothing to confirm (restore: nothing is lost by it). The last answer's
 * message code is on the button as data-state.
 */
export function ActionButton<S extends ActionAnswer>({ action, initialState, fields, label, icon, variant = "outline", onDone, testId }: ActionButtonProps<S>) {
  const [answer, dispatch, pending] = useActionState<S, FormData>(async (previous, formData) => {
    const next = await action(previous as S, formData);
    onDone?.(next);
    return next;
  }, initialState as Awaited<S>);
  const state = answer as S;
  return (
    <form action={dispatch} className="contents">
      <HiddenFields fields={fields} />
      <Button type="submit" variant={variant} size="sm" disabled={pending} data-testid={testId} data-state={state.message ?? undefined}>
        {pending ? <LoaderCircle className="animate-spin" /> : icon}
        {label}
      </Button>
    </form>
  );
}
