// What npm run bench:voice sends: Retell's requests as Retell signs them (lib/retell/fixtures for
// the wire shape, signRetellBody at the moment of sending), varied the way real calls vary.
//   check_availability: the services of the branch, a named staff member in one request of five,
//     German and English date phrases (a day, a part of a day, a clock time, a whole week) or an
//     ISO instant offered earlier, each from a distinct call.
//   book_appointment: a known free hour of one staff member, a new caller with a name or a
//     returning one, each from a distinct call.
//   webhooks: call_started, transcript_updated, call_ended, call_analyzed of distinct calls,
//     interleaved like overlapping calls, full-size payloads (transcript, tool calls, costs).
import { callAnalyzedFixture, callEndedFixture, callStartedFixture, type CallIdentity, functionCallFixture, transcriptUpdatedFixture } from "@/lib/retell/fixtures";
import { RETELL_SIGNATURE_HEADER, signRetellBody } from "@/lib/retell/signature";
import { localIso } from "@/lib/voice/speech/format";
import type { RequestSpec } from "./load";
import { BENCH_CUSTOMER_LAST_NAME, type BookingSlot, type VoiceWorld } from "./voice-world";

export const FUNCTIONS_PATH = "/api/retell/functions";
export const WEBHOOK_PATH = "/api/webhooks/retell";

/** What callers say, parsed in the branch's zone (lib/voice/date-phrases); none lies in the past. */
const DATE_PHRASES = [
  "morgen",
  "morgen Nachmittag",
  "morgen früh",
  "morgen um 10",
  "übermorgen",
  "Dienstag",
  "Mittwoch am Morgen",
  "Donnerstag",
  "Freitag",
  "Dienstagnachmittag",
  "am Dienstag um 10",
  "Dienstag um halb drei",
  "nächste Woche",
  "Dienstag nächste Woche",
  "Anfang nächster Woche",
  "Mitte nächster Woche",
  "tomorrow afternoon",
  "Friday at 11am",
  "early next week",
  "10 am tomorrow",
];

const DAY = 86_400_000;

export function signedPost(path: string, body: string, apiKey: string): RequestSpec {
  return {
    method: "POST",
    path,
    body,
    headers: { "content-type": "application/json", "user-agent": "AskProAI-Bench-Voice", [RETELL_SIGNATURE_HEADER]: signRetellBody(body, apiKey) },
  };
}

/** A mobile number unique per (phase, i): each request is another caller. */
const callerNumber = (phase: number, i: number) => `+49176${String(phase)}${String(i).padStart(7, "0")}`;

/** A weekday `days` ahead at a whole hour (UTC 8–15, i.e. within the working day in Central Europe). */
function instantAhead(now: number, days: number, hourUtc: number): Date {
  let t = Math.floor(now / DAY) * DAY + days * DAY;
  while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
  return new Date(t + hourUtc * 3_600_000);
}

export function checkAvailabilityBody(world: VoiceWorld, runId: string, phase: number, i: number): string {
  const branch = world.branches[i % world.branches.length]!;
  const service = world.services[(i * 7) % world.services.length]!;
  const args: Record<string, unknown> = { service: service.name };
  if (i % 5 === 2) args.staff = branch.staff[(i * 13) % branch.staff.length]!.name;
  if (i % 7 === 3) args.starts_at = localIso(instantAhead(Date.now(), 1 + (i % 12), 8 + (i % 8)), branch.timeZone);
  else args.date_phrase = DATE_PHRASES[i % DATE_PHRASES.length];
  const ident: CallIdentity = { callId: `${runId}_ca${phase}_${i}`, from: callerNumber(phase, i), to: branch.e164, agentId: world.retellAgentId, startedAt: Date.now() - 20_000 };
  return JSON.stringify(functionCallFixture("check_availability", args, ident));
}

export function bookAppointmentBody(world: VoiceWorld, runId: string, slot: BookingSlot, i: number, knownCaller: string | null): string {
  // Services that fit the free hour (duration + buffer ≤ 60 minutes).
  const fitting = world.services.filter((s) => s.durationMinutes + s.bufferMinutes <= 60);
  const service = fitting[i % fitting.length]!;
  const args: Record<string, unknown> = { service: service.name, staff: slot.staff.name, starts_at: localIso(slot.startsAt, slot.branch.timeZone) };
  if (!knownCaller) args.customer_name = `Anrufer${i} ${BENCH_CUSTOMER_LAST_NAME}`;
  const ident: CallIdentity = {
    callId: `${runId}_bk_${i}`,
    from: knownCaller ?? callerNumber(9, i),
    to: slot.branch.e164,
    agentId: world.retellAgentId,
    startedAt: Date.now() - 60_000,
  };
  return JSON.stringify(functionCallFixture("book_appointment", args, ident));
}

const WEBHOOK_KINDS = ["call_started", "transcript_updated", "call_ended", "call_analyzed"] as const;

/** `count` webhook bodies (a multiple of 4: four events per call), events of a call ~`spread` apart. */
export function webhookBodies(world: VoiceWorld, callIdPrefix: string, count: number, spread = 50): string[] {
  const calls = Math.ceil(count / WEBHOOK_KINDS.length);
  const order: { call: number; kind: number; at: number }[] = [];
  for (let call = 0; call < calls; call++) {
    for (let kind = 0; kind < WEBHOOK_KINDS.length; kind++) order.push({ call, kind, at: call + kind * spread });
  }
  order.sort((a, b) => a.at - b.at || a.call - b.call);
  const now = Date.now();
  return order.slice(0, count).map(({ call, kind }) => {
    const branch = world.branches[call % world.branches.length]!;
    const ident: CallIdentity = {
      callId: `${callIdPrefix}${call}`,
      from: callerNumber(8, call),
      to: branch.e164,
      agentId: world.retellAgentId,
      startedAt: now - 120_000,
      durationMs: 60_000 + (call % 240) * 1_000,
    };
    const event = WEBHOOK_KINDS[kind]!;
    const payload =
      event === "call_started"
        ? callStartedFixture(ident)
        : event === "transcript_updated"
          ? transcriptUpdatedFixture(3, ident)
          : event === "call_ended"
            ? callEndedFixture(ident)
            : callAnalyzedFixture(ident);
    return JSON.stringify(payload);
  });
}
