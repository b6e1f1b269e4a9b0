import type { z } from "zod";
import type {
  retellCallSchema,
  retellCallWebhookSchema,
  retellFunctionRequestSchema,
  retellInboundRequestSchema,
  retellTranscriptItemSchema,
} from "@/lib/retell/payloads";

// Realistic Retell payloads (wire shape, as Retell posts them) for tests of the webhook and tool
// routes and for the call simulator: a caller books a haircut at a Berlin salon in German. Every
// builder takes the call's identity so several simulated calls do not collide. Sign the
// JSON.stringify of a fixture with signRetellBody (lib/retell/signature.ts) before posting it.

type CallWire = z.input<typeof retellCallSchema>;
type WebhookWire = z.input<typeof retellCallWebhookSchema>;
export type RetellInboundWire = z.input<typeof retellInboundRequestSchema>;
export type RetellFunctionWire = z.input<typeof retellFunctionRequestSchema>;

export type CallIdentity = {
  callId?: string;
  /** The caller, E.164. */
  from?: string;
  /** The called branch number, E.164. */
  to?: string;
  agentId?: string;
  agentVersion?: number;
  /** Epoch ms the call connected. */
  startedAt?: number;
  durationMs?: number;
};

export const FIXTURE_DEFAULTS = {
  callId: "call_5f1d2a9c8e7b4a3f9d0c1b2a",
  from: "+4915112345678",
  to: "+4930123456789",
  agentId: "agent_8f3b2c1d4e5f6a7b8c9d0e1f",
  agentVersion: 3,
  startedAt: Date.UTC(2026, 2, 10, 9, 15, 0), // Tue 10 Mar 2026, 10:15 in Berlin
  durationMs: 94_500,
} as const;

const ident = (c: CallIdentity) => ({ ...FIXTURE_DEFAULTS, ...c });

/** A transcript of a booking call: utterances with word timings (seconds from the call's start). */
export function fixtureTranscript() {
  const turn = (role: "agent" | "user", content: string, start: number) => {
    const words = content.split(" ").map((word, i) => ({ word, start: start + i * 0.35, end: start + i * 0.35 + 0.3 }));
    return { role, content, words };
  };
  return [
    turn("agent", "Salon Schnittkunst, guten Tag! Wie kann ich Ihnen helfen?", 0.4),
    turn("user", "Hallo, ich hätte gern einen Termin zum Haareschneiden, morgen Nachmittag.", 4.2),
    turn("agent", "Morgen um 14:30 Uhr wäre bei Lena frei. Passt Ihnen das?", 12.8),
    turn("user", "Ja, perfekt. Mein Name ist Anna Becker.", 19.1),
    turn("agent", "Danke, Frau Becker. Ihr Termin morgen um 14:30 Uhr ist gebucht.", 31.6),
  ];
}

const TOOL_ARGS = {
  check_availability: { service: "Damenhaarschnitt", date_phrase: "morgen Nachmittag" },
  book_appointment: { service: "Damenhaarschnitt", starts_at: "2026-03-11T14:30:00+01:00", customer_name: "Anna Becker" },
};

/** transcript_object plus the tool calls in between, as in transcript_with_tool_calls. */
export function fixtureTranscriptWithToolCalls(): z.input<typeof retellTranscriptItemSchema>[] {
  type Turn = ReturnType<typeof fixtureTranscript>[number];
  const [greeting, request, offer, confirm, booked] = fixtureTranscript() as [Turn, Turn, Turn, Turn, Turn];
  return [
    greeting,
    request,
    { role: "tool_call_invocation", tool_call_id: "tc_01", name: "check_availability", arguments: JSON.stringify(TOOL_ARGS.check_availability) },
    { role: "tool_call_result", tool_call_id: "tc_01", content: '{"ok":true,"message":"Morgen um 14:30 Uhr ist frei."}', successful: true },
    offer,
    confirm,
    { role: "tool_call_invocation", tool_call_id: "tc_02", name: "book_appointment_v17", arguments: JSON.stringify(TOOL_ARGS.book_appointment) },
    { role: "tool_call_result", tool_call_id: "tc_02", content: '{"ok":true,"message":"Gebucht."}', successful: true },
    { role: "node_transition", former_node_id: "booking", new_node_id: "goodbye", former_node_name: "Buchung", new_node_name: "Verabschiedung" },
    booked,
  ];
}

const asText = (turns: ReturnType<typeof fixtureTranscript>) =>
  turns.map((t) => `${t.role === "agent" ? "Agent" : "User"}: ${t.content}`).join("\n");

