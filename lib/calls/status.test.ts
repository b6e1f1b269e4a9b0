import { describe, expect, it } from "vitest";
import type { CallStatus } from "@/db/schema";
import {
  applyCallEvent,
  CALL_TRANSITIONS,
  canTransitionCall,
  type CallSnapshot,
  type IncomingCallEvent,
  isFinalCallStatus,
  nextCallStatus,
} from "./status";

const t = (seconds: number) => new Date(Date.UTC(2026, 4, 4, 10, 0, seconds));

const started: IncomingCallEvent = {
  type: "call_started",
  at: t(0),
  reportedStatus: "ongoing",
  fields: { startedAt: t(0), fromNumber: "+4915112345678", toNumber: "+493012345678", direction: "inbound" },
};
const ended: IncomingCallEvent = {
  type: "call_ended",
  at: t(61),
  reportedStatus: "ended",
  fields: { startedAt: t(0), endedAt: t(61), durationMs: 61_000, disconnectionReason: "user_hangup", summary: null },
};
const analyzed: IncomingCallEvent = {
  type: "call_analyzed",
  at: t(75),
  reportedStatus: "ended",
  fields: { endedAt: t(61), durationMs: 61_000, summary: "Termin gebucht", sentiment: "Positive", successful: true, analyzedAt: t(75) },
};

/** Applies events in order to an empty call, as the Inngest functions do row by row. */
function replay(events: IncomingCallEvent[]): CallSnapshot {
  let row: CallSnapshot | null = null;
  for (const event of events) {
    const next = applyCallEvent(row, event);
    row = { ...(row ?? {}), ...next.patch, status: next.status, lastEventAt: next.lastEventAt } as CallSnapshot;
  }
  return row!;
}

describe("call status machine", () => {
  it("only moves forward, and final statuses stay", () => {
    expect(canTransitionCall("registered", "ongoing")).toBe(true);
    expect(canTransitionCall("ongoing", "ended")).toBe(true);
    expect(canTransitionCall("registered", "not_connected")).toBe(true);
    expect(canTransitionCall("ended", "ongoing")).toBe(false);
    expect(canTransitionCall("ongoing", "registered")).toBe(false);
    expect(canTransitionCall("ongoing", "not_connected")).toBe(false);
    for (const status of ["ended", "not_connected", "error"] as CallStatus[]) {
      expect(isFinalCallStatus(status)).toBe(true);
      expect(CALL_TRANSITIONS[status]).toEqual([]);
    }
  });

  it("call_ended without call_started ends the call; a late call_started does not move it back", () => {
    expect(nextCallStatus(null, "call_ended", "ended")).toBe("ended");
    expect(nextCallStatus("registered", "call_ended", "ended")).toBe("ended");
    expect(nextCallStatus("ended", "call_started", "ongoing")).toBe("ended");
    expect(nextCallStatus("ended", "transcript_updated", "ongoing")).toBe("ended");
  });

  it("takes the final status the payload reports (dial failures are not_connected, errors error)", () => {
    expect(nextCallStatus(null, "call_ended", "not_connected")).toBe("not_connected");
    expect(nextCallStatus("ongoing", "call_ended", "error")).toBe("error");
    // A non-final report on call_ended is nonsense: the call is over.
    expect(nextCallStatus("ongoing", "call_ended", "ongoing")).toBe("ended");
    expect(nextCallStatus("registered", "call_analyzed", undefined)).toBe("ended");
    // call_analyzed after call_ended changes nothing.
    expect(nextCallStatus("ended", "call_analyzed", "ended")).toBe("ended");
    expect(nextCallStatus("not_connected", "call_analyzed", "ended")).toBe("not_connected");
  });

  it("transcript and transfer events mean the call is live", () => {
    expect(nextCallStatus("registered", "transcript_updated", null)).toBe("ongoing");
    expect(nextCallStatus(null, "transfer_started", "ongoing")).toBe("ongoing");
    expect(nextCallStatus("ongoing", "transfer_ended", null)).toBe("ongoing");
  });
});

describe("applyCallEvent", () => {
  it("ends in the same row whatever the order of delivery", () => {
    const inOrder = replay([started, ended, analyzed]);
    expect(inOrder).toMatchObject({
      status: "ended",
      lastEventAt: t(75),
      startedAt: t(0),
      endedAt: t(61),
      durationMs: 61_000,
      summary: "Termin gebucht",
      sentiment: "Positive",
      fromNumber: "+4915112345678",
    });
    const orders = [
      [analyzed, ended, started],
      [ended, started, analyzed],
      [analyzed, started, ended],
      [started, analyzed, ended],
    ];
    for (const order of orders) expect(replay(order)).toEqual(inOrder);
  });

  it("call_ended alone makes a complete ended call; call_analyzed after it adds the analysis", () => {
    const onlyEnded = replay([ended]);
    expect(onlyEnded).toMatchObject({ status: "ended", endedAt: t(61), durationMs: 61_000 });
    expect(onlyEnded.summary).toBeUndefined();
    expect(replay([ended, analyzed])).toMatchObject({ status: "ended", summary: "Termin gebucht", successful: true });
  });

  it("a duplicate delivery changes nothing", () => {
    const row = replay([started, ended]);
    const again = applyCallEvent(row, ended);
    expect(again.changed).toBe(false);
    expect(again.patch).toEqual({});
    expect(applyCallEvent(row, started).changed).toBe(false);
  });

  it("an older event fills unknown fields only; a newer one may change known ones; null never clears", () => {
    const row = replay([started, { type: "transfer_bridged", at: t(30), fields: { transferStatus: "bridged", transferDestination: "+493099999" } }]);
    // A late transfer_started (older) must not turn "bridged" back into "started".
    const late = applyCallEvent(row, { type: "transfer_started", at: t(20), fields: { transferStatus: "started", transferredAt: t(20) } });
    expect(late.patch).toEqual({ transferredAt: t(20) });
    expect(late.lastEventAt).toEqual(t(30));
    const newer = applyCallEvent(row, { type: "transfer_ended", at: t(50), fields: { transferStatus: "ended", transferDestination: null } });
    expect(newer.patch).toEqual({ transferStatus: "ended" });
    expect(newer.status).toBe("ongoing");
  });
});
