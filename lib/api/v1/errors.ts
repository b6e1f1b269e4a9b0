import { z } from "zod";

// Every /api/v1 error is { error: { code, message, details? } } with a stable code; the message is
// for people and may change. The OpenAPI document publishes apiErrorSchema.

export const API_ERROR_CODES = [
  "invalid_token",
  "insufficient_scope",
  "rate_limited",
  "invalid_input",
  "malformed_json",
  "payload_too_large",
  "unsupported_media_type",
  "method_not_allowed",
  "not_found",
  "unknown_reference",
  "inactive_reference",
  "starts_in_past",
  "staff_not_at_branch",
  "service_not_at_branch",
  "service_not_performed",
  "outside_working_hours",
  "branch_closed",
  "staff_absent",
  "too_short_notice",
  "slot_taken",
  "internal_error",
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** Thrown inside a handler to answer with this error (anything else becomes a logged 500). */
export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: HeadersInit,
  ) {
    super(message);
  }
}

export function apiErrorResponse(error: ApiError): Response {
  const body: ApiErrorBody = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  return Response.json(body, { status: error.status, headers: error.headers });
}

/** Zod issues as the details of a 400 invalid_input: where (dotted path, prefixed by the part) and what. */
export function invalidInput(part: "path" | "query" | "body", error: z.ZodError): ApiError {
  const issues = error.issues.slice(0, 50).map((issue) => ({
    field: [part, ...issue.path.map(String)].join("."),
    code: issue.code,
    message: issue.message,
  }));
  return new ApiError(400, "invalid_input", `The request ${part} is invalid.`, { issues });
}
