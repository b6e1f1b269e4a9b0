import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { rowsOf, type Tx } from "@/db";
import { callbackRequests, callTranscripts, calls, functionTraces, type CustomerPersonalFields, type SealedCustomerFields } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createRng, type Rng } from "./random";
import type { CompanyWorld } from "./world";

// The voice agent's side of the demo, after the plain demo calls (./calls.ts): every call that
// booked an appointment is linked to it (appointments.booked_by_call_id), and for the salon
//   - the latest booking calls get their conversation (sealed transcript) and tool calls,
//   - ~40 more calls of the past two weeks: questions, cancellations, a full slot, transfers,
//     missed calls, a failed one — some with conversation and tool calls,
//   - 2 calls running right now (the live board),
//   - 6 callback requests in every state but "expired",
//   - a few webhook inbox rows (the platform admin's /settings/webhooks): processed, pending,
//     failed (one given up, one retrying) and ignored deliveries of these calls (./inbox below).
// Drawn from a generator seeded with the company's slug: the same world gets the same calls.
// db/ does not import lib/, so sealing comes in as functions (scripts/seed.ts passes lib's):
// a callback's number is stored exactly like a customer's phone (same column name and blind
// index), so sealCustomer serves; without sealTranscript no conversations are stored.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type SeedTurn = {
  role: "agent" | "user" | "tool_call_invocation" | "tool_call_result";
  content: string;
  startMs: number | null;
  endMs: number | null;
  toolCallId?: string;
  name?: string;
};

export type VoiceSeedOptions = {
  now: Date;
  sealCustomer: (companyId: string, fields: CustomerPersonalFields) => SealedCustomerFields;
  /** sealTranscript from lib/calls/transcripts.ts. */
  sealTranscript?: (companyId: string, turns: SeedTurn[], options: { isFinal?: boolean }) => { turnsCiphertext: string; turnCount: number; isFinal: boolean };
};

export type VoiceSeedCounts = { linked: number; calls: number; transcripts: number; traces: number; callbacks: number; inbox: number };

type Tool = { name: string; args: Record<string, unknown>; result: unknown; outcome?: "ok" | "domain_error"; errorCode?: string };
type Script = { turns: [speaker: "agent" | "user", text: string][]; tools: [afterTurn: number, tool: Tool][] };

/** Turns with timings (speech takes ~55 ms a character, pauses between), tool calls in between; and the tool calls as traces. */
function conversation(script: Script, rng: Rng) {
  const turns: SeedTurn[] = [];
  const tools: { tool: Tool; atMs: number; latencyMs: number }[] = [];
  let t = 600;
  script.turns.forEach(([speaker, text], i) => {
    const length = Math.max(900, text.length * 55);
    turns.push({ role: speaker, content: text, startMs: t, endMs: t + length });
    t += length + rng.int(300, 900);
    for (const [, tool] of script.tools.filter(([after]) => after === i)) {
      const id = `tc_${i}_${tool.name}`;
      const latencyMs = tool.name === "book_appointment" ? rng.int(60, 140) : rng.int(18, 70);
      turns.push({ role: "tool_call_invocation", content: JSON.stringify(tool.args), startMs: t, endMs: t, toolCallId: id, name: tool.name });
      tools.push({ tool, atMs: t, latencyMs });
      t += latencyMs;
      turns.push({ role: "tool_call_result", content: JSON.stringify(tool.result), startMs: t, endMs: t, toolCallId: id, name: tool.name });
      t += rng.int(200, 500);
    }
  });
  return { turns, tools, durationMs: t + rng.int(800, 2500) };
}

const berlin = (d: Date) => new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(d);
const berlinDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(d);
/** A name ending a sentence ("Deniz A." stays, "Mia" gets its period). */
const sentence = (text: string) => (text.endsWith(".") ? text : `${text}.`);
const weekday = (d: Date) => new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", weekday: "long" }).format(d);

type Kind = "hours" | "prices" | "callback" | "cancel" | "full" | "missed" | "transfer" | "error" | "hangup";
const KINDS: { kind: Kind; weight: number }[] = [
  { kind: "hours", weight: 7 },
  { kind: "prices", weight: 6 },
  { kind: "callback", weight: 5 },
  { kind: "cancel", weight: 5 },
  { kind: "full", weight: 4 },
  { kind: "missed", weight: 4 },
  { kind: "transfer", weight: 3 },
  { kind: "hangup", weight: 3 },
  { kind: "error", weight: 1 },
];

