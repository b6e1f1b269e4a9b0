import "server-only";
import { type Tx, withCompany } from "@/db";
import type { ToolContext } from "./types";

/**
 * The transaction a tool works in: the request's own (ctx.tx: the route records the call, runs
 * the tool and writes its trace in one), else a new one of the company. A tool's writes commit or
 * roll back with it either way.
 */
export function toolTransaction<T>(ctx: ToolContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx.tx);
  return withCompany(ctx.companyId, fn, ctx.requestId ? { requestId: ctx.requestId } : {});
}
