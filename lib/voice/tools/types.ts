import type { z } from "zod";
import type { Tx } from "@/db";
import type { ToolName } from "@/lib/voice/tool-names";
import type { VoiceLocale } from "@/lib/voice/speech/format";

// The voice agent's tools as domain functions (issue 5): what a tool gets, what it answers, and
// how the dispatcher classifies the answer for the function trace. The route (later) verifies the
// signature, resolves the called number to company/branch/zone/locale and builds the context;
// tools never read anything from the request body but their arguments.

/** Who is calling whom, when: everything a tool may rely on besides its arguments. */
export type ToolContext = {
  companyId: string;
  /** The branch of the called number. */
  branchId: string;
  /** The branch's IANA zone: every date phrase and spoken time is read in it. */
  timeZone: string;
  /** The branch's language: every message is in it. */
  locale: VoiceLocale;
  /** Retell's call id (idempotency and slot holds of the writing tools key on it). */
  callId: string;
  /** The caller in E.164, or null (withheld, web call): "own appointments" match on it only. */
  fromNumber: string | null;
  now: Date;
  /** For the audit trail of writing tools. */
  requestId?: string;
  /** Our calls row (calls.id) once the route has recorded the call; writing tools record it otherwise. */
  callRowId?: string;
  /** The called number's registry row and agent (for a calls row the tools create). */
  phoneNumberId?: string;
  retellAgentId?: string | null;
  /** inbound (default) or outbound: which number of the call is the customer's. */
  direction?: "inbound" | "outbound";
  /** Our number in E.164 (the called one on inbound calls). */
  ourNumber?: string | null;
  /**
   * The request's transaction of the company, when the route runs the tool inside one (with the
   * call row and the trace); tools then use it instead of their own (./transaction.ts).
   */
  tx?: Tx;
};

export type ToolErrorCode =
  | "unknown_tool"
  | "not_available"
  | "invalid_args"
  | "internal_error"
  | "branch_unavailable"
  | "unparseable_date"
  | "in_the_past"
  | "service_not_found"
  | "ambiguous_service"
  | "staff_not_found"
  | "ambiguous_staff"
  | "slot_taken"
  | "slot_unavailable"
  | "withheld_number"
  | "appointment_not_found"
  | "not_changeable"
  | "call_unavailable";

export type ToolError = {
  code: ToolErrorCode;
  /** Short, speakable, in the branch language. */
  message: string;
  /** invalid_args: the argument names that were missing or blank. */
  missing?: string[];
  /** invalid_args: the argument names given in a form we could not use. */
  invalid?: string[];
  /** What the caller may choose from (ambiguous or unknown service / staff). */
  options?: string[];
  /** slot_taken / slot_unavailable: the free alternatives (ISO instants with the branch's offset). */
  slots?: { starts_at: string; spoken: string; staff: string | null }[];
};

/** The stable envelope every tool answers with (HTTP 200 on success and on domain errors). */
export type ToolResult<D = unknown> = { ok: true; message: string; data: D } | { ok: false; error: ToolError };

/** How a run ends, for function_traces.outcome. */
export type ToolOutcome = "ok" | "domain_error" | "invalid_args" | "error";

/** A tool: its argument schema (zod; the dispatcher names missing fields) and its body. */
export type ToolDefinition<S extends z.ZodType = z.ZodType, D = unknown> = {
  name: ToolName;
  args: S;
  run: (args: z.output<S>, ctx: ToolContext) => Promise<ToolResult<D>>;
};

export const defineTool = <S extends z.ZodType>(tool: ToolDefinition<S, unknown>) => tool as unknown as ToolDefinition;
