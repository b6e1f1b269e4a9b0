import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { calls, callTranscripts } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { encryptField, FieldDecryptionError } from "@/lib/crypto/field-encryption";
import { openTranscript, sealTranscript, shouldReplaceTranscript, type TranscriptTurn, turnsFromRetell } from "./transcripts";

const turns: TranscriptTurn[] = [
  { role: "agent", content: "Salon Schnittkunst, guten Tag!", startMs: 0, endMs: 1800 },
  { role: "user", content: "Ich hätte gern einen Termin morgen Nachmittag.", startMs: 2100, endMs: 4900 },
  { role: "tool_call_invocation", content: '{"date":"morgen Nachmittag"}', startMs: null, endMs: null, toolCallId: "t1", name: "check_availability" },
];

async function callOf(companyId: string) {
  const id = newId();
  await withCompany(companyId, (tx) => tx.insert(calls).values({ id, companyId, retellCallId: `call_${id}`, status: "ongoing" }));
  return id;
}

describe("sealTranscript / openTranscript", () => {
  it("stores the turns as one ciphertext, no plain text, and reads them back", async () => {
    const a = await createTestCompany("Transkript");
    const callId = await callOf(a.id);
    const sealed = sealTranscript(a.id, turns);
    expect(sealed).toMatchObject({ turnCount: 3, isFinal: false });
    expect(sealed.turnsCiphertext).toMatch(/^v1\./);
    expect(sealed.turnsCiphertext).not.toContain("Termin");
    await withCompany(a.id, (tx) => tx.insert(callTranscripts).values({ companyId: a.id, callId, ...sealed }));
    const [row] = await withCompany(a.id, (tx) => tx.select().from(callTranscripts).where(eq(callTranscripts.callId, callId)));
    expect(openTranscript(row!)).toEqual(turns);
  });

  it("a ciphertext copied into another company's row does not open", async () => {
    const a = await createTestCompany("Kopie A");
    const b = await createTestCompany("Kopie B");
    const sealed = sealTranscript(a.id, turns);
    expect(() => openTranscript({ companyId: b.id, turnsCiphertext: sealed.turnsCiphertext })).toThrow(FieldDecryptionError);
    // Nor a value encrypted for another column of the same company (associated data names the column).
    const phone = encryptField(JSON.stringify(turns), { companyId: a.id, column: "phone_ciphertext" });
    expect(() => openTranscript({ companyId: a.id, turnsCiphertext: phone })).toThrow(FieldDecryptionError);
  });

  it("refuses malformed turns before encrypting anything", () => {
    expect(() => sealTranscript(newId(), [{ role: "robot", content: "x", startMs: 0, endMs: 1 } as unknown as TranscriptTurn])).toThrow();
    expect(() => sealTranscript(newId(), [{ role: "user", content: "x", startMs: -1, endMs: 1 }])).toThrow();
  });
});

describe("shouldReplaceTranscript", () => {
  it("latest wins: more (or as many) turns replace; a late shorter one does not; final only by final", () => {
    expect(shouldReplaceTranscript(null, { turnCount: 0, isFinal: false })).toBe(true);
    expect(shouldReplaceTranscript({ turnCount: 4, isFinal: false }, { turnCount: 5, isFinal: false })).toBe(true);
    expect(shouldReplaceTranscript({ turnCount: 4, isFinal: false }, { turnCount: 4, isFinal: false })).toBe(true);
    expect(shouldReplaceTranscript({ turnCount: 5, isFinal: false }, { turnCount: 3, isFinal: false })).toBe(false);
    expect(shouldReplaceTranscript({ turnCount: 9, isFinal: false }, { turnCount: 8, isFinal: true })).toBe(true);
    expect(shouldReplaceTranscript({ turnCount: 8, isFinal: true }, { turnCount: 12, isFinal: false })).toBe(false);
    expect(shouldReplaceTranscript({ turnCount: 8, isFinal: true }, { turnCount: 8, isFinal: true })).toBe(true);
  });
});

describe("turnsFromRetell", () => {
  it("maps transcript_with_tool_calls with word timings in ms and drops other entry kinds", () => {
    const result = turnsFromRetell({
      transcript_object: [{ role: "agent", content: "ignored when tool calls are present", words: [] }],
      transcript_with_tool_calls: [
        { role: "agent", content: "Hallo!", words: [{ word: "Hallo!", start: 0.12, end: 0.9 }] },
        { role: "user", content: "Morgen um zehn?", words: [{ word: "Morgen", start: 1.5, end: 1.9 }, { word: "zehn?", start: 2.2, end: 2.75 }] },
        { role: "tool_call_invocation", tool_call_id: "tc1", name: "check_availability_v17", arguments: '{"when":"morgen 10"}' },
        { role: "tool_call_result", tool_call_id: "tc1", content: '{"available":true}' },
        { role: "node_transition", former_node_id: "a", new_node_id: "b" },
      ],
    });
    expect(result).toEqual([
      { role: "agent", content: "Hallo!", startMs: 120, endMs: 900 },
      { role: "user", content: "Morgen um zehn?", startMs: 1500, endMs: 2750 },
      { role: "tool_call_invocation", content: '{"when":"morgen 10"}', startMs: null, endMs: null, toolCallId: "tc1", name: "check_availability_v17" },
      { role: "tool_call_result", content: '{"available":true}', startMs: null, endMs: null, toolCallId: "tc1" },
    ]);
    expect(turnsFromRetell({ transcript_object: [{ role: "user", content: "Hi", words: [] }] })).toEqual([
      { role: "user", content: "Hi", startMs: null, endMs: null },
    ]);
    expect(turnsFromRetell({})).toEqual([]);
  });
});
