import "server-only";
import { headers } from "next/headers";
import { resetLinkOrigin } from "@/lib/auth/password-reset";
import { branchScope, type Permission } from "@/lib/auth/permissions";
import { type CompanyUser, requireCompanyUser } from "@/lib/auth/session";
import { requestInfo } from "@/lib/security/events";

// Who a server action acts as: the signed-in company user (checked for the action's permission),
// the audit context withCompany records ({ userId, requestId }) and, for branch-limited roles, the
// branches the permission reaches (null = the whole company). Every section's actions.ts starts
// here instead of repeating the header reading and the request-id check.
//
// This is a plain server module, not a "use server" file: actions import it, clients never do.

/** The request id from the proxy's x-request-id header, if it is a sane one (else undefined). */
export async function currentRequestId(): Promise<string | undefined> {
  return requestIdFrom(await headers());
}

/** The x-request-id of these headers, if it is a sane one (route handlers pass their request's). */
export function requestIdFrom(requestHeaders: Headers): string | undefined {
  const id = requestHeaders.get("x-request-id");
  return id && /^[\w.:-]{1,200}$/.test(id) ? id : undefined;
}

export type RequestOrigin = { requestId: string | undefined; ip: string | null; userAgent: string | null };

/** Where this request comes from, for security events: its request id, client IP and user agent. */
export async function currentRequestOrigin(): Promise<RequestOrigin> {
  const requestHeaders = await headers();
  return { requestId: requestIdFrom(requestHeaders), ...requestInfo(requestHeaders) };
}

/** The origin of links mailed from this request (resetLinkOrigin: AUTH_URL, or a loopback host). */
export async function currentLinkOrigin(): Promise<string> {
  return resetLinkOrigin(await headers());
}

export type AuditContext = { userId: string; requestId: string | undefined };

/** withCompany's audit context for this user and request. */
export async function auditContextOf(user: { id: string }): Promise<AuditContext> {
  return { userId: user.id, requestId: await currentRequestId() };
}

export type CompanyActor = { user: CompanyUser; context: AuditContext; branchIds: string[] | null };

/** The company user allowed `permission`, their audit context and their branch scope for it. */
export async function companyActor(permission: Permission): Promise<CompanyActor> {
  const user = await requireCompanyUser({ permission });
  const [context, branchIds] = await Promise.all([auditContextOf(user), branchScope(user, permission)]);
  return { user, context, branchIds };
}