const CALLBACK_REASONS = [
  "Möchte sich zu einer Hochsteckfrisur für eine Hochzeit beraten lassen.",
  "Fragt, ob Strähnchen und Schnitt an einem Termin möglich sind – bitte zurückrufen.",
  "Reklamation: Farbe nach dem letzten Termin zu dunkel, wünscht Rückruf der Filialleitung.",
  "Gutschein einlösen – Fragen zum Restbetrag.",
  "Sucht einen Termin für drei Personen am selben Nachmittag.",
];

export async function insertDemoVoice(tx: Tx, world: CompanyWorld, options: VoiceSeedOptions): Promise<VoiceSeedCounts> {
  const { companyId, blueprint } = world;
  const counts: VoiceSeedCounts = { linked: 0, calls: 0, transcripts: 0, traces: 0, callbacks: 0, inbox: 0 };

  // 1. Each booking call of ./calls.ts ended shortly before its appointment was stored.
  const linked = await tx.execute(sql`
    update appointments a set booked_by_call_id = c.id
      from calls c
     where a.company_id = ${companyId} and c.company_id = ${companyId} and a.source = 'phone' and a.booked_by_call_id is null
       and c.customer_id = a.customer_id and c.status = 'ended' and c.successful
       and c.ended_at between a.created_at - interval '2 minutes' and a.created_at
    returning a.id`);
  counts.linked = rowsOf(linked).length;
  if (blueprint.slug !== "salon-schnittkunst") return counts;

  const rng = createRng(`${blueprint.slug}:voice`);
  const now = options.now;
  const agentNumber = new Map(world.branches.map((b, i) => [b.id, blueprint.branches[i]?.agentNumber ?? null]));
  const customers = world.customers.filter((c) => c.phone);
  const admin = world.users.find((u) => u.role === "company_admin");
  const manager = world.users.find((u) => u.role === "branch_manager");
  const managerBranches = new Set(world.userBranches.filter((ub) => ub.userId === manager?.id).map((ub) => ub.branchId));
  const serviceNames = world.services.map((s) => s.name);

  const callRows: (typeof calls.$inferInsert)[] = [];
  const transcriptRows: (typeof callTranscripts.$inferInsert)[] = [];
  const traceRows: (typeof functionTraces.$inferInsert)[] = [];
  const callbackCalls: { callId: string; branchId: string; customerId: string | null; name: string | null; phone: string; reason: string; at: Date }[] = [];

  const addConversation = (callId: string, startedAt: Date, conv: ReturnType<typeof conversation>, isFinal: boolean) => {
    if (options.sealTranscript) {
      transcriptRows.push({ companyId, callId, ...options.sealTranscript(companyId, conv.turns, { isFinal }) });
    }
    for (const { tool, atMs, latencyMs } of conv.tools) {
      traceRows.push({
        companyId,
        callId,
        toolName: tool.name,
        rawName: `${tool.name}_v3`,
        arguments: tool.args,
        result: tool.result,
        outcome: tool.outcome ?? "ok",
        errorCode: tool.errorCode ?? null,
        latencyMs,
        createdAt: new Date(startedAt.getTime() + atMs),
      });
    }
  };

  // 2. The conversations of the latest booking calls.
  const booked = rowsOf<{ call_id: string; started_at: Date | string; first_name: string; service: string; starts_at: Date | string; staff: string | null; branch_id: string }>(
    await tx.execute(sql`
      select c.id call_id, c.started_at, cu.first_name, s.name service, a.starts_at, st.display_name staff, a.branch_id
        from appointments a
        join calls c on c.company_id = a.company_id and c.id = a.booked_by_call_id
        join customers cu on cu.company_id = a.company_id and cu.id = a.customer_id
        join services s on s.company_id = a.company_id and s.id = a.service_id
        left join staff st on st.company_id = a.company_id and st.id = a.staff_id
       where a.company_id = ${companyId} and c.started_at > ${new Date(now.getTime() - 14 * DAY).toISOString()}::timestamptz
       order by c.started_at desc, c.id
       limit 6`),
  );
  for (const b of booked) {
    const startsAt = new Date(b.starts_at);
    const startedAt = new Date(b.started_at);
    const when = `${weekday(startsAt)} um ${berlin(startsAt)} Uhr`;
    const conv = conversation(
      {
        turns: [
          ["agent", `Salon Schnittkunst, hier ist Lina, die digitale Assistentin. Wie kann ich helfen?`],
          ["user", `Hallo, hier ist ${b.first_name}. Ich hätte gern einen Termin für ${b.service}.`],
          ["agent", `Gern, ${b.first_name}! Wann würde es Ihnen passen?`],
          ["user", b.staff ? `Am liebsten ${weekday(startsAt)}, gern bei ${sentence(b.staff)}` : `Am liebsten ${weekday(startsAt)}.`],
          ["agent", `${when} ist ${b.staff ? `bei ${b.staff} ` : ""}noch frei. Soll ich das für Sie buchen?`],
          ["user", "Ja, bitte."],
          ["agent", `Erledigt: ${b.service} am ${when}. Sie bekommen gleich eine Bestätigung per SMS. Bis dann!`],
        ],
        tools: [
          [1, { name: "check_customer", args: {}, result: { found: true, first_name: b.first_name } }],
          [3, { name: "check_availability", args: { service: b.service, date: berlinDay(startsAt), preferred_staff: b.staff }, result: { available: true, slot: startsAt.toISOString() } }],
          [5, { name: "book_appointment", args: { service: b.service, start: startsAt.toISOString() }, result: { booked: true, message: `Gebucht: ${when}` } }],
        ],
      },
      rng,
    );
    addConversation(b.call_id, startedAt, conv, true);
  }

  // 3. Calls of the past two weeks that booked nothing.
  const pastCalls = 38;
  for (let i = 0; i < pastCalls; i++) {
    const kind = i < 5 ? (["callback", "callback", "callback", "full", "transfer"] as const)[i]! : rng.weighted(KINDS, (k) => k.weight).kind;
    const branch = rng.pick(world.branches);
    const known = rng.chance(0.6) ? rng.pick(customers) : null;
    const phone = known?.phone ?? `+4915${rng.int(1, 9)}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
    // Business hours, Berlin (UTC+1 in winter, +2 in summer: ±1 h is fine for a demo).
    const day = new Date(now.getTime() - rng.int(0, 13) * DAY);
    const startedAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rng.int(7, 17), rng.int(0, 59), rng.int(0, 59)));
    if (startedAt.getTime() > now.getTime() - 30 * MINUTE) startedAt.setTime(startedAt.getTime() - DAY);
    const id = newId();
    const service = rng.pick(serviceNames);
    const firstName = known?.firstName ?? null;
    const hello = firstName ? `Hallo, hier ist ${firstName}.` : "Hallo, guten Tag.";
    let script: Script | null = null;
    let summary: string | null = null;
    let sentiment: "Positive" | "Neutral" | "Negative" | "Unknown" | null = "Neutral";
    let successful: boolean | null = true;
    let status: "ended" | "not_connected" | "error" = "ended";
    let disconnectionReason = rng.chance(0.7) ? "user_hangup" : "agent_hangup";
    let transfer: Partial<typeof calls.$inferInsert> = {};

    switch (kind) {
      case "hours":
        summary = "Frage nach den Öffnungszeiten am Samstag; Auskunft erteilt.";
        sentiment = "Positive";
        script = {
          turns: [
            ["agent", "Salon Schnittkunst, hier ist Lina, die digitale Assistentin. Wie kann ich helfen?"],
            ["user", `${hello} Haben Sie am Samstag geöffnet?`],
            ["agent", "Ja, samstags sind wir von 9 bis 16 Uhr für Sie da. Möchten Sie gleich einen Termin?"],
            ["user", "Nein danke, ich melde mich noch mal."],
          ],
          tools: [[1, { name: "opening_hours", args: { day: "saturday" }, result: { open: "09:00", close: "16:00" } }]],
        };
        break;
      case "prices":
        summary = `Frage nach dem Preis für „${service}“; Preis genannt, noch kein Termin.`;
        script = {
          turns: [
            ["agent", "Salon Schnittkunst, hier ist Lina. Was kann ich für Sie tun?"],
            ["user", `${hello} Was kostet bei Ihnen ${service}?`],
            ["agent", `${service} kostet bei uns ab ${(rng.int(18, 120)).toString()} Euro. Soll ich nach einem freien Termin schauen?`],
            ["user", "Ich überlege es mir noch, danke."],
          ],
          tools: [[1, { name: "list_services", args: { query: service }, result: { services: [{ name: service }] } }]],
        };
        break;
      case "callback": {
        const reason = CALLBACK_REASONS[callbackCalls.length % CALLBACK_REASONS.length]!;
        summary = `Rückruf gewünscht: ${reason}`;
        sentiment = rng.chance(0.7) ? "Neutral" : "Positive";
        callbackCalls.push({ callId: id, branchId: branch.id, customerId: known?.id ?? null, name: known ? `${known.firstName} ${known.lastName}` : null, phone, reason, at: startedAt });
        script = {
          turns: [
            ["agent", "Salon Schnittkunst, hier ist Lina. Wie kann ich helfen?"],
            ["user", `${hello} ${reason}`],
            ["agent", "Das klärt am besten jemand aus dem Team mit Ihnen persönlich. Ich notiere einen Rückruf – passt Ihnen diese Nummer?"],
            ["user", "Ja, genau, die passt."],
            ["agent", "Prima, wir melden uns heute noch bei Ihnen. Einen schönen Tag!"],
          ],
          tools: [[3, { name: "request_callback", args: { reason }, result: { created: true } }]],
        };
        break;
      }
      case "cancel":
        summary = "Termin abgesagt (Krankheit), Anrufer meldet sich für einen neuen Termin.";
        script = {
          turns: [
            ["agent", "Salon Schnittkunst, hier ist Lina. Wie kann ich helfen?"],
            ["user", `${hello} Ich muss meinen Termin leider absagen, ich bin krank.`],
            ["agent", "Gute Besserung! Ich sehe Ihren Termin – soll ich ihn absagen?"],
            ["user", "Ja, bitte."],
            ["agent", "Ist abgesagt. Melden Sie sich einfach, wenn es Ihnen besser geht."],
          ],
          tools: [
            [1, { name: "find_appointments", args: {}, result: { appointments: [{ service }] } }],
            [3, { name: "cancel_appointment", args: { reason: "krank" }, result: { cancelled: true } }],
          ],
        };
        break;
      case "full":
        summary = `Wunschtermin für „${service}“ war belegt; die Alternativen passten nicht.`;
        sentiment = "Negative";
        successful = false;
        script = {
          turns: [
            ["agent", "Salon Schnittkunst, hier ist Lina. Wie kann ich helfen?"],
            ["user", `${hello} Haben Sie morgen um 17 Uhr noch etwas frei für ${service}?`],
            ["agent", "Um 17 Uhr ist leider schon belegt. Ich könnte Ihnen 10:30 Uhr oder übermorgen 17 Uhr anbieten."],
            ["user", "Nein, das passt beides nicht. Schade."],
          ],
          tools: [[1, { name: "check_availability", args: { service, date: "morgen 17 Uhr" }, result: { available: false, alternatives: ["10:30", "übermorgen 17:00"] }, outcome: "domain_error", errorCode: "slot_taken" }]],
        };
        break;
      case "transfer":
        summary = "Beschwerde über die letzte Färbung, an die Filiale weitergeleitet.";
        sentiment = "Negative";
        disconnectionReason = "call_transfer";
        transfer = { transferStatus: "ended", transferDestination: agentNumber.get(branch.id)?.replace(/\d{2}$/, "00") ?? null, transferredAt: new Date(startedAt.getTime() + 50 * SECOND) };
        script = {
          turns: [
            ["agent", "Salon Schnittkunst, hier ist Lina. Wie kann ich helfen?"],
            ["user", `${hello} Ich bin mit meiner Farbe vom letzten Mal gar nicht zufrieden.`],
            ["agent", "Das tut mir leid. Ich verbinde Sie direkt mit dem Salon, einen Moment bitte."],
          ],
          tools: [],
        };
        break;
      case "hangup":
        summary = "Anrufer hat nach der Begrüßung aufgelegt.";
        sentiment = "Unknown";
        successful = false;
        script = null;
        break;
      case "missed":
        status = "not_connected";
        summary = null;
        sentiment = null;
        successful = null;
        disconnectionReason = "dial_no_answer";
        break;
      case "error":
        status = "error";
        summary = null;
        sentiment = null;
        successful = null;
        disconnectionReason = "error_llm_websocket_open";
        break;
    }

    const conv = script ? conversation(script, rng) : null;
    const durationMs = status === "not_connected" ? null : conv ? conv.durationMs : rng.int(4, 40) * SECOND;
    const started = status === "not_connected" ? null : startedAt;
    callRows.push({
      id,
      companyId,
      branchId: branch.id,
      customerId: known?.id ?? null,
      retellCallId: `call_demo_${newId().replaceAll("-", "")}`,
      direction: "inbound",
      status,
      fromNumber: rng.chance(0.05) && !known ? null : phone,
      toNumber: agentNumber.get(branch.id) ?? null,
      startedAt: started,
      endedAt: started && durationMs !== null ? new Date(started.getTime() + durationMs) : null,
      analyzedAt: started && durationMs !== null && status === "ended" ? new Date(started.getTime() + durationMs + 15 * SECOND) : null,
      durationMs,
      disconnectionReason,
      summary,
      sentiment,
      successful,
      recordingUrl: conv && rng.chance(0.5) ? `https://recordings.example.com/demo/${id}.wav` : null,
      lastEventAt: started && durationMs !== null ? new Date(started.getTime() + durationMs + 15 * SECOND) : startedAt,
      ...transfer,
    });
    if (conv && (kind === "callback" || kind === "full" || rng.chance(0.4))) addConversation(id, startedAt, conv, true);
  }

  // 4. Two calls running right now.
  const liveCalls: { row: typeof calls.$inferInsert; turns: SeedTurn[] }[] = [];
  const live = [
    { ago: 47 * SECOND, who: rng.pick(customers) },
    { ago: 3 * MINUTE + 12 * SECOND, who: null },
  ];
  for (const [i, { ago, who }] of live.entries()) {
    const id = newId();
    const branch = world.branches[i % world.branches.length]!;
    const startedAt = new Date(now.getTime() - ago);
    callRows.push({
      id,
      companyId,
      branchId: branch.id,
      customerId: who?.id ?? null,
      retellCallId: `call_demo_${newId().replaceAll("-", "")}`,
      direction: "inbound",
      status: "ongoing",
      fromNumber: who?.phone ?? `+4917${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`,
      toNumber: agentNumber.get(branch.id) ?? null,
      startedAt,
      lastEventAt: startedAt,
    });
    const conv = conversation(
      {
        turns: [
          ["agent", "Salon Schnittkunst, hier ist Lina, die digitale Assistentin. Wie kann ich helfen?"],
          ["user", who ? `Hallo, hier ist ${who.firstName}. Ich bräuchte einen Termin nächste Woche.` : "Hallo, ich wollte fragen, ob Sie auch Hochsteckfrisuren machen."],
        ],
        tools: who ? [[1, { name: "check_customer", args: {}, result: { found: true, first_name: who.firstName } }]] : [],
      },
      rng,
    );
    addConversation(id, startedAt, conv, false);
    liveCalls.push({ row: callRows.at(-1)!, turns: conv.turns });
  }

  for (let i = 0; i < callRows.length; i += 200) await tx.insert(calls).values(callRows.slice(i, i + 200));
  if (transcriptRows.length) await tx.insert(callTranscripts).values(transcriptRows);
  for (let i = 0; i < traceRows.length; i += 200) await tx.insert(functionTraces).values(traceRows.slice(i, i + 200));
  counts.calls = callRows.length;
  counts.transcripts = transcriptRows.length;
  counts.traces = traceRows.length;

  // 5. Callback requests: from the agent's request_callback (with their call), and by hand.
  const assigneeFor = (branchId: string) => (manager && managerBranches.has(branchId) ? manager.id : (admin?.id ?? null));
  const manual = [
    { name: "Familie Krüger", phone: "+4930" + String(rng.int(1_000_000, 9_999_999)), reason: "Möchte Termine für die ganze Familie vor Weihnachten abstimmen.", branchId: world.branches[0]!.id },
    { name: "Dr. Hanna Vogt", phone: "+49176" + String(rng.int(10_000_000, 99_999_999)), reason: "Fragt nach einem Firmenangebot für Mitarbeitende.", branchId: world.branches[world.branches.length - 1]!.id },
  ];
  const requests = [
    ...callbackCalls.slice(0, 4).map((c) => ({ ...c, createdByUserId: null as string | null })),
    ...manual.map((m, i) => ({ ...m, callId: null, customerId: null, at: new Date(now.getTime() - (i + 1) * 5 * HOUR), createdByUserId: admin?.id ?? null })),
  ];
  const plans: { status: "open" | "assigned" | "contacted" | "completed"; priority: "low" | "normal" | "high" | "urgent"; dueIn: number }[] = [
    { status: "open", priority: "high", dueIn: 3 * HOUR },
    { status: "open", priority: "urgent", dueIn: -2 * HOUR },
    { status: "assigned", priority: "normal", dueIn: 20 * HOUR },
    { status: "contacted", priority: "normal", dueIn: -26 * HOUR },
    { status: "completed", priority: "low", dueIn: -3 * DAY },
    { status: "assigned", priority: "normal", dueIn: 2 * DAY },
  ];
  const rows = requests.slice(0, plans.length).map((r, i) => {
    const plan = plans[i]!;
    const assignee = plan.status === "open" ? null : assigneeFor(r.branchId);
    const dueAt = new Date(now.getTime() + plan.dueIn);
    const status = plan.status !== "open" && !assignee ? "open" : plan.status;
    return {
      id: newId(),
      companyId,
      branchId: r.branchId,
      callId: r.callId,
      customerId: r.customerId,
      ...sealedPhone(options, companyId, r.phone),
      name: r.name,
      reason: r.reason,
      priority: plan.priority,
      status,
      assignedToUserId: assignee,
      createdByUserId: r.createdByUserId,
      dueAt,
      contactedAt: status === "contacted" || status === "completed" ? new Date(Math.min(now.getTime(), dueAt.getTime() - 30 * MINUTE)) : null,
      completedAt: status === "completed" ? new Date(Math.min(now.getTime(), dueAt.getTime())) : null,
      createdAt: new Date(Math.min(r.at.getTime() + MINUTE, now.getTime())),
    } satisfies typeof callbackRequests.$inferInsert;
  });
  if (rows.length) await tx.insert(callbackRequests).values(rows);
  counts.callbacks = rows.length;

  // 6. The webhook inbox.
  const lastEnded = callRows
    .filter((c) => c.status === "ended" && c.startedAt && c.endedAt)
    .sort((a, b) => b.startedAt!.getTime() - a.startedAt!.getTime())[0];
  counts.inbox = await insertDemoInbox(tx, { companyId, now, liveCalls, failedCall: lastEnded ?? null });
  return counts;
}

