import "server-only";
import { randomUUID } from "node:crypto";
import { withCompany } from "@/db";
import { readRetellEnv } from "@/lib/env";
import { retellFunctionRequestSchema } from "@/lib/retell/payloads";
import { RETELL_SIGNATURE_HEADER, verifyRetellSignature } from "@/lib/retell/signature";
import { recordSecurityEvent, requestInfo } from "@/lib/security/events";
import { customerNumberOf, ourNumberOf } from "@/lib/voice/webhooks/call-event";
import { parseJson, readRawBody } from "@/lib/voice/webhooks/raw-body";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { ensureLiveCall } from "@/lib/voice/tools/call-row";
import { resolveToolContext } from "@/lib/voice/tools/context";
import { fail } from "@/lib/voice/tools/result";
import { runTool, type ToolRun } from "@/lib/voice/tools/run-tool";
import type { ToolResult } from "@/lib/voice/tools/types";
import { insertFunctionTrace, writeFunctionTrace } from "./trace";

// POST /api/retell/functions, the handler behind the route (integrations.md §1.3): size limit →
// signature (the same scheme and key as the webhooks; refused → 401 and a security event) →
// JSON → { name, call, args }. A well-formed request for a call answers HTTP 200 with the tool
// envelope, also for every domain problem (unknown tool, missing arguments, a number that is not
// ours, a failing database): a non-2xx makes Retell retry and tell the LLM "failed", and the
// reference system's silent failures came from exactly that. The call is recorded (calls row,
// status ongoing) before the tool runs, and every run leaves one function_traces row. Call row,
// tool and trace share one transaction (the caller is waiting: one BEGIN/COMMIT, not three);
// a tool that fails unexpectedly is rolled back, and the call and the failure are then recorded
// on their own.

export type RetellFunctionDeps = {
  /** The keys a signature may be made with (default: RETELL_API_KEY). */
  apiKeys?: () => string[];
  now?: () => Date;
};

/** Retell hands at most this much of a tool answer to the LLM. */
export const MAX_TOOL_RESPONSE = 15_000;

/** RETELL_API_KEY through the validated environment (lib/env.ts), read per request. */
function envKeys(): string[] {
  const key = readRetellEnv().RETELL_API_KEY;
  return key ? [key] : [];
}
const json = (status: number, body: unknown) => Response.json(body, { status });

/** Rolls the request's transaction back after an unexpected tool failure (it may be unusable). */
class ToolFailed extends Error {
  constructor(readonly run: ToolRun) {
    super("tool failed");
  }
}

/** JSON has no raw NUL, but "\u0000" parses to one, which PostgreSQL text and jsonb refuse. */
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("\u0000", "");
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k) as string, withoutNul(v)]));
  return value;
}

export async function handleRetellFunction(request: Request, deps: RetellFunctionDeps = {}): Promise<Response> {
  try {
    return await handle(request, deps);
  } catch (error) {
    // Nothing the agent could have done differently: a speakable failure, never a 500.
    console.error(`[retell/functions] tool request failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return json(200, fail("internal_error", phrasesFor("de").internalError));
  }
}

async function handle(request: Request, deps: RetellFunctionDeps): Promise<Response> {
  const now = deps.now?.() ?? new Date();
  const raw = await readRawBody(request);
  if (!raw.ok) return json(raw.status, { ok: false, error: raw.code });

  const keys = (deps.apiKeys ?? envKeys)();
  const signature = verifyRetellSignature(raw.text, request.headers.get(RETELL_SIGNATURE_HEADER), keys, { now });
  if (!signature.ok) {
    const { ip, userAgent } = requestInfo(request.headers);
    await recordSecurityEvent({
      type: "webhook_signature_invalid",
      companyId: null,
      userId: null,
      ip,
      userAgent,
      details: {
        provider: "retell",
        endpoint: "functions",
        reason: keys.length === 0 ? "not_configured" : signature.reason,
        ...(signature.skewMs !== undefined ? { skewMs: signature.skewMs } : {}),
      },
    });
    return json(401, { ok: false, error: "invalid_signature" });
  }

  const parsedJson = parseJson(raw.text);
  if (!parsedJson.ok) return json(400, { ok: false, error: "malformed_json" });
  const parsed = retellFunctionRequestSchema.safeParse(raw.text.includes("\\u0000") ? withoutNul(parsedJson.value) : parsedJson.value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "body"))].slice(0, 10);
    return json(400, { ok: false, error: "invalid_payload", fields });
  }
  const { name, call, args } = parsed.data;

  const requestId = randomUUID();
  const resolved = await resolveToolContext({
    callId: call.call_id,
    toNumber: ourNumberOf(call),
    fromNumber: customerNumberOf(call),
    direction: call.direction ?? "inbound",
    now,
    requestId,
  });
  if (!resolved.ok) return json(200, resolved.result);
  const ctx = resolved.context;

  let done: { run: ToolRun } | null;
  try {
    done = await withCompany(
      ctx.companyId,
      async (tx) => {
        const callRowId = await ensureLiveCall(tx, ctx);
        // Retell's call id is already another company's call: not ours to answer for.
        if (!callRowId) return null;
        const run = await runTool(name, args, { ...ctx, callRowId, tx });
        if (run.outcome === "error") throw new ToolFailed(run);
        await insertFunctionTrace(tx, ctx.companyId, callRowId, run);
        return { run };
      },
      { requestId },
    );
  } catch (error) {
    if (!(error instanceof ToolFailed)) throw error;
    const run = error.run;
    const cause = run.cause instanceof Error ? run.cause.message.split("\n")[0] : String(run.cause);
    console.error(`[retell/functions] ${run.tool ?? "unknown tool"} failed: ${cause}`);
    const callRowId = await withCompany(ctx.companyId, (tx) => ensureLiveCall(tx, ctx), { requestId });
    if (callRowId) await writeFunctionTrace(ctx.companyId, callRowId, run, requestId);
    return json(200, canonical(capped(run.result)));
  }
  if (!done) return json(200, fail("branch_unavailable", phrasesFor(ctx.locale).branchUnavailable));
  return json(200, canonical(capped(done.run.result)));
}

/**
 * Keys in a fixed (sorted) order: a replayed answer comes back from jsonb, which reorders keys,
 * and a retried delivery should read exactly like the first.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The envelope within Retell's limit: the data goes first, the speakable message stays. */
export function capped(result: ToolResult): ToolResult | { ok: true; message: string; data: null; truncated: true } {
  if (JSON.stringify(result).length <= MAX_TOOL_RESPONSE) return result;
  if (result.ok) return { ok: true, message: result.message.slice(0, 2000), data: null, truncated: true };
  return { ok: false, error: { code: result.error.code, message: result.error.message.slice(0, 2000) } };
}
