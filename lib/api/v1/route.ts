import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { authenticateApiRequest, denyScope } from "@/lib/api/auth";
import { readJson } from "@/lib/http/read-json";
import { ApiError, apiErrorResponse, invalidInput } from "./errors";
import type { HttpMethod, Operation } from "./operation";
import { operations } from "./registry";

// The request pipeline of every /api/v1 operation: token (401) → rate limit (429) → scope (403)
// → path parameters (404) → query (400) → body (415, 413, 400) → handler → response validated
// against the declared schema. Expected failures are ApiErrors with a stable code; anything else
// is logged and answered with a bare 500. Authenticated answers carry the RateLimit-* headers.

/** Request bodies are small (an appointment is a few hundred bytes): 64 KB is plenty. */
export const API_BODY_LIMIT = 64 * 1024;

const METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

const BODY_ERRORS = {
  malformed_json: "The request body is not valid JSON (UTF-8).",
  payload_too_large: `The request body is larger than ${API_BODY_LIMIT / 1024} KB.`,
  unsupported_media_type: "Send the request body as Content-Type: application/json.",
} as const;

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/** The handlers of one route file: its path's operations, and 405 for every other method. */
export function apiRoute(path: string): Record<HttpMethod, RouteHandler> {
  const here = operations.filter((op) => op.path === path);
  if (here.length === 0) throw new Error(`apiRoute: no operation for ${path}`);
  const allow = here.map((op) => op.method).join(", ");
  return Object.fromEntries(
    METHODS.map((method) => {
      const op = here.find((o) => o.method === method);
      const handler: RouteHandler = op
        ? async (request, context) => runOperation(op, request, await context.params)
        : async () =>
            apiErrorResponse(new ApiError(405, "method_not_allowed", `${method} is not allowed here; use ${allow}.`, undefined, { Allow: allow }));
      return [method, handler];
    }),
  ) as Record<HttpMethod, RouteHandler>;
}

/** Unknown paths under /api/v1 (the catch-all route). */
export async function unknownApiPath(): Promise<Response> {
  return apiErrorResponse(new ApiError(404, "not_found", "There is no such API endpoint; see /api/v1/openapi.json."));
}

function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

function parse<S extends z.ZodType>(schema: S, value: unknown, part: "path" | "query" | "body"): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // A malformed id in the path names no resource: the same 404 as an unknown one.
  if (part === "path") throw new ApiError(404, "not_found", "No such resource.");
  throw invalidInput(part, result.error);
}

/** Query parameters as an object; empty values count as absent ("?cursor=&limit=10"). */
function queryOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (value !== "" && !(key in out)) out[key] = value;
  return out;
}

export async function runOperation(op: Operation, request: Request, rawParams: Record<string, unknown> = {}): Promise<Response> {
  const requestId = requestIdOf(request);
  let headers = new Headers();
  try {
    const auth = await authenticateApiRequest(request);
    if (!auth.ok) throw auth.error;
    headers = auth.headers;
    const { principal } = auth;
    if (!principal.scopes.includes(op.scope)) throw await denyScope(request, principal, op.scope, headers);

    const params = op.params ? parse(op.params, rawParams, "path") : {};
    const query = op.query ? parse(op.query, queryOf(request), "query") : {};
    let body: unknown = undefined;
    if (op.body) {
      const read = await readJson(request, API_BODY_LIMIT);
      if (!read.ok) throw new ApiError(read.status, read.code, BODY_ERRORS[read.code]);
      body = parse(op.body.schema, read.body, "body");
    }
    const result = await op.handler({ companyId: principal.companyId, tokenId: principal.tokenId, requestId, params, query, body });
    const data = op.response.schema.parse(result);
    headers.set("X-Request-Id", requestId);
    return Response.json(data, { status: op.response.status, headers });
  } catch (error) {
    if (error instanceof ApiError) {
      const response = apiErrorResponse(error);
      for (const [key, value] of headers) if (!response.headers.has(key)) response.headers.set(key, value);
      response.headers.set("X-Request-Id", requestId);
      return response;
    }
    // The first line only: a driver's message goes on with the query parameters.
    const inner = (error as { cause?: unknown })?.cause ?? error;
    const reason = inner instanceof Error ? inner.message.split("\n")[0]!.slice(0, 300) : "unknown error";
    console.error(`[api/v1] ${op.operationId} failed (request ${requestId}): ${reason}`);
    return Response.json(
      { error: { code: "internal_error", message: "Something went wrong on our side.", details: { request_id: requestId } } },
      { status: 500, headers: { "X-Request-Id": requestId } },
    );
  }
}
