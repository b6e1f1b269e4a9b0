import "server-only";
import { type Tx, withCompany } from "@/db";
import { functionTraces } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import type { ToolRun } from "@/lib/voice/tools/run-tool";
import { maskPersonalData } from "./mask";

// One function_traces row per tool request that reached a call of ours: the tool it mapped to
// (or "unknown") and the name as sent, the arguments with personal data masked, the envelope the
// agent got, outcome, error code and latency. Written in the tool's own transaction when the tool
// ran to an answer (insertFunctionTrace); after a failure that rolled the tool back, on its own
// and best effort (writeFunctionTrace): a trace that cannot be written is logged, and the agent
// still gets its answer.

function traceRow(companyId: string, callRowId: string, run: ToolRun) {
  return {
    id: newId(),
    companyId,
    callId: callRowId,
    toolName: run.tool ?? "unknown",
    rawName: run.requestedName.trim().slice(0, 64) || "unknown",
    arguments: maskPersonalData(run.args) as Record<string, unknown>,
    result: run.result,
    outcome: run.outcome,
    errorCode: run.result.ok ? null : run.result.error.code,
    latencyMs: Math.max(0, run.latencyMs),
  };
}

/** The trace inside the company transaction the tool ran in. */
export async function insertFunctionTrace(tx: Tx, companyId: string, callRowId: string, run: ToolRun): Promise<void> {
  await tx.insert(functionTraces).values(traceRow(companyId, callRowId, run));
}

export async function writeFunctionTrace(companyId: string, callRowId: string, run: ToolRun, requestId?: string): Promise<boolean> {
  try {
    await withCompany(companyId, (tx) => insertFunctionTrace(tx, companyId, callRowId, run), requestId ? { requestId } : {});
    return true;
  } catch (error) {
    console.error(`[retell/functions] function trace not written: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return false;
  }
}
