import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { companies } from "@/db/schema";
import { testPhoneNumber } from "@/db/testing/rows";
import { FIXTURE_TOOL_ARGS, functionCallFixture } from "@/lib/retell/fixtures";
import { retellFunctionRequestSchema } from "@/lib/retell/payloads";
import { resolveToolContext } from "./context";
import { runTool } from "./run-tool";
import { createVoiceWorld, NOW } from "./testing";

// From a Retell tool request to a tool answer: the call's numbers give the context.

describe("resolveToolContext", () => {
  it("resolves a live call's numbers to company, branch, zone and language and runs a tool", async () => {
    const w = await createVoiceWorld("Kontext Anruf");
    const request = retellFunctionRequestSchema.parse(
      functionCallFixture("check_availability_v17", FIXTURE_TOOL_ARGS.check_availability, { to: w.e164, from: w.callerNumber, callId: "call_abc123" }),
    );
    const resolved = await resolveToolContext({ callId: request.call.call_id, toNumber: request.call.to_number, fromNumber: request.call.from_number, now: NOW });
    expect(resolved).toMatchObject({
      ok: true,
      context: { companyId: w.companyId, branchId: w.branchId, timeZone: "Europe/Berlin", locale: "de", callId: "call_abc123", fromNumber: w.callerNumber, now: NOW },
    });
    if (!resolved.ok) return;
    const run = await runTool(request.name, request.args, resolved.context);
    expect(run).toMatchObject({ tool: "check_availability", outcome: "ok", result: { ok: true, message: "Frei wäre Donnerstag, 11. März um 12 Uhr, 12:15 Uhr oder 12:30 Uhr." } });
  });

  it("withheld callers have no number; unknown numbers and inactive companies get no context", async () => {
    const w = await createVoiceWorld("Kontext Fehler");
    expect(await resolveToolContext({ callId: "call_1", toNumber: w.e164, fromNumber: "anonymous" })).toMatchObject({ ok: true, context: { fromNumber: null } });
    expect(await resolveToolContext({ callId: "", toNumber: w.e164 })).toMatchObject({ ok: false, reason: "malformed" });
    expect(await resolveToolContext({ callId: "call_1", toNumber: 12 })).toMatchObject({ ok: false, reason: "malformed", result: { ok: false, error: { code: "branch_unavailable" } } });
    expect(await resolveToolContext({ callId: "call_1", toNumber: testPhoneNumber() })).toMatchObject({ ok: false, reason: "unknown_number" });
    await withCompany(w.companyId, (tx) => tx.update(companies).set({ status: "archived" }).where(eq(companies.id, w.companyId)));
    expect(await resolveToolContext({ callId: "call_1", toNumber: w.e164 })).toMatchObject({ ok: false, reason: "inactive_company", companyId: w.companyId });
  });
});
