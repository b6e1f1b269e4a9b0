import type { CallbackStatus } from "@/db/schema";

// The callback state machine: open → assigned → contacted → completed. Reassigning keeps a
// callback "assigned"; "expired" is set by the overdue sweep only (inngest), never by a person,
// so no transition here leads to it. Completed and expired are final.

export const CALLBACK_TRANSITIONS = {
  open: ["assigned"],
  assigned: ["assigned", "contacted"],
  contacted: ["completed"],
  completed: [],
  expired: [],
} as const satisfies Record<CallbackStatus, readonly CallbackStatus[]>;

/** Callbacks still to be worked on. */
export const OPEN_CALLBACK_STATUSES = ["open", "assigned", "contacted"] as const satisfies readonly CallbackStatus[];

export function canTransitionCallback(from: CallbackStatus, to: CallbackStatus): boolean {
  return (CALLBACK_TRANSITIONS[from] as readonly CallbackStatus[]).includes(to);
}
