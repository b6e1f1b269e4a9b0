import "server-only";
import { authenticateApiToken } from "@/db/platform-api";
import { apiEnvSchema } from "@/lib/env";
import { recordSecurityEvent, requestInfo } from "@/lib/security/events";
import { ApiError } from "./v1/errors";
import { hashApiToken, isWellFormedApiToken } from "./token-format";

// Authentication of /api/v1: `Authorization: Bearer <token>` and nothing else (no cookies, no
// query parameter). The token decides the company: its hash is looked up across companies by the
// platform function app_api_token_authenticate, which also records the use and counts it against
// the per-token limit (API_RATE_LIMIT_PER_MINUTE requests per 60-second window). Any refusal is a
// 401 invalid_token and an api_token_rejected security event naming the reason, never the token.

export type ApiPrincipal = {
  tokenId: string;
  companyId: string;
  scopes: string[];
  rate: { limit: number; remaining: number; resetAt: Date };
};

export type RejectReason = "missing" | "malformed" | "unknown" | "revoked" | "expired" | "company_inactive";

export type ApiAuthResult = { ok: true; principal: ApiPrincipal; headers: Headers } | { ok: false; error: ApiError };

const BEARER = /^Bearer +(\S+) *$/i;

export function rateLimitPerMinute(): number {
  return apiEnvSchema.parse({ API_RATE_LIMIT_PER_MINUTE: process.env.API_RATE_LIMIT_PER_MINUTE }).API_RATE_LIMIT_PER_MINUTE;
}

/** The RateLimit-* headers (IETF draft: seconds until the window resets). */
export function rateLimitHeaders(rate: ApiPrincipal["rate"], now = Date.now()): Headers {
  const reset = Math.max(0, Math.ceil((rate.resetAt.getTime() - now) / 1000));
  return new Headers({
    "RateLimit-Limit": String(rate.limit),
    "RateLimit-Remaining": String(rate.remaining),
    "RateLimit-Reset": String(reset),
  });
}

export async function authenticateApiRequest(request: Request): Promise<ApiAuthResult> {
  const origin = requestInfo(request.headers);
  const where = { method: request.method, path: new URL(request.url).pathname.slice(0, 200) };
  const reject = async (reason: RejectReason, token?: { tokenId: string; companyId: string }): Promise<ApiAuthResult> => {
    await recordSecurityEvent({
      type: "api_token_rejected",
      companyId: token?.companyId ?? null,
      userId: null,
      ...origin,
      details: { reason, ...(token ? { tokenId: token.tokenId } : {}), ...where },
    });
    return {
      ok: false,
      error: new ApiError(401, "invalid_token", "The API token is missing, malformed, unknown, revoked or expired.", undefined, {
        "WWW-Authenticate": 'Bearer realm="askproai", error="invalid_token"',
      }),
    };
  };

  const header = request.headers.get("authorization");
  if (!header) return reject("missing");
  const token = BEARER.exec(header)?.[1];
  if (!token || !isWellFormedApiToken(token)) return reject("malformed");

  const found = await authenticateApiToken({ tokenHash: hashApiToken(token), ip: origin.ip, limit: rateLimitPerMinute() });
  if (!found) return reject("unknown");
  if (found.state === "revoked" || found.state === "expired" || found.state === "company_inactive") {
    return reject(found.state, found);
  }
  const rate = { limit: found.rateLimit, remaining: found.rateRemaining ?? 0, resetAt: found.rateResetAt ?? new Date() };
  const headers = rateLimitHeaders(rate);
  if (found.state === "rate_limited") {
    headers.set("Retry-After", headers.get("RateLimit-Reset") ?? "60");
    return {
      ok: false,
      error: new ApiError(429, "rate_limited", `More than ${rate.limit} requests in a minute with this token; retry later.`, undefined, headers),
    };
  }
  return { ok: true, principal: { tokenId: found.tokenId, companyId: found.companyId, scopes: found.scopes, rate }, headers };
}

/** A missing scope: 403 insufficient_scope and an api_scope_denied security event. */
export async function denyScope(request: Request, principal: ApiPrincipal, scope: string, headers: Headers): Promise<ApiError> {
  await recordSecurityEvent({
    type: "api_scope_denied",
    companyId: principal.companyId,
    userId: null,
    ...requestInfo(request.headers),
    details: { tokenId: principal.tokenId, scope, method: request.method, path: new URL(request.url).pathname.slice(0, 200) },
  });
  const out = new Headers(headers);
  out.set("WWW-Authenticate", `Bearer realm="askproai", error="insufficient_scope", scope="${scope}"`);
  return new ApiError(403, "insufficient_scope", `This token lacks the scope "${scope}".`, { required_scope: scope }, out);
}
