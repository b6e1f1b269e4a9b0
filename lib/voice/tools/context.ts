import "server-only";
import { resolvePhoneNumber } from "@/db/platform";
import { normalizePhone } from "@/lib/customers/normalize";
import { voiceLocale } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { fail } from "./result";
import type { ToolContext, ToolResult } from "./types";

// The tool context of a live call, from the (signature-checked) request's call object: the
// called number resolves to company, branch, zone and language exactly as for call_inbound; the
// caller's number is normalized (withheld → null). A number that is unknown, inactive or of an
// inactive company gets no context — and a speakable answer instead (German: there is no branch
// to take the language from).

/** toNumber: our number (the called one inbound, the calling one outbound); fromNumber: the customer's. */
export type ToolContextInput = {
  callId: unknown;
  toNumber: unknown;
  fromNumber?: unknown;
  direction?: "inbound" | "outbound";
  now?: Date;
  requestId?: string;
};

export type ToolContextResolution =
  | { ok: true; context: ToolContext }
  | { ok: false; reason: "malformed" | "unknown_number" | "inactive_company"; companyId: string | null; result: ToolResult<never> };

const text = (value: unknown, max: number) => (typeof value === "string" && value.trim() && value.length <= max ? value.trim() : null);

export async function resolveToolContext(input: ToolContextInput): Promise<ToolContextResolution> {
  const refuse = (reason: "malformed" | "unknown_number" | "inactive_company", companyId: string | null = null): ToolContextResolution => ({
    ok: false,
    reason,
    companyId,
    result: fail("branch_unavailable", phrasesFor("de").branchUnavailable),
  });
  const callId = text(input.callId, 200);
  const to = text(input.toNumber, 64);
  const toNumber = to ? normalizePhone(to) : null;
  if (!callId || !toNumber) return refuse("malformed");
  const number = await resolvePhoneNumber(toNumber);
  if (!number) return refuse("unknown_number");
  if (!number.companyActive) return refuse("inactive_company", number.companyId);
  const from = text(input.fromNumber, 64);
  return {
    ok: true,
    context: {
      companyId: number.companyId,
      branchId: number.branchId,
      timeZone: number.timeZone,
      locale: voiceLocale(number.locale),
      callId,
      fromNumber: from ? normalizePhone(from) : null,
      now: input.now ?? new Date(),
      ...(input.requestId ? { requestId: input.requestId } : {}),
      phoneNumberId: number.phoneNumberId,
      retellAgentId: number.agentId,
      direction: input.direction ?? "inbound",
      ourNumber: toNumber,
    },
  };
}
