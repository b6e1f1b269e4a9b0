import "server-only";
import type { RetellInboundResponse } from "@/lib/retell/payloads";
import { answerInboundCall } from "@/lib/voice/inbound";

// The synchronous answer to call_inbound: lib/voice/inbound.ts resolves the called number
// (number → branch → company → agent) and builds the dynamic variables, or rejects politely
// (unknown or inactive number, inactive company or branch, no agent). A database failure throws
// on purpose: the route answers non-2xx, Retell retries and finally falls back to the number's
// own agent — better than hanging up on the caller.

export type InboundQuestion = { toNumber: string; fromNumber: string | null; now: Date };

export async function answerInbound(question: InboundQuestion): Promise<RetellInboundResponse> {
  const answer = await answerInboundCall({ toNumber: question.toNumber, fromNumber: question.fromNumber, now: question.now });
  return answer.response;
}
