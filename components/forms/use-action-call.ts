"use client";

import { useCallback, useTransition } from "react";

// Calls a form's server action without a form (a menu item's "restore"): the fields go into a
// FormData as the form would post them, and the answer goes to onDone.

type ServerAction<S> = (previous: S, formData: FormData) => Promise<S>;

/** [call(fields), pending]: posts `fields` to `action` in a transition and hands its answer to onDone. */
export function useActionCall<S>(action: ServerAction<S>, initialState: S, onDone: (state: S) => void): [(fields: Record<string, string>) => void, boolean] {
  const [pending, startTransition] = useTransition();
  const call = useCallback(
    (fields: Record<string, string>) =>
      startTransition(async () => {
        const data = new FormData();
        for (const [name, value] of Object.entries(fields)) data.set(name, value);
        onDone(await action(initialState, data));
      }),
    [action, initialState, onDone],
  );
  return [call, pending];
}
