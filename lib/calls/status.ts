import type { Call, CallStatus } from "@/db/schema";

// The one call state machine (design.md §3). Retell's webhooks arrive late, twice or not at all
// (integrations.md §1.1): call_ended may come without call_started, call_analyzed after it, and
// a retried call_started may land after the end. So a status only moves forward —
// registered → ongoing → a final one (ended, not_connected, error) — and a final status stays.
// Whatever the order of delivery, the call ends in the same place.

export const CALL_TRANSITIONS = {
  registered: ["ongoing", "ended", "not_connected", "error"],
  ongoing: ["ended", "error"],
  ended: [],
  not_connected: [],
  error: [],
} as const satisfies Record<CallStatus, readonly CallStatus[]>;

/** Calls still running (the live board). */
export const LIVE_CALL_STATUSES = ["registered", "ongoing"] as const satisfies readonly CallStatus[];

export const CALL_EVENTS = [
  "call_started",
  "call_ended",
  "call_analyzed",
  "transcript_updated",
  "transfer_started",
  "transfer_bridged",
  "transfer_cancelled",
  "transfer_ended",
] as const;
export type CallEvent = (typeof CALL_EVENTS)[number];

const CALL_STATUS_VALUES: readonly string[] = Object.keys(CALL_TRANSITIONS);

export function isCallStatus(value: unknown): value is CallStatus {
  return typeof value === "string" && CALL_STATUS_VALUES.includes(value);
}

export function isCallEvent(value: unknown): value is CallEvent {
  return typeof value === "string" && (CALL_EVENTS as readonly string[]).includes(value);
}

export function canTransitionCall(from: CallStatus, to: CallStatus): boolean {
  return (CALL_TRANSITIONS[from] as readonly CallStatus[]).includes(to);
}

export function isFinalCallStatus(status: CallStatus): boolean {
  return CALL_TRANSITIONS[status].length === 0;
}

export function isLiveCallStatus(status: CallStatus): boolean {
  return (LIVE_CALL_STATUSES as readonly CallStatus[]).includes(status);
}

/**
 * The status an event asks for: the final status the payload reports (call_status), if final;
 * otherwise "ended" for call_ended/call_analyzed (the call is over whatever it says) and
 * "ongoing" for the rest (a transcript turn or a transfer means someone is talking).
 */
export function targetCallStatus(event: CallEvent, reported?: string | null): CallStatus {
  if (isCallStatus(reported) && isFinalCallStatus(reported)) return reported;
  return event === "call_ended" || event === "call_analyzed" ? "ended" : "ongoing";
}

/**
 * The status after an event: the target when the machine allows it, else the current one
 * (a late call_started after the end, a second call_ended). current null: a new row.
 */
export function nextCallStatus(current: CallStatus | null, event: CallEvent, reported?: string | null): CallStatus {
  const target = targetCallStatus(event, reported);
  if (current === null) return target;
  return canTransitionCall(current, target) ? target : current;
}

/** The columns a webhook fills in (never company, ids or the Retell call id). */
export type CallEventFields = Partial<
  Pick<
    Call,
    | "direction"
    | "fromNumber"
    | "toNumber"
    | "startedAt"
    | "endedAt"
    | "analyzedAt"
    | "durationMs"
    | "disconnectionReason"
    | "summary"
    | "sentiment"
    | "successful"
    | "analysis"
    | "transferStatus"
    | "transferDestination"
    | "transferredAt"
    | "recordingUrl"
    | "publicLogUrl"
  >
>;

export type CallSnapshot = { status: CallStatus; lastEventAt: Date | null } & CallEventFields;

export type IncomingCallEvent = {
  type: CallEvent;
  /** The event's provider time (e.g. end_timestamp for call_ended), else when it was received. */
  at: Date;
  /** The payload's call_status. */
  reportedStatus?: string | null;
  fields: CallEventFields;
};

/**
 * What one event changes on a call (or the values of a new one). Out-of-order safe:
 *   - status through nextCallStatus (never backwards);
 *   - a value never clears a known one (null/undefined are "not said");
 *   - an event older than the newest applied one (at < lastEventAt) only fills what is unknown;
 *   - last_event_at is the newest event time seen.
 * Applying the same events in any order, or twice, gives the same row. `changed` is false when
 * nothing would be written (a duplicate): the caller skips the update.
 */
export function applyCallEvent(
  current: CallSnapshot | null,
  event: IncomingCallEvent,
): { status: CallStatus; lastEventAt: Date; patch: CallEventFields; changed: boolean } {
  const status = nextCallStatus(current?.status ?? null, event.type, event.reportedStatus);
  const stale = Boolean(current?.lastEventAt && event.at.getTime() < current.lastEventAt.getTime());
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.fields) as [keyof CallEventFields, unknown][]) {
    if (value === null || value === undefined) continue;
    const known = current?.[key];
    if (known !== null && known !== undefined && (stale || sameValue(known, value))) continue;
    patch[key] = value;
  }
  const lastEventAt =
    current?.lastEventAt && current.lastEventAt.getTime() > event.at.getTime() ? current.lastEventAt : event.at;
  const changed =
    current === null ||
    status !== current.status ||
    Object.keys(patch).length > 0 ||
    lastEventAt.getTime() !== current.lastEventAt?.getTime();
  return { status, lastEventAt, patch: patch as CallEventFields, changed };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
