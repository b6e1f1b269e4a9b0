import "server-only";
import { normalizeToolName, type ToolName } from "@/lib/voice/tool-names";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { argProblems } from "./args";
import { NOT_AVAILABLE, TOOLS } from "./registry";
import { fail, invalidArgs } from "./result";
import type { ToolContext, ToolOutcome, ToolResult } from "./types";

// The dispatcher: requested name → tool (a versioned "book_appointment_v17" is the same tool),
// arguments through the tool's schema (missing ones named), then the tool. Never throws: an
// unknown tool, bad arguments and even a failing database all answer with the envelope and a
// sentence the agent can speak. Returns what a function trace records.

export type ToolRun = {
  /** The tool the name mapped to, or null (unknown). */
  tool: ToolName | null;
  /** The name as requested (for the trace: "check_availability_v17"). */
  requestedName: string;
  /** The arguments as received (an object; anything else reads as {}). */
  args: Record<string, unknown>;
  result: ToolResult;
  outcome: ToolOutcome;
  latencyMs: number;
  /** The unexpected error behind outcome "error" (for the log; never sent to the agent). */
  cause?: unknown;
};

const asArgs = (args: unknown): Record<string, unknown> =>
  args && typeof args === "object" && !Array.isArray(args) ? (args as Record<string, unknown>) : {};

export async function runTool(name: unknown, args: unknown, ctx: ToolContext): Promise<ToolRun> {
  const started = performance.now();
  const requestedName = typeof name === "string" ? name.slice(0, 64) : "";
  const raw = asArgs(args);
  const p = phrasesFor(ctx.locale);
  const done = (tool: ToolName | null, result: ToolResult, outcome: ToolOutcome, cause?: unknown): ToolRun => ({
    tool,
    requestedName,
    args: raw,
    result,
    outcome,
    latencyMs: Math.round(performance.now() - started),
    ...(cause === undefined ? {} : { cause }),
  });

  const tool = normalizeToolName(name);
  if (!tool) return done(null, fail("unknown_tool", p.unknownTool), "domain_error");
  const definition = TOOLS[tool];
  if (definition === NOT_AVAILABLE) return done(tool, fail("not_available", p.notAvailable), "domain_error");

  const parsed = definition.args.safeParse(raw);
  if (!parsed.success) {
    const { missing, invalid } = argProblems(parsed.error.issues, raw);
    return done(tool, invalidArgs(ctx.locale, missing, invalid), "invalid_args");
  }
  try {
    const result = await definition.run(parsed.data, ctx);
    return done(tool, result, result.ok ? "ok" : result.error.code === "invalid_args" ? "invalid_args" : "domain_error");
  } catch (error) {
    return done(tool, fail("internal_error", p.internalError), "error", error);
  }
}
