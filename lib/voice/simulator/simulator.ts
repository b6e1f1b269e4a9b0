import {
  callAnalyzedFixture,
  callEndedFixture,
  callInboundFixture,
  callStartedFixture,
  type CallIdentity,
  functionCallFixture,
  retellCallFixture,
  transcriptUpdatedFixture,
} from "@/lib/retell/fixtures";
import { RETELL_SIGNATURE_HEADER, signRetellBody } from "@/lib/retell/signature";
import type { SimulatorOptions } from "./options";

// The call `npm run simulate:call` plays against a running portal (issue 5 §8), as data and
// steps that only talk through a transport, so a test can run the same call in-process against
// the route handlers: signed call_inbound → call_started → check_customer → check_availability
// (the requested time, else the first alternative offered) → book_appointment (with the name
// when the caller is unknown) → transcript_updated → call_ended → call_analyzed. Every request
// is signed like Retell signs it (x-retell-signature with the API key, at the moment it is sent).

export const RETELL_WEBHOOK_PATH = "/api/webhooks/retell";
export const RETELL_FUNCTIONS_PATH = "/api/retell/functions";
export type SimulatorPath = typeof RETELL_WEBHOOK_PATH | typeof RETELL_FUNCTIONS_PATH;

/** Posts a body to the portal and returns the status and the parsed JSON answer (null if none). */
export type SimulatorTransport = (path: SimulatorPath, body: string, headers: Record<string, string>) => Promise<{ status: number; body: unknown }>;

export type SentRequest = { step: string; path: SimulatorPath; body: string };

export type SimulatedCall =
  | { booked: true; callId: string; appointmentId: string; spoken: string; service: string; staff: string | null; sent: SentRequest[] }
  | { booked: false; callId: string; reason: string; sent: SentRequest[] };

export type SimulatorDeps = {
  apiKey: string;
  transport: SimulatorTransport;
  log?: (line: string) => void;
  /** Epoch ms (default: the clock); requests are signed and dated with it. */
  now?: () => number;
};

/** The headers Retell sends: JSON and the signature over the exact body. */
export function signedHeaders(body: string, apiKey: string, now: number = Date.now()): Record<string, string> {
  return { "content-type": "application/json", "user-agent": "AskProAI-Call-Simulator", [RETELL_SIGNATURE_HEADER]: signRetellBody(body, apiKey, now) };
}

type Turn = { role: "agent" | "user"; content: string };
type TranscriptItem = Record<string, unknown>;
type Envelope = { ok?: boolean; message?: string; data?: Record<string, unknown>; error?: { code?: string; message?: string; slots?: Slot[] } };
type Slot = { starts_at: string; spoken?: string; staff?: string | null };

/** What is said, as data: the agent's and the caller's lines of the booking call. */
export const CONVERSATION = {
  greeting: (branch: string) => `${branch}, guten Tag! Wie kann ich Ihnen helfen?`,
  request: (o: SimulatorOptions) => `Hallo, ich hätte gern einen Termin für einen ${o.service}, ${o.when}.`,
  offerRequested: (spoken: string, staff: string | null) => `${spoken} ist frei${staff ? ` bei ${staff}` : ""}.`.replace(/\.\.$/, ".") + " Passt Ihnen das?",
  offerAlternative: (message: string) => `${message} Passt Ihnen der erste Termin?`,
  accept: (o: SimulatorOptions, known: boolean) => (known ? "Ja, das passt." : `Ja, das passt. Mein Name ist ${o.name}.`),
  booked: (message: string) => message,
  goodbye: "Vielen Dank, bis dann! Tschüss.",
} as const;

const asText = (turns: readonly Turn[]) => turns.map((t) => `${t.role === "agent" ? "Agent" : "User"}: ${t.content}`).join("\n");

/** transcript_object as Retell sends it: utterances with word timings, seconds from the call's start. */
function withWords(turns: readonly Turn[]) {
  let at = 0.4;
  return turns.map((t) => {
    const words = t.content.split(" ").map((word, i) => ({ word, start: at + i * 0.35, end: at + i * 0.35 + 0.3 }));
    at += words.length * 0.35 + 1.5;
    return { ...t, words };
  });
}