/** The call object at a stage: "ongoing" (call_started, tool requests), "ended", "analyzed". */
export function retellCallFixture(stage: "ongoing" | "ended" | "analyzed", c: CallIdentity = {}): CallWire {
  const i = ident(c);
  const base: CallWire = {
    call_id: i.callId,
    call_type: "phone_call",
    agent_id: i.agentId,
    agent_version: i.agentVersion,
    agent_name: "Schnittkunst Rezeption",
    from_number: i.from,
    to_number: i.to,
    direction: "inbound",
    call_status: stage === "ongoing" ? "ongoing" : "ended",
    start_timestamp: i.startedAt,
    metadata: { company_hint: "schnittkunst" },
    retell_llm_dynamic_variables: { customer_name: "Anna Becker", branch_name: "Schnittkunst Mitte", today: "Dienstag, 10. März 2026" },
  };
  if (stage === "ongoing") return { ...base, transcript: asText(fixtureTranscript().slice(0, 2)), transcript_object: fixtureTranscript().slice(0, 2) };
  const ended: CallWire = {
    ...base,
    end_timestamp: i.startedAt + i.durationMs,
    duration_ms: i.durationMs,
    transcript: asText(fixtureTranscript()),
    transcript_object: fixtureTranscript(),
    transcript_with_tool_calls: fixtureTranscriptWithToolCalls(),
    recording_url: `https://dxc03zgurdly9.cloudfront.net/${i.callId}/recording.wav`,
    public_log_url: `https://dxc03zgurdly9.cloudfront.net/${i.callId}/public.log`,
    disconnection_reason: "user_hangup",
    call_cost: {
      combined_cost: 16.7,
      total_duration_seconds: Math.ceil(i.durationMs / 1000),
      total_duration_unit_price: 0.1767,
      product_costs: [
        { product: "elevenlabs_tts", cost: 11.0, unit_price: 0.1167 },
        { product: "gpt_4o_mini", cost: 0.6, unit_price: 0.0063 },
        { product: "retell_platform", cost: 5.1, unit_price: 0.054 },
      ],
    },
    collected_dynamic_variables: { customer_name: "Anna Becker" },
  };
  if (stage === "ended") return ended;
  return {
    ...ended,
    call_analysis: {
      call_summary: "Anna Becker hat einen Damenhaarschnitt für morgen um 14:30 Uhr gebucht.",
      user_sentiment: "Positive",
      call_successful: true,
      in_voicemail: false,
      custom_analysis_data: { appointment_booked: true },
    },
  };
}

export const callStartedFixture = (c: CallIdentity = {}): WebhookWire => ({ event: "call_started", call: retellCallFixture("ongoing", c) });
export const callEndedFixture = (c: CallIdentity = {}): WebhookWire => ({ event: "call_ended", call: retellCallFixture("ended", c) });
export const callAnalyzedFixture = (c: CallIdentity = {}): WebhookWire => ({ event: "call_analyzed", call: retellCallFixture("analyzed", c) });

/** transcript_updated after `turns` utterances (a stream: later ones replace earlier ones). */
export function transcriptUpdatedFixture(turns: number, c: CallIdentity = {}): WebhookWire {
  const transcript = fixtureTranscript().slice(0, turns);
  const call = retellCallFixture("ongoing", c);
  return { event: "transcript_updated", call: { ...call, transcript: asText(transcript), transcript_object: transcript, transcript_with_tool_calls: transcript } };
}

export function transferFixture(
  event: "transfer_started" | "transfer_bridged" | "transfer_cancelled" | "transfer_ended",
  c: CallIdentity = {},
): WebhookWire {
  return {
    event,
    call: retellCallFixture(event === "transfer_ended" ? "ended" : "ongoing", c),
    transfer_destination: { type: "predefined", number: "+4930123456700" },
    transfer_option: { type: "warm_transfer", show_transferee_as_caller: true },
  };
}

/** A call that never connected: no call_started, but call_ended (and call_analyzed) still come. */
export function notConnectedFixture(c: CallIdentity = {}): WebhookWire {
  const i = ident(c);
  return {
    event: "call_ended",
    call: {
      call_id: i.callId,
      call_type: "phone_call",
      agent_id: i.agentId,
      agent_version: i.agentVersion,
      from_number: i.from,
      to_number: i.to,
      direction: "outbound",
      call_status: "not_connected",
      disconnection_reason: "dial_no_answer",
      duration_ms: 0,
    },
  };
}

export function callInboundFixture(c: Pick<CallIdentity, "from" | "to" | "agentId" | "agentVersion" | "startedAt"> = {}): RetellInboundWire {
  const i = ident(c);
  return {
    event: "call_inbound",
    event_timestamp: i.startedAt - 2_000,
    call_inbound: { agent_id: i.agentId, agent_version: i.agentVersion, from_number: i.from, to_number: i.to, custom_sip_headers: {} },
  };
}

/** A custom-function (tool) request during the live call. */
export function functionCallFixture(name: string, args: Record<string, unknown>, c: CallIdentity = {}): RetellFunctionWire {
  return { name, call: retellCallFixture("ongoing", c), args };
}

/** Sample arguments the agent passes, per tool (what the LLM typically fills in). */
export const FIXTURE_TOOL_ARGS = {
  get_context: {},
  check_customer: {},
  list_services: {},
  opening_hours: { date_phrase: "morgen" },
  check_availability: TOOL_ARGS.check_availability,
  book_appointment: TOOL_ARGS.book_appointment,
  find_appointments: {},
  cancel_appointment: { appointment_date_phrase: "morgen um halb drei" },
  reschedule_appointment: { appointment_date_phrase: "morgen um halb drei", new_date_phrase: "Donnerstag um 10" },
  request_callback: { reason: "Frage zu Strähnchen", customer_name: "Anna Becker", preferred_time: "heute Nachmittag" },
} satisfies Record<string, Record<string, unknown>>;