// --- the webhook inbox ---------------------------------------------------------------------------
// Retell deliveries of the calls above, written the only way there is (the SECURITY DEFINER
// functions of drizzle/0024: insert, claim, finish), so each row is exactly what the route and
// the processing would leave: received_at is the time in the row's UUIDv7 id, processed_at the
// seed's own time (so only recent deliveries are processed ones). The payloads are real Retell
// call events of these calls: a replay from the admin page processes them like any other.
//   - the two live calls: call_started and earlier transcript turns processed, the latest turn
//     pending (Inngest has not picked it up: true of the demo without an Inngest server);
//   - the latest ended call: call_ended failed and given up after 8 attempts (replay it), its
//     call_analyzed failed once and waiting for the redrive;
//   - a chat event Retell sent that we do not handle: ignored.

type InboxCall = typeof calls.$inferInsert;

const inboxHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

function retellCall(call: InboxCall, extra: Record<string, unknown> = {}) {
  return {
    call_id: call.retellCallId,
    call_type: "phone_call",
    agent_id: "agent_schnittkunst_demo",
    direction: "inbound",
    from_number: call.fromNumber,
    to_number: call.toNumber,
    start_timestamp: call.startedAt?.getTime() ?? null,
    ...extra,
  };
}

function transcriptOf(turns: SeedTurn[]) {
  const spoken = turns.filter((t) => t.role === "agent" || t.role === "user");
  return {
    transcript: spoken.map((t) => `${t.role === "agent" ? "Agent" : "User"}: ${t.content}`).join("\n"),
    transcript_object: spoken.map((t) => ({ role: t.role, content: t.content })),
  };
}

