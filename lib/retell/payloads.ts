import { z } from "zod";

// What Retell sends us (integrations.md §1.1, §1.3, §1.4) and what we answer to `call_inbound`.
// Tolerant where Retell may add things: every object is loose (unknown keys kept), open value
// sets (call status, disconnection reason, sentiment, transcript roles) are plain strings with
// the known values exported for code that branches on them. Strict only where we rely on it:
// the event name, a non-empty `call_id`, the called number of an inbound call, a tool's `name`.
// Parse only after the signature check passed (lib/retell/signature.ts), on the raw body.

const text = z.string().max(100_000);
const id = z.string().trim().min(1).max(200);
const msTimestamp = z.number().int().nonnegative();

/** Retell wants string values; numbers and booleans are accepted and turned into strings, null is dropped. */
const stringRecord = z.record(z.string(), z.unknown()).transform((record) => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === "string") out[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") out[key] = String(value);
  }
  return out;
});

export const RETELL_CALL_STATUSES = ["registered", "not_connected", "ongoing", "ended", "error"] as const;
export const RETELL_SENTIMENTS = ["Positive", "Neutral", "Negative", "Unknown"] as const;

export const retellWordSchema = z.looseObject({ word: z.string(), start: z.number(), end: z.number() });

/** One utterance of `transcript_object`; word times are seconds from the call's start. */
export const retellUtteranceSchema = z.looseObject({
  role: z.string(), // agent | user | transfer_target
  content: z.string().default(""),
  words: z.array(retellWordSchema).optional(),
});

export const retellToolCallInvocationSchema = z.looseObject({
  role: z.literal("tool_call_invocation"),
  tool_call_id: z.string(),
  name: z.string(),
  /** The LLM's arguments as a JSON string. */
  arguments: z.string(),
});

export const retellToolCallResultSchema = z.looseObject({
  role: z.literal("tool_call_result"),
  tool_call_id: z.string(),
  content: z.string(),
  successful: z.boolean().optional(),
});

/** `transcript_with_tool_calls`: utterances, tool invocations/results, node transitions, DTMF, … */
export const retellTranscriptItemSchema = z.union([
  retellToolCallInvocationSchema,
  retellToolCallResultSchema,
  retellUtteranceSchema,
  z.looseObject({ role: z.string() }),
]);

export const retellCallAnalysisSchema = z.looseObject({
  call_summary: z.string().nullish(),
  /** Positive | Neutral | Negative | Unknown (see RETELL_SENTIMENTS). */
  user_sentiment: z.string().nullish(),
  call_successful: z.boolean().nullish(),
  in_voicemail: z.boolean().nullish(),
  custom_analysis_data: z.record(z.string(), z.unknown()).nullish(),
});

export const retellCallCostSchema = z.looseObject({
  /** Cents. */
  combined_cost: z.number().nullish(),
  total_duration_seconds: z.number().nullish(),
  total_duration_unit_price: z.number().nullish(),
  product_costs: z.array(z.looseObject({ product: z.string(), cost: z.number() })).nullish(),
});

/** The call object of webhooks and tool requests (retell-sdk v5 PhoneCallResponse / WebCallResponse). */
export const retellCallSchema = z.looseObject({
  call_id: id,
  call_type: z.string().nullish(), // phone_call | web_call
  agent_id: z.string().nullish(),
  agent_version: z.number().int().nullish(),
  agent_name: z.string().nullish(),
  /** E.164 on phone calls; absent on web calls (and may be "anonymous" for withheld numbers). */
  from_number: z.string().max(64).nullish(),
  to_number: z.string().max(64).nullish(),
  direction: z.enum(["inbound", "outbound"]).nullish(),
  /** registered | not_connected | ongoing | ended | error (see RETELL_CALL_STATUSES). */
  call_status: z.string().nullish(),
  start_timestamp: msTimestamp.nullish(),
  end_timestamp: msTimestamp.nullish(),
  /** The billing basis; Retell has no `duration` field. */
  duration_ms: z.number().int().nonnegative().nullish(),
  transcript: text.nullish(),
  transcript_object: z.array(retellUtteranceSchema).nullish(),
  transcript_with_tool_calls: z.array(retellTranscriptItemSchema).nullish(),
  recording_url: z.string().nullish(),
  public_log_url: z.string().nullish(),
  /** An open set of ~35 values (user_hangup, agent_hangup, call_transfer, dial_no_answer, …). */
  disconnection_reason: z.string().nullish(),
  call_analysis: retellCallAnalysisSchema.nullish(),
  call_cost: retellCallCostSchema.nullish(),
  metadata: z.unknown().optional(),
  retell_llm_dynamic_variables: stringRecord.nullish(),
  collected_dynamic_variables: stringRecord.nullish(),
});

// ── Call event webhooks (§1.1) ──────────────────────────────────────────────────────────────

export const RETELL_LIFECYCLE_EVENTS = ["call_started", "call_ended", "call_analyzed"] as const;
export const RETELL_TRANSFER_EVENTS = ["transfer_started", "transfer_bridged", "transfer_cancelled", "transfer_ended"] as const;
export const RETELL_CALL_EVENTS = [...RETELL_LIFECYCLE_EVENTS, "transcript_updated", ...RETELL_TRANSFER_EVENTS] as const;
export type RetellCallEventName = (typeof RETELL_CALL_EVENTS)[number];

