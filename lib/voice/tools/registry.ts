import "server-only";
import type { ToolName } from "@/lib/voice/tool-names";
import { bookAppointmentTool } from "./book-appointment";
import { cancelAppointmentTool } from "./cancel-appointment";
import { checkAvailabilityTool } from "./check-availability";
import { checkCustomerTool } from "./check-customer";
import { findAppointmentsTool } from "./find-appointments";
import { getContextTool } from "./get-context";
import { listServicesTool } from "./list-services";
import { openingHoursTool } from "./opening-hours";
import { requestCallbackTool } from "./request-callback";
import { rescheduleAppointmentTool } from "./reschedule-appointment";
import type { ToolDefinition } from "./types";

// Every tool name the agent knows (lib/voice/tool-names.ts) has an entry, so a new name cannot be
// forgotten here. A tool may be entered as "not_available" (switched off): the agent then hears
// that nothing was saved, instead of "unknown tool" or — worse — a success.

export const NOT_AVAILABLE = "not_available" as const;

export const TOOLS: Record<ToolName, ToolDefinition | typeof NOT_AVAILABLE> = {
  get_context: getContextTool,
  check_customer: checkCustomerTool,
  check_availability: checkAvailabilityTool,
  find_appointments: findAppointmentsTool,
  list_services: listServicesTool,
  opening_hours: openingHoursTool,
  book_appointment: bookAppointmentTool,
  cancel_appointment: cancelAppointmentTool,
  reschedule_appointment: rescheduleAppointmentTool,
  request_callback: requestCallbackTool,
};
