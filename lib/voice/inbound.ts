import "server-only";
import { withCompany } from "@/db";
import { resolvePhoneNumber } from "@/db/platform";
import { normalizePhone } from "@/lib/customers/normalize";
import { acceptInboundCall, rejectInboundCall, type RetellInboundResponse } from "@/lib/retell/payloads";
import { localParts, spokenLocalDate, spokenTime, voiceLocale, type VoiceLocale, weekdayName } from "@/lib/voice/speech/format";
import { hoursOn, readBranch, readClosures, spokenDayHours } from "@/lib/voice/tools/branch";
import { callerNames, findCallerCustomers } from "@/lib/voice/tools/caller";

// The answer to Retell's `call_inbound` (integrations.md §1.4): the called number resolves to
// branch → company → agent (db/platform.ts, the one way across companies); a known, active
// number of an active company with an active agent is let through with that agent and the
// per-call dynamic variables (strings only), anything else is rejected politely (Retell hangs
// up before the agent speaks). Never throws on bad input; a database failure does throw, and
// the route answers non-2xx, so Retell retries and finally falls back to the number's own agent
// — better than hanging up on a caller because of us.

export type InboundCallInput = { toNumber: unknown; fromNumber?: unknown; now?: Date };

export type InboundRejectReason = "malformed_number" | "unknown_number" | "inactive_company" | "inactive_branch" | "no_agent";

export type InboundCallAnswer =
  | {
      accepted: true;
      response: RetellInboundResponse;
      companyId: string;
      branchId: string;
      phoneNumberId: string;
      /** Our retell_agents row and Retell's agent id. */
      agentId: string;
      retellAgentId: string;
      timeZone: string;
      locale: VoiceLocale;
      /** The caller's first matching customer, if known. */
      customerId: string | null;
    }
  | {
      accepted: false;
      response: RetellInboundResponse;
      reason: InboundRejectReason;
      companyId: string | null;
      branchId: string | null;
      phoneNumberId: string | null;
    };

const TEXT = {
  de: { closedToday: "heute geschlossen", noFixedHours: "keine festen Öffnungszeiten" },
  en: { closedToday: "closed today", noFixedHours: "no fixed opening hours" },
} as const;

export async function answerInboundCall(input: InboundCallInput): Promise<InboundCallAnswer> {
  const reject = (reason: InboundRejectReason, ids: { companyId?: string; branchId?: string; phoneNumberId?: string } = {}): InboundCallAnswer => ({
    accepted: false,
    response: rejectInboundCall(),
    reason,
    companyId: ids.companyId ?? null,
    branchId: ids.branchId ?? null,
    phoneNumberId: ids.phoneNumberId ?? null,
  });

  const toNumber = typeof input.toNumber === "string" && input.toNumber.length <= 64 ? normalizePhone(input.toNumber) : null;
  if (!toNumber) return reject("malformed_number");
  const fromNumber = typeof input.fromNumber === "string" && input.fromNumber.length <= 64 ? normalizePhone(input.fromNumber) : null;
  const now = input.now ?? new Date();

  const number = await resolvePhoneNumber(toNumber);
  if (!number) return reject("unknown_number");
  const ids = { companyId: number.companyId, branchId: number.branchId, phoneNumberId: number.phoneNumberId };
  if (!number.companyActive) return reject("inactive_company", ids);
  if (!number.agentId || !number.retellAgentId) return reject("no_agent", ids);
  const { agentId, retellAgentId } = number;

  const locale = voiceLocale(number.locale);
  const local = localParts(now, number.timeZone);
  const facts = await withCompany(number.companyId, async (tx) => {
    const [branch, closures, callers] = await Promise.all([
      readBranch(tx, number.companyId, number.branchId),
      readClosures(tx, number.companyId, number.branchId, local.date, local.date),
      findCallerCustomers(tx, number.companyId, fromNumber),
    ]);
    return branch && branch.isActive ? { branch, closures, callers } : null;
  });
  if (!facts) return reject("inactive_branch", ids);

  const day = hoursOn(facts.branch.openingHours, facts.closures, local.date, local.weekday);
  const hoursToday = day.kind === "unrestricted" ? TEXT[locale].noFixedHours : day.kind === "closed" ? TEXT[locale].closedToday : spokenDayHours(day, locale)!;
  const names = callerNames(facts.callers);
  const hhmm = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;

  const dynamicVariables: Record<string, string> = {
    // Empty rather than absent: Retell leaves an unset {{variable}} in the prompt as written.
    customer_name: names[0] ?? "",
    customer_known: names.length > 0 ? "true" : "false",
    today: spokenLocalDate(local.date, locale),
    today_iso: local.date,
    weekday: weekdayName(local.weekday, locale),
    current_time: spokenTime(local.hour, local.minute, locale),
    current_time_24h: hhmm,
    time_zone: number.timeZone,
    language: locale,
    branch_name: facts.branch.name,
    company_name: facts.branch.companyName,
    opening_hours_today: hoursToday,
    open_today: day.kind === "closed" ? "false" : "true",
  };

  return {
    accepted: true,
    response: acceptInboundCall({
      agentId: retellAgentId,
      dynamicVariables,
      metadata: { company_id: number.companyId, branch_id: number.branchId, phone_number_id: number.phoneNumberId },
    }),
    companyId: number.companyId,
    branchId: number.branchId,
    phoneNumberId: number.phoneNumberId,
    agentId,
    retellAgentId,
    timeZone: number.timeZone,
    locale,
    customerId: facts.callers[0]?.id ?? null,
  };
}
