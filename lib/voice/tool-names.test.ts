import { describe, expect, it } from "vitest";
import { isToolName, normalizeToolName, TOOL_NAMES } from "./tool-names";

describe("normalizeToolName", () => {
  it("knows every tool by its plain name", () => {
    for (const name of TOOL_NAMES) expect(normalizeToolName(name)).toBe(name);
    expect(TOOL_NAMES).toHaveLength(10);
  });

  it.each([
    ["book_appointment_v17", "book_appointment"],
    ["check_availability_v2", "check_availability"],
    ["check_availability-v2", "check_availability"],
    ["check-availability-v2", "check_availability"],
    ["cancel-appointment", "cancel_appointment"],
    ["Reschedule_Appointment_V3", "reschedule_appointment"],
    ["  list_services  ", "list_services"],
    ["opening_hours_v1", "opening_hours"],
    ["get_context_v123456", "get_context"],
    ["request_callback-v10", "request_callback"],
  ])("maps %s to %s", (input, expected) => {
    expect(normalizeToolName(input)).toBe(expected);
  });

  it.each([
    "",
    "book",
    "book_appointments",
    "book_appointment_v",
    "book_appointment_v1_v2",
    "book_appointment_version2",
    "book_appointment17",
    "book_appointmentv17",
    "v17",
    "delete_all_appointments",
    "transfer_call",
    "end_call",
    "constructor",
    "__proto__",
    `book_appointment_v${"1".repeat(70)}`,
  ])("does not know %s", (input) => {
    expect(normalizeToolName(input)).toBeNull();
  });

  it("is null for non-strings", () => {
    for (const value of [undefined, null, 17, {}, ["book_appointment"]]) expect(normalizeToolName(value)).toBeNull();
  });

  it("narrows with isToolName", () => {
    expect(isToolName("find_appointments")).toBe(true);
    expect(isToolName("find_appointments_v2")).toBe(false);
  });
});