const callEvent = <E extends string>(event: E) => z.looseObject({ event: z.literal(event), call: retellCallSchema });
const transferEvent = <E extends string>(event: E) =>
  z.looseObject({
    event: z.literal(event),
    call: retellCallSchema,
    /** A number string or an object, depending on the transfer tool; kept as sent. */
    transfer_destination: z.unknown().optional(),
    transfer_option: z.unknown().optional(),
  });

export const retellCallWebhookSchema = z.discriminatedUnion("event", [
  callEvent("call_started"),
  callEvent("call_ended"),
  callEvent("call_analyzed"),
  callEvent("transcript_updated"),
  transferEvent("transfer_started"),
  transferEvent("transfer_bridged"),
  transferEvent("transfer_cancelled"),
  transferEvent("transfer_ended"),
]);

export type RetellCall = z.output<typeof retellCallSchema>;
export type RetellCallWebhook = z.output<typeof retellCallWebhookSchema>;
export type RetellTranscriptItem = z.output<typeof retellTranscriptItemSchema>;
export type RetellToolCallInvocation = z.output<typeof retellToolCallInvocationSchema>;
export type RetellToolCallResult = z.output<typeof retellToolCallResultSchema>;

export type ParsedRetellWebhook =
  | { ok: true; webhook: RetellCallWebhook }
  /** A well-formed envelope with an event we do not handle (chat_*, new kinds): answer 2xx and ignore. */
  | { ok: false; reason: "unknown_event"; event: string }
  | { ok: false; reason: "invalid"; issues: z.core.$ZodIssue[] };

const envelopeSchema = z.looseObject({ event: z.string().min(1).max(100) });

/** Classifies a parsed webhook body. Never throws. */
export function parseRetellWebhook(body: unknown): ParsedRetellWebhook {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: "invalid", issues: envelope.error.issues };
  if (!(RETELL_CALL_EVENTS as readonly string[]).includes(envelope.data.event)) {
    return { ok: false, reason: "unknown_event", event: envelope.data.event };
  }
  const parsed = retellCallWebhookSchema.safeParse(body);
  return parsed.success ? { ok: true, webhook: parsed.data } : { ok: false, reason: "invalid", issues: parsed.error.issues };
}

export const isToolCallInvocation = (item: RetellTranscriptItem): item is RetellToolCallInvocation =>
  item.role === "tool_call_invocation" && "arguments" in item;
export const isToolCallResult = (item: RetellTranscriptItem): item is RetellToolCallResult =>
  item.role === "tool_call_result" && "tool_call_id" in item && "content" in item;

// ── Inbound call webhook (§1.4) ─────────────────────────────────────────────────────────────

export const retellInboundRequestSchema = z.looseObject({
  event: z.literal("call_inbound"),
  event_timestamp: msTimestamp.optional(),
  call_inbound: z.looseObject({
    /** Only if the number has an inbound agent. */
    agent_id: z.string().nullish(),
    agent_version: z.number().int().nullish(),
    /** May be missing or not E.164 for withheld numbers. */
    from_number: z.string().max(64).nullish(),
    /** The number that was called: resolves branch → company → agent. */
    to_number: z.string().trim().min(1).max(64),
    custom_sip_headers: z.record(z.string(), z.unknown()).nullish(),
  }),
});
export type RetellInboundRequest = z.output<typeof retellInboundRequestSchema>;

/** What we answer to `call_inbound`. Dynamic variable values must be strings. */
export const retellInboundResponseSchema = z.strictObject({
  call_inbound: z.union([
    // Only boolean true rejects, and other fields would still be validated: send reject alone.
    z.strictObject({ reject: z.literal(true) }),
    z.strictObject({
      override_agent_id: z.string().min(1).optional(),
      override_agent_version: z.number().int().nonnegative().optional(),
      dynamic_variables: z.record(z.string(), z.string()).optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
    }),
  ]),
});
export type RetellInboundResponse = z.input<typeof retellInboundResponseSchema>;

export type InboundAcceptance = {
  agentId?: string;
  agentVersion?: number;
  dynamicVariables?: Record<string, string>;
  metadata?: Record<string, unknown>;
};

/** Lets the call through, with the agent and the per-call dynamic variables. */
export function acceptInboundCall(accept: InboundAcceptance): RetellInboundResponse {
  return {
    call_inbound: {
      ...(accept.agentId ? { override_agent_id: accept.agentId } : {}),
      ...(accept.agentVersion !== undefined ? { override_agent_version: accept.agentVersion } : {}),
      ...(accept.dynamicVariables ? { dynamic_variables: accept.dynamicVariables } : {}),
      ...(accept.metadata ? { metadata: accept.metadata } : {}),
    },
  };
}

/** Hangs up (an unknown or inactive number). */
export function rejectInboundCall(): RetellInboundResponse {
  return { call_inbound: { reject: true } };
}

// ── Custom functions (tool calls, §1.3) ─────────────────────────────────────────────────────

/**
 * A tool request with the default payload (name, call, args). Our tools must not be configured
 * with `args_at_root`: without `call` we could not tell the call (idempotency, caller number).
 * Missing `args` reads as {}; the tool's own schema then names what is missing.
 */
export const retellFunctionRequestSchema = z.looseObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
  call: retellCallSchema,
  args: z.record(z.string(), z.unknown()).nullish().transform((args) => args ?? {}),
});
export type RetellFunctionRequest = z.output<typeof retellFunctionRequestSchema>;