export async function insertDemoInbox(
  tx: Tx,
  input: { companyId: string; now: Date; liveCalls: { row: InboxCall; turns: SeedTurn[] }[]; failedCall: InboxCall | null },
): Promise<number> {
  const { companyId, now } = input;
  type Outcome = { status: "processed" | "ignored" | "failed"; error?: string; attempts?: number };
  const deliveries: { at: number; eventType: string; body: Record<string, unknown>; key?: string; outcome: Outcome | null }[] = [];

  for (const [i, { row, turns }] of input.liveCalls.entries()) {
    const started = row.startedAt!.getTime();
    deliveries.push({ at: started + 400, eventType: "call_started", body: { event: "call_started", call: retellCall(row, { call_status: "ongoing" }) }, outcome: { status: "processed" } });
    // The conversation so far arrives turn by turn; the latest turn has not been processed yet.
    const spoken = turns.flatMap((t, k) => (t.role === "agent" || t.role === "user" ? [k] : []));
    for (const [n, k] of spoken.entries()) {
      const latest = n === spoken.length - 1;
      const at = latest ? now.getTime() - (8 + i * 12) * 1000 : started + (turns[k]!.endMs ?? (n + 1) * 4000);
      deliveries.push({
        at: Math.min(at, now.getTime() - 2000),
        eventType: "transcript_updated",
        body: { event: "transcript_updated", call: retellCall(row, { call_status: "ongoing", ...transcriptOf(turns.slice(0, k + 1)) }) },
        outcome: latest ? null : { status: "processed" },
      });
    }
  }

  const failed = input.failedCall;
  if (failed?.startedAt && failed.endedAt) {
    const ended = failed.endedAt.getTime();
    const call = retellCall(failed, {
      call_status: "ended",
      end_timestamp: ended,
      duration_ms: failed.durationMs,
      disconnection_reason: failed.disconnectionReason,
    });
    deliveries.push({ at: ended + 900, eventType: "call_ended", body: { event: "call_ended", call }, outcome: { status: "failed", error: "canceling statement due to lock timeout (55P03)", attempts: 8 } });
    deliveries.push({
      at: ended + 14_000,
      eventType: "call_analyzed",
      body: {
        event: "call_analyzed",
        call: { ...call, call_analysis: { call_summary: failed.summary, user_sentiment: failed.sentiment, call_successful: failed.successful } },
      },
      outcome: { status: "failed", error: "Connection terminated unexpectedly", attempts: 1 },
    });
  }

  const chat = { event: "chat_started", chat: { chat_id: "chat_demo_webwidget", agent_id: "agent_schnittkunst_demo", start_timestamp: now.getTime() - 95_000 } };
  deliveries.push({
    at: now.getTime() - 94_000,
    eventType: "chat_started",
    body: chat,
    key: `retell:chat_started:${inboxHash(JSON.stringify(chat))}`,
    outcome: { status: "ignored", error: "unhandled event type chat_started" },
  });

  for (const d of deliveries.sort((a, b) => a.at - b.at)) {
    const text = JSON.stringify(d.body);
    const call = (d.body as { call?: { call_id?: string } }).call;
    const key = d.key ?? (d.eventType === "transcript_updated" ? `retell:${call?.call_id}:transcript_updated:${inboxHash(text)}` : `retell:${call?.call_id}:${d.eventType}`);
    const [stored] = rowsOf<{ id: string }>(
      await tx.execute(sql`select id from app_webhook_event_insert(${uuidv7({ msecs: d.at })}::uuid, 'retell'::webhook_provider, ${d.eventType}::text,
                                                               ${key}::text, ${text}::jsonb, null::uuid, make_interval(secs => 120))`),
    );
    if (!stored || !d.outcome) continue;
    for (let attempt = 0; attempt < (d.outcome.attempts ?? 1); attempt++) {
      await tx.execute(sql`select 1 from app_webhook_event_claim(${stored.id}::uuid, make_interval(secs => 300))`);
      await tx.execute(sql`select app_webhook_event_finish(${stored.id}::uuid, ${d.outcome.status}::webhook_event_status, ${d.outcome.error ?? null}::text,
                                                           ${d.outcome.status === "processed" ? companyId : null}::uuid)`);
    }
  }
  return deliveries.length;
}

function sealedPhone(options: VoiceSeedOptions, companyId: string, phone: string) {
  const sealed = options.sealCustomer(companyId, { phone });
  if (!sealed.phoneCiphertext || !sealed.phoneBlindIndex) throw new Error("demo seed: a callback number did not seal");
  return { phoneCiphertext: sealed.phoneCiphertext, phoneBlindIndex: sealed.phoneBlindIndex };
}
