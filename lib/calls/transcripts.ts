import "server-only";
import { z } from "zod";
import type { CallTranscript } from "@/db/schema";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";
import type { FieldKeyRing } from "@/lib/crypto/key-ring";

// A call's transcript at rest (design.md §6): the turns as JSON, one AES-256-GCM ciphertext in
// call_transcripts.turns_ciphertext, bound to that column and the company (associated data), so
// a ciphertext copied into another company's row does not open. The one place it is sealed and
// opened; lib/crypto/rotate.ts re-encrypts it under a new key by the same column name.

export const TRANSCRIPT_CIPHERTEXT_COLUMN = "turns_ciphertext";

export const TRANSCRIPT_ROLES = ["agent", "user", "transfer_target", "tool_call_invocation", "tool_call_result"] as const;

export const transcriptTurnSchema = z.object({
  role: z.enum(TRANSCRIPT_ROLES),
  content: z.string(),
  /** Milliseconds from the start of the call (Retell's word timings), when known. */
  startMs: z.number().int().nonnegative().nullable(),
  endMs: z.number().int().nonnegative().nullable(),
  /** Tool turns: the tool call they belong to and the tool's name. */
  toolCallId: z.string().optional(),
  name: z.string().optional(),
});
export type TranscriptTurn = z.infer<typeof transcriptTurnSchema>;

const turnsSchema = z.array(transcriptTurnSchema);

export type SealedTranscript = Pick<CallTranscript, "turnsCiphertext" | "turnCount" | "isFinal">;

/** The stored form of a call's turns (an insert or the SET of an upsert). */
export function sealTranscript(
  companyId: string,
  turns: TranscriptTurn[],
  options: { isFinal?: boolean; ring?: FieldKeyRing } = {},
): SealedTranscript {
  const valid = turnsSchema.parse(turns);
  return {
    turnsCiphertext: encryptField(JSON.stringify(valid), { companyId, column: TRANSCRIPT_CIPHERTEXT_COLUMN }, options.ring),
    turnCount: valid.length,
    isFinal: options.isFinal ?? false,
  };
}

/** The turns of a stored transcript (throws FieldDecryptionError if it does not decrypt for this company). */
export function openTranscript(
  row: Pick<CallTranscript, "companyId" | "turnsCiphertext">,
  ring?: FieldKeyRing,
): TranscriptTurn[] {
  const json = decryptField(row.turnsCiphertext, { companyId: row.companyId, column: TRANSCRIPT_CIPHERTEXT_COLUMN }, ring);
  return turnsSchema.parse(JSON.parse(json));
}

/**
 * Latest wins, whatever order the deliveries arrive in. transcript_updated fires once per turn
 * and the transcript only grows, so a delivery replaces the stored one unless it has fewer turns
 * (an older turn arriving late); the final transcript (from call_ended / call_analyzed, the whole
 * call) is replaced only by another final one, never by a late transcript_updated.
 */
export function shouldReplaceTranscript(
  stored: Pick<CallTranscript, "turnCount" | "isFinal"> | null,
  incoming: { turnCount: number; isFinal: boolean },
): boolean {
  if (!stored) return true;
  if (stored.isFinal && !incoming.isFinal) return false;
  if (incoming.isFinal && !stored.isFinal) return true;
  return incoming.turnCount >= stored.turnCount;
}

// --- Retell's transcript shapes (integrations.md §1.1) ------------------------------------------

type RetellWord = { start?: unknown; end?: unknown };
type RetellUtterance = {
  role?: unknown;
  content?: unknown;
  words?: RetellWord[];
  tool_call_id?: unknown;
  name?: unknown;
  arguments?: unknown;
};

const seconds = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null);
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * Turns from a Retell call object: transcript_with_tool_calls when present (it has the tool
 * calls between the utterances), else transcript_object. Entries of other kinds (node
 * transitions, DTMF) are left out; word timings (seconds from the start) become milliseconds.
 */
export function turnsFromRetell(call: { transcript_with_tool_calls?: unknown; transcript_object?: unknown }): TranscriptTurn[] {
  const source = Array.isArray(call.transcript_with_tool_calls)
    ? call.transcript_with_tool_calls
    : Array.isArray(call.transcript_object)
      ? call.transcript_object
      : [];
  const turns: TranscriptTurn[] = [];
  for (const entry of source as RetellUtterance[]) {
    const role = (TRANSCRIPT_ROLES as readonly unknown[]).includes(entry?.role) ? (entry.role as TranscriptTurn["role"]) : null;
    if (!role) continue;
    const words = Array.isArray(entry.words) ? entry.words : [];
    const turn: TranscriptTurn = {
      role,
      content: text(entry.content) ?? (role === "tool_call_invocation" ? (text(entry.arguments) ?? "") : ""),
      startMs: seconds(words[0]?.start),
      endMs: seconds(words.at(-1)?.end),
    };
    const toolCallId = text(entry.tool_call_id);
    const name = text(entry.name);
    if (toolCallId) turn.toolCallId = toolCallId;
    if (name) turn.name = name;
    turns.push(turn);
  }
  return turns;
}
