import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { checkSessionUser } from "@/db/platform";
import { getTwoFactorRow } from "@/db/platform-two-factor";
import type { UserRole } from "@/db/schema/users";
import { recordSecurityEvent, requestInfo } from "@/lib/security/events";
import { auth } from "./index";
import { can, type Permission } from "./permissions";
import { sessionExpiry } from "./session-policy";
import { isTwoFactorOn, twoFactorRequiredFor } from "./two-factor";

/** Where a user whose role requires 2FA, and who has none yet, is sent (and may only go). */
export const TWO_FACTOR_SETUP_PATH = "/two-factor/setup";

export type CurrentUser = {
  id: string;
  /** The user_sessions row of this sign-in. */
  sessionId: string;
  name: string;
  email: string;
  role: UserRole;
  locale: "de" | "en";
  /** The company the account belongs to (null for platform admins). */
  homeCompanyId: string | null;
  /** The company the user acts for now: the home company, or a platform admin's pick. */
  companyId: string | null;
  /**
   * The role requires 2FA (TWO_FACTOR_REQUIRED_ROLES) and the account has none enabled yet:
   * requireUser lets such a user reach only the enrolment (TWO_FACTOR_SETUP_PATH).
   */
  mustEnrollTwoFactor: boolean;
};

export type CompanyUser = CurrentUser & { companyId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The signed-in user, re-read from the database on every request (once per request, cached):
 * a deactivated account, a changed role, a bumped session version or an ended session (the
 * user_sessions row named by the token's sid) take effect at once. A token without sid is none.
 * For display in layouts only; pages, actions and handlers call requireUser.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!id || !sessionId || !UUID.test(sessionId)) return null;
  const row = await checkSessionUser(id, sessionId);
  if (!row || !row.sessionLive || !row.isActive || !row.companyActive) return null;
  if (session.sessionVersion !== undefined && session.sessionVersion !== row.sessionVersion) return null;
  // The proxy enforces the same limits; pages check again (the proxy is not a gate).
  if (sessionExpiry({ role: row.role, signedInAt: session.signedInAt, lastSeenAt: session.lastSeenAt }, Date.now())) {
    return null;
  }
  // One more read, for the admin roles only: has the mandatory second factor been set up?
  const mustEnrollTwoFactor = twoFactorRequiredFor(row.role) && !isTwoFactorOn(await getTwoFactorRow(row.id));
  return {
    id: row.id,
    sessionId,
    name: row.name,
    email: row.email,
    role: row.role,
    locale: row.locale,
    homeCompanyId: row.companyId,
    companyId: row.role === "platform_admin" ? (session.actingCompanyId ?? null) : row.companyId,
    mustEnrollTwoFactor,
  };
});

/**
 * What a page, action or handler requires beyond a signed-in user: a permission from
 * lib/auth/permissions.ts (the normal case) and/or one of some roles.
 */
export type Requirement = {
  roles?: readonly UserRole[];
  permission?: Permission;
  /** Only the 2FA enrolment itself: lets through an admin who must still enrol. */
  duringTwoFactorEnrollment?: boolean;
};

/**
 * Every page and server action starts here: anonymous → sign-in; an admin without the mandatory
 * 2FA → its enrolment; a missing permission or role → a permission_denied security event, then 403.
 */
export async function requireUser(options: Requirement = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.mustEnrollTwoFactor && !options.duringTwoFactorEnrollment) redirect(TWO_FACTOR_SETUP_PATH);
  const denied = deniedBy(user, options);
  if (denied) {
    await recordDenial(user, denied);
    forbidden();
  }
  return user;
}

/** requireUser plus a company to act for; a platform admin without one picks it first. */
export async function requireCompanyUser(options: Requirement = {}): Promise<CompanyUser> {
  const user = await requireUser(options);
  if (!user.companyId) redirect("/select-company");
  return user as CompanyUser;
}

/**
 * Route handlers: the user, or the JSON error response to return (401 anonymous, 403 with a
 * permission_denied security event). Pass the request so the event names its path.
 */
export async function requireApiUser(
  options: Requirement & { request?: Request } = {},
): Promise<{ user: CurrentUser; response?: never } | { user?: never; response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { response: Response.json({ ok: false, error: "unauthenticated" }, { status: 401 }) };
  if (user.mustEnrollTwoFactor && !options.duringTwoFactorEnrollment) {
    return { response: Response.json({ ok: false, error: "two_factor_enrollment_required" }, { status: 403 }) };
  }
  const denied = deniedBy(user, options);
  if (denied) {
    await recordDenial(user, denied, options.request ? new URL(options.request.url).pathname : undefined);
    return { response: Response.json({ ok: false, error: "forbidden" }, { status: 403 }) };
  }
  return { user };
}

function deniedBy(user: CurrentUser, options: Requirement): Record<string, unknown> | null {
  if (options.permission && !can(user.role, options.permission)) return { permission: options.permission };
  if (options.roles && !options.roles.includes(user.role)) return { requiredRoles: [...options.roles] };
  return null;
}

/** Best effort (recordSecurityEvent never throws): the 403 follows whatever happens here. */
async function recordDenial(user: CurrentUser, denied: Record<string, unknown>, path?: string) {
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch {
    requestHeaders = new Headers();
  }
  const { ip, userAgent } = requestInfo(requestHeaders);
  const where = path ?? pathOf(requestHeaders);
  await recordSecurityEvent({
    type: "permission_denied",
    companyId: user.companyId,
    userId: user.id,
    ip,
    userAgent,
    details: { ...denied, role: user.role, ...(where ? { path: where } : {}) },
  });
}

/**
 * The path of the refused request, where it can be known: x-pathname when the proxy sets it;
 * for a server action, the page it was posted from (Referer). Pages get no path otherwise.
 */
function pathOf(requestHeaders: Headers): string | undefined {
  const set = requestHeaders.get("x-pathname");
  if (set?.startsWith("/")) return set.slice(0, 200);
  const referer = requestHeaders.get("referer");
  if (!requestHeaders.has("next-action") || !referer) return undefined;
  try {
    return new URL(referer).pathname.slice(0, 200);
  } catch {
    return undefined;
  }
}
