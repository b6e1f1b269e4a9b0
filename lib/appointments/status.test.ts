import { describe, expect, it } from "vitest";
import { appointmentStatus, type AppointmentStatus } from "@/db/schema";
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  InvalidStatusTransitionError,
  isActiveStatus,
  isFinalStatus,
} from "./status";

// The specification, written out independently of the implementation's table: every one of the
// 6×6 pairs below is checked, so a transition added or lost on either side fails a test.
const SPEC: Record<AppointmentStatus, AppointmentStatus[]> = {
  pending: ["booked", "confirmed", "cancelled"],
  booked: ["confirmed", "completed", "no_show", "cancelled"],
  confirmed: ["completed", "no_show", "cancelled"],
  completed: [],
  no_show: [],
  cancelled: [],
};
const ACTIVE: AppointmentStatus[] = ["pending", "booked", "confirmed"];

const statuses = appointmentStatus.enumValues;
const pairs = statuses.flatMap((from) =>
  statuses.map((to) => ({ from, to, allowed: SPEC[from].includes(to) })),
);

describe("appointment status machine", () => {
  it("the spec covers exactly the database enum", () => {
    expect(Object.keys(SPEC).sort()).toEqual([...statuses].sort());
    expect(pairs).toHaveLength(36);
  });

  it.each(pairs)("$from → $to allowed: $allowed", ({ from, to, allowed }) => {
    expect(canTransition(from, to)).toBe(allowed);
    expect(allowedTransitions(from).includes(to)).toBe(allowed);
    if (allowed) {
      expect(() => assertTransition(from, to)).not.toThrow();
      return;
    }
    let caught: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidStatusTransitionError);
    expect(caught).toMatchObject({ from, to, code: "invalid_status_transition" });
  });

  it.each(statuses)("%s: active and final flags", (status) => {
    expect(isActiveStatus(status)).toBe(ACTIVE.includes(status));
    expect(isFinalStatus(status)).toBe(SPEC[status].length === 0);
  });

  it("no status transitions to itself", () => {
    for (const s of statuses) expect(canTransition(s, s)).toBe(false);
  });
});
