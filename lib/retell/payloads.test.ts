import { describe, expect, it } from "vitest";
import { retellEventKey } from "./event-key";
import {
  callAnalyzedFixture,
  callEndedFixture,
  callInboundFixture,
  callStartedFixture,
  FIXTURE_DEFAULTS,
  FIXTURE_TOOL_ARGS,
  functionCallFixture,
  notConnectedFixture,
  transcriptUpdatedFixture,
  transferFixture,
} from "./fixtures";
import {
  acceptInboundCall,
  isToolCallInvocation,
  isToolCallResult,
  parseRetellWebhook,
  rejectInboundCall,
  retellFunctionRequestSchema,
  retellInboundRequestSchema,
  retellInboundResponseSchema,
} from "./payloads";

// Round-trip through JSON as the routes do: the wire shape, not the TS objects.
const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

function parsed(value: unknown) {
  const result = parseRetellWebhook(wire(value));
  if (!result.ok) throw new Error(`not parsed: ${JSON.stringify(result)}`);
  return result.webhook;
}

describe("parseRetellWebhook", () => {
  it("parses every call event fixture", () => {
    const events = [
      callStartedFixture(),
      callEndedFixture(),
      callAnalyzedFixture(),
      transcriptUpdatedFixture(3),
      transferFixture("transfer_started"),
      transferFixture("transfer_bridged"),
      transferFixture("transfer_cancelled"),
      transferFixture("transfer_ended"),
      notConnectedFixture(),
    ];
    for (const event of events) expect(parsed(event).event).toBe(event.event);
  });

  it("reads what the call processing relies on", () => {
    const analyzed = parsed(callAnalyzedFixture({ callId: "call_x", durationMs: 61_000 }));
    expect(analyzed.call).toMatchObject({
      call_id: "call_x",
      from_number: FIXTURE_DEFAULTS.from,
      to_number: FIXTURE_DEFAULTS.to,
      direction: "inbound",
      duration_ms: 61_000,
      end_timestamp: FIXTURE_DEFAULTS.startedAt + 61_000,
      call_analysis: { user_sentiment: "Positive", call_successful: true },
    });
    const items = analyzed.call.transcript_with_tool_calls ?? [];
    const invocations = items.filter(isToolCallInvocation);
    expect(invocations.map((i) => i.name)).toEqual(["check_availability", "book_appointment_v17"]);
    expect(JSON.parse(invocations[0]!.arguments)).toEqual(FIXTURE_TOOL_ARGS.check_availability);
    expect(items.filter(isToolCallResult).map((r) => r.successful)).toEqual([true, true]);
    expect(analyzed.call.transcript_object?.[1]?.words?.[0]).toEqual({ word: "Hallo,", start: 4.2, end: 4.5 });
  });

  it("keeps unknown fields and accepts open values (new statuses, roles, reasons)", () => {
    const event = wire(callEndedFixture()) as { call: Record<string, unknown> } & Record<string, unknown>;
    event.new_top_level = 1;
    Object.assign(event.call, {
      call_status: "some_future_status",
      disconnection_reason: "error_new_kind",
      llm_token_usage: { average: 123 },
      transcript_with_tool_calls: [{ role: "dtmf", digit: "1" }, { role: "node_transition", new_node_id: "x" }],
    });
    const result = parsed(event);
    expect(result).toMatchObject({ new_top_level: 1, call: { call_status: "some_future_status", llm_token_usage: { average: 123 } } });
    expect(result.call.transcript_with_tool_calls?.[0]).toMatchObject({ role: "dtmf", digit: "1" });
  });

  it("turns dynamic variables into strings and drops nulls", () => {
    const event = wire(callStartedFixture()) as { call: Record<string, unknown> };
    event.call.retell_llm_dynamic_variables = { name: "Anna", visits: 3, vip: true, gone: null };
    expect(parsed(event).call.retell_llm_dynamic_variables).toEqual({ name: "Anna", visits: "3", vip: "true" });
  });

  it("ignores unknown event types without calling them invalid", () => {
    expect(parseRetellWebhook({ event: "chat_started", chat: {} })).toEqual({ ok: false, reason: "unknown_event", event: "chat_started" });
    expect(parseRetellWebhook({ event: "call_inbound", call_inbound: {} })).toMatchObject({ reason: "unknown_event" });
  });

  it("rejects bodies without an event or a call id", () => {
    const invalid = [
      null,
      "call_ended",
      [],
      {},
      { event: "" },
      { event: 5 },
      { event: "call_ended" },
      { event: "call_ended", call: {} },
      { event: "call_ended", call: { call_id: "   " } },
      { event: "call_ended", call: { call_id: 42 } },
      { event: "call_ended", call: { call_id: "c1", duration_ms: -5 } },
      { event: "call_ended", call: { call_id: "c1", start_timestamp: "yesterday" } },
      { event: "call_ended", call: { call_id: "c1", direction: "sideways" } },
    ];
    for (const body of invalid) expect(parseRetellWebhook(body), JSON.stringify(body)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("accepts null for optional fields (the SDK types many as nullable)", () => {
    const event = { event: "call_ended", call: { call_id: "c1", from_number: null, call_analysis: null, recording_url: null, duration_ms: null } };
    expect(parseRetellWebhook(event).ok).toBe(true);
  });
});

describe("retellEventKey", () => {
  const key = (value: unknown) => {
    const body = JSON.stringify(value);
    return retellEventKey(parsed(value), body);
  };

  it("is event + call id for lifecycle events, whatever else changed", () => {
    expect(key(callEndedFixture({ callId: "c1" }))).toBe("retell:c1:call_ended");
    expect(key(callEndedFixture({ callId: "c1", durationMs: 5 }))).toBe("retell:c1:call_ended");
    expect(key(callAnalyzedFixture({ callId: "c1" }))).toBe("retell:c1:call_analyzed");
    expect(key(callStartedFixture({ callId: "c2" }))).toBe("retell:c2:call_started");
  });

  it("tells transcript updates apart by content and repeats a redelivery's key", () => {
    const first = key(transcriptUpdatedFixture(2, { callId: "c1" }));
    expect(key(transcriptUpdatedFixture(2, { callId: "c1" }))).toBe(first);
    expect(key(transcriptUpdatedFixture(3, { callId: "c1" }))).not.toBe(first);
    expect(first.length).toBeLessThan(120);
  });

  it("keys transfers by destination (key order irrelevant)", () => {
    const a = transferFixture("transfer_started", { callId: "c1" });
    const b = { ...a, transfer_destination: { number: "+4930123456700", type: "predefined" } };
    const other = { ...a, transfer_destination: "+4940111111" };
    expect(key(a)).toBe(key(b));
    expect(key(a)).not.toBe(key(other));
    expect(key(a)).not.toBe(key(transferFixture("transfer_ended", { callId: "c1" })));
  });
});

describe("inbound call webhook", () => {
  it("parses the request and requires the called number", () => {
    const request = retellInboundRequestSchema.parse(wire(callInboundFixture({ from: "+491701234567" })));
    expect(request.call_inbound).toMatchObject({ from_number: "+491701234567", to_number: FIXTURE_DEFAULTS.to, agent_version: 3 });
    // No inbound agent configured, caller withheld.
    const bare = { event: "call_inbound", call_inbound: { to_number: "+4930123456789" } };
    expect(retellInboundRequestSchema.safeParse(bare).success).toBe(true);
    expect(retellInboundRequestSchema.safeParse({ event: "call_inbound", call_inbound: { from_number: "+49151" } }).success).toBe(false);
    expect(retellInboundRequestSchema.safeParse({ event: "call_inbound", call_inbound: { to_number: "" } }).success).toBe(false);
    expect(retellInboundRequestSchema.safeParse({ event: "call_started", call_inbound: { to_number: "+4930" } }).success).toBe(false);
  });

  it("builds valid answers: accept with variables, or reject alone", () => {
    const accept = acceptInboundCall({
      agentId: "agent_abc",
      agentVersion: 4,
      dynamicVariables: { customer_name: "Anna", today: "Dienstag, 10. März 2026" },
      metadata: { company_id: "c0ffee" },
    });
    expect(accept).toEqual({
      call_inbound: {
        override_agent_id: "agent_abc",
        override_agent_version: 4,
        dynamic_variables: { customer_name: "Anna", today: "Dienstag, 10. März 2026" },
        metadata: { company_id: "c0ffee" },
      },
    });
    expect(retellInboundResponseSchema.safeParse(accept).success).toBe(true);
    expect(acceptInboundCall({})).toEqual({ call_inbound: {} });
    expect(rejectInboundCall()).toEqual({ call_inbound: { reject: true } });
    expect(retellInboundResponseSchema.safeParse(rejectInboundCall()).success).toBe(true);
  });

  it("refuses answers Retell would not take", () => {
    const bad = [
      { call_inbound: { reject: true, dynamic_variables: {} } },
      { call_inbound: { reject: false } },
      { call_inbound: { dynamic_variables: { visits: 3 } } },
      { call_inbound: {}, extra: 1 },
    ];
    for (const body of bad) expect(retellInboundResponseSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
  });
});

describe("custom function request", () => {
  it("parses name, args and the live call", () => {
    const request = retellFunctionRequestSchema.parse(wire(functionCallFixture("check_availability_v17", FIXTURE_TOOL_ARGS.check_availability, { callId: "c9" })));
    expect(request.name).toBe("check_availability_v17");
    expect(request.args).toEqual(FIXTURE_TOOL_ARGS.check_availability);
    expect(request.call).toMatchObject({ call_id: "c9", call_status: "ongoing", from_number: FIXTURE_DEFAULTS.from });
  });

  it("reads missing or null args as {}", () => {
    const { call } = functionCallFixture("list_services", {});
    expect(retellFunctionRequestSchema.parse(wire({ name: "list_services", call })).args).toEqual({});
    expect(retellFunctionRequestSchema.parse(wire({ name: "list_services", call, args: null })).args).toEqual({});
  });

  it("rejects requests without a call (args_at_root), a bad name or non-object args", () => {
    const { call } = functionCallFixture("list_services", {});
    const bad = [
      { date_phrase: "morgen" },
      { name: "list_services", args: {} },
      { name: "", call, args: {} },
      { name: "a".repeat(65), call, args: {} },
      { name: "book appointment", call, args: {} },
      { name: "list_services", call, args: ["x"] },
      { name: "list_services", call, args: "{}" },
    ];
    for (const body of bad) expect(retellFunctionRequestSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
  });
});
