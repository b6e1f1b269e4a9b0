import type { AppointmentStatus } from "@/db/schema";

// The one appointment state machine (design.md §3). Every write that changes a status — the
// portal, the voice agent, Cal.com sync, Inngest sweeps — checks it here first.

export const APPOINTMENT_TRANSITIONS = {
  pending: ["booked", "confirmed", "cancelled"],
  booked: ["confirmed", "completed", "no_show", "cancelled"],
  confirmed: ["completed", "no_show", "cancelled"],
  completed: [],
  no_show: [],
  cancelled: [],
} as const satisfies Record<AppointmentStatus, readonly AppointmentStatus[]>;

/** Statuses that occupy the staff member's calendar (a slot taken by them is not free). */
export const ACTIVE_APPOINTMENT_STATUSES = ["pending", "booked", "confirmed"] as const satisfies readonly AppointmentStatus[];

export class InvalidStatusTransitionError extends Error {
  override name = "InvalidStatusTransitionError";
  readonly code = "invalid_status_transition";

  constructor(
    readonly from: AppointmentStatus,
    readonly to: AppointmentStatus,
  ) {
    super(`An appointment cannot go from "${from}" to "${to}"`);
  }
}

export function allowedTransitions(from: AppointmentStatus): readonly AppointmentStatus[] {
  return APPOINTMENT_TRANSITIONS[from];
}

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return (APPOINTMENT_TRANSITIONS[from] as readonly AppointmentStatus[]).includes(to);
}

export function assertTransition(from: AppointmentStatus, to: AppointmentStatus): void {
  if (!canTransition(from, to)) throw new InvalidStatusTransitionError(from, to);
}

export function isActiveStatus(status: AppointmentStatus): boolean {
  return (ACTIVE_APPOINTMENT_STATUSES as readonly AppointmentStatus[]).includes(status);
}

export function isFinalStatus(status: AppointmentStatus): boolean {
  return APPOINTMENT_TRANSITIONS[status].length === 0;
}