const summarize = (body: unknown) => {
  const text = JSON.stringify(body);
  return text === undefined ? "(kein Inhalt)" : text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

export async function runSimulatedCall(options: SimulatorOptions, deps: SimulatorDeps): Promise<SimulatedCall> {
  const log = deps.log ?? (() => {});
  const now = deps.now ?? Date.now;
  const sent: SentRequest[] = [];
  const startedAt = now();
  const ident: CallIdentity = { callId: options.callId, from: options.from, to: options.to, startedAt };
  const turns: Turn[] = [];
  const withTools: TranscriptItem[] = [];
  let dynamicVariables: Record<string, string> = {};
  let toolCallNo = 0;

  const say = (role: Turn["role"], content: string) => {
    const turn = { role, content };
    turns.push(turn);
    withTools.push(turn);
    log(`   ${role === "agent" ? "Agent:  " : "Anrufer:"} ${content}`);
  };

  const post = async (step: string, path: SimulatorPath, payload: unknown) => {
    const body = JSON.stringify(payload);
    sent.push({ step, path, body });
    log(`→ ${step}`);
    const answer = await deps.transport(path, body, signedHeaders(body, deps.apiKey, now()));
    return answer;
  };

  /** The call as Retell reports it while it is live: the dynamic variables and the transcript so far. */
  const liveCall = () => {
    const words = withWords(turns);
    return {
      ...retellCallFixture("ongoing", ident),
      metadata: { simulator: true },
      retell_llm_dynamic_variables: dynamicVariables,
      transcript: asText(turns),
      transcript_object: words,
      transcript_with_tool_calls: withTools,
    };
  };

  const webhook = async (step: string, payload: { event: string; call: object }) => {
    const answer = await post(step, RETELL_WEBHOOK_PATH, payload);
    log(`← ${answer.status} ${answer.status === 204 ? "" : summarize(answer.body)}`.trimEnd());
    return answer;
  };

  const tool = async (name: string, args: Record<string, unknown>): Promise<Envelope> => {
    const id = `tc_${String(++toolCallNo).padStart(2, "0")}`;
    withTools.push({ role: "tool_call_invocation", tool_call_id: id, name, arguments: JSON.stringify(args) });
    const answer = await post(`Tool ${name} ${JSON.stringify(args)}`, RETELL_FUNCTIONS_PATH, { ...functionCallFixture(name, args, ident), call: liveCall() });
    const envelope = (answer.body ?? {}) as Envelope;
    const spoken = envelope.message ?? envelope.error?.message;
    log(`← ${answer.status} ${envelope.ok ? "ok" : `Fehler ${envelope.error?.code ?? summarize(answer.body)}`}${spoken ? `: „${spoken}“` : ""}`);
    withTools.push({ role: "tool_call_result", tool_call_id: id, content: JSON.stringify(answer.body ?? null), successful: answer.status === 200 && envelope.ok === true });
    if (answer.status !== 200) throw new SimulationStopped(`${name} antwortete HTTP ${answer.status}`);
    return envelope;
  };

  const finish = async (outcome: { booked: boolean; summary: string }) => {
    const endedAt = now();
    const ended = { ...ident, durationMs: Math.max(endedAt - startedAt, 1_000) };
    const words = withWords(turns);
    const transcript = { transcript: asText(turns), transcript_object: words, transcript_with_tool_calls: withTools };
    const endedCall = { ...callEndedFixture(ended).call, metadata: { simulator: true }, retell_llm_dynamic_variables: dynamicVariables, ...transcript, collected_dynamic_variables: { customer_name: options.name } };
    await webhook("Webhook transcript_updated (Gespräch bis hierher)", { ...transcriptUpdatedFixture(turns.length, ident), call: liveCall() });
    await webhook("Webhook call_ended", { ...callEndedFixture(ended), call: endedCall });
    const analyzed = callAnalyzedFixture(ended);
    await webhook("Webhook call_analyzed", {
      ...analyzed,
      call: {
        ...endedCall,
        call_analysis: {
          call_summary: outcome.summary,
          user_sentiment: outcome.booked ? "Positive" : "Neutral",
          call_successful: outcome.booked,
          in_voicemail: false,
          custom_analysis_data: { appointment_booked: outcome.booked },
        },
      },
    });
  };

  try {
    // 1. Retell asks whether and how to pick up (synchronous answer with the dynamic variables).
    const inbound = await post(`Webhook call_inbound (von ${options.from} an ${options.to})`, RETELL_WEBHOOK_PATH, callInboundFixture(ident));
    const answer = (inbound.body ?? {}) as { call_inbound?: { reject?: boolean; override_agent_id?: string; dynamic_variables?: Record<string, string> } };
    if (inbound.status !== 200 || !answer.call_inbound) {
      log(`← ${inbound.status} ${summarize(inbound.body)}`);
      return { booked: false, callId: options.callId, reason: `call_inbound antwortete HTTP ${inbound.status}`, sent };
    }
    if (answer.call_inbound.reject) {
      log(`← ${inbound.status} abgelehnt (reject): ${options.to} ist keiner Filiale zugeordnet oder inaktiv`);
      return { booked: false, callId: options.callId, reason: `Anruf abgelehnt: ${options.to} ist keine aktive Nummer im Portal`, sent };
    }
    dynamicVariables = answer.call_inbound.dynamic_variables ?? {};
    if (answer.call_inbound.override_agent_id) ident.agentId = answer.call_inbound.override_agent_id;
    log(`← ${inbound.status} angenommen${ident.agentId ? ` (Agent ${ident.agentId})` : ""}; dynamische Variablen:`);
    for (const [key, value] of Object.entries(dynamicVariables)) log(`     ${key} = ${value}`);

    // 2. The call connects.
    say("agent", CONVERSATION.greeting(dynamicVariables.branch_name || dynamicVariables.company_name || "Guten Tag"));
    await webhook("Webhook call_started", { ...callStartedFixture(ident), call: liveCall() });

    // 3. Who is calling?
    const customer = await tool("check_customer", {});
    const known = customer.ok === true && customer.data?.known === true;
    say("user", CONVERSATION.request(options));

    // 4. Is the wished time free? Else the first alternative the portal offers.
    const availability = await tool("check_availability", { service: options.service, date_phrase: options.when });
    const slots = (availability.data?.slots ?? []) as Slot[];
    const chosen = availability.ok ? slots[0] : undefined;
    if (!chosen) {
      const reason = availability.ok ? "kein freier Termin angeboten" : `check_availability: ${availability.error?.code ?? "Fehler"}`;
      say("agent", availability.message ?? availability.error?.message ?? "Leider finde ich keinen freien Termin.");
      await finish({ booked: false, summary: `${options.name} wollte einen ${options.service} buchen; ${reason}.` });
      return { booked: false, callId: options.callId, reason, sent };
    }
    if (availability.data?.available === true && availability.data.requested) say("agent", CONVERSATION.offerRequested(chosen.spoken ?? chosen.starts_at, chosen.staff ?? null));
    else say("agent", CONVERSATION.offerAlternative(availability.message ?? ""));
    say("user", CONVERSATION.accept(options, known));

    // 5. Book it (the name only when the caller is not yet a customer).
    const args = { service: options.service, starts_at: chosen.starts_at, ...(known ? {} : { customer_name: options.name }) };
    const booking = await tool("book_appointment", args);
    const data = booking.data as { appointment_id?: string; spoken?: string; service?: string; staff?: string | null } | undefined;
    if (!booking.ok || !data?.appointment_id) {
      const reason = `book_appointment: ${booking.error?.code ?? "keine Buchung"}`;
      say("agent", booking.error?.message ?? "Das hat leider nicht geklappt.");
      await finish({ booked: false, summary: `${options.name} wollte einen ${options.service} buchen; ${reason}.` });
      return { booked: false, callId: options.callId, reason, sent };
    }
    say("agent", CONVERSATION.booked(booking.message ?? "Ihr Termin ist gebucht."));
    say("user", CONVERSATION.goodbye);

    // 6. The call ends; Retell reports the transcript, the end and the analysis.
    const spoken = data.spoken ?? chosen.starts_at;
    await finish({ booked: true, summary: `${options.name} hat einen ${data.service ?? options.service} für ${spoken} gebucht.` });
    return { booked: true, callId: options.callId, appointmentId: data.appointment_id, spoken, service: data.service ?? options.service, staff: data.staff ?? null, sent };
  } catch (error) {
    if (!(error instanceof SimulationStopped)) throw error;
    return { booked: false, callId: options.callId, reason: error.message, sent };
  }
}

class SimulationStopped extends Error {}

/** Sends the same bodies again, freshly signed (Retell redelivering every request of the call). */
export async function replaySimulatedCall(sent: readonly SentRequest[], deps: Pick<SimulatorDeps, "apiKey" | "transport" | "now">) {
  const now = deps.now ?? Date.now;
  const answers: { step: string; status: number; body: unknown }[] = [];
  for (const request of sent) {
    const answer = await deps.transport(request.path, request.body, signedHeaders(request.body, deps.apiKey, now()));
    answers.push({ step: request.step, ...answer });
  }
  return answers;
}

/** The last line: what was booked and where to see it. */
export function finalLine(call: SimulatedCall): string {
  if (!call.booked) return `Kein Termin gebucht (${call.reason}). Anruf ${call.callId}.`;
  return `Termin gebucht: ${call.service} ${call.spoken}${call.staff ? ` bei ${call.staff}` : ""} — sichtbar unter /appointments/${call.appointmentId} und /calls/live`;
}
