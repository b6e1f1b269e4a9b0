import type { z } from "zod";
import type { ApiScope } from "@/lib/api/scopes";
import type { ApiErrorCode } from "./errors";

// One /api/v1 operation, declared once: method, path, scope and the zod schemas of its path
// parameters, query, body and response. lib/api/v1/route.ts validates requests with exactly
// these schemas (and the handler's answer with the response schema); openapi.ts turns the same
// declarations into the OpenAPI document.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type OperationContext<P, Q, B> = {
  companyId: string;
  tokenId: string;
  requestId: string;
  params: P;
  query: Q;
  body: B;
};

type AnyObject = z.ZodType<Record<string, unknown>>;

export type Operation<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path under /api/v1, e.g. "/appointments/{id}". */
  path: `/${string}`;
  scope: ApiScope;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: { name: string; schema: B };
  response: { status: 200 | 201; name: string; schema: R };
  /** Errors of this operation beyond those every operation can answer (401, 403, 429, 400 …). */
  errors?: { status: number; codes: ApiErrorCode[]; description: string }[];
  handler: (context: OperationContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R>>;
};

/** Declares an operation with its types inferred from its schemas. */
export function defineOperation<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(
  operation: Operation<P, Q, B, R>,
): Operation {
  return operation as unknown as Operation;
}
