import "server-only";
import { isIP } from "node:net";
import { recordSecurityEventRow } from "@/db/platform";

// Security events (sign-in failures and throttles, permission denials, 2FA and token changes, bad
// webhook signatures …) are written here and nowhere else. Recording is best effort by design: a
// failure is logged and swallowed, so the request that caused the event (a refused page, a failed
// sign-in) answers the same way whether or not the event could be stored.
//
//   await recordSecurityEvent({ type: "permission_denied", companyId, userId, ip, userAgent,
//                               details: { permission: "users:read", path: "/settings/users" } });
//
// - type: lower snake case, 3–64 characters (`^[a-z][a-z0-9_.]{2,63}$`, also a check constraint);
//   anything else is not recorded (logged instead): event types are constants in code.
// - companyId: the company the event belongs to; its admins see it. null = the platform's (e.g. an
//   unknown email at sign-in): only platform admins see those.
// - userId: the acting or affected user, if known. A malformed id is stored as null.
// - ip, userAgent: as received (requestInfo() reads them from request headers); an IP that is not
//   an IPv4/IPv6 address is stored as null, the user agent is cut to 512 characters.
// - details: a small JSON object (at most 4 KB serialized; larger ones are replaced by a marker).
//   Never put passwords, tokens, codes or a customer's personal data here.

export type SecurityEventInput = {
  type: string;
  companyId: string | null;
  userId: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
};

const TYPE = /^[a-z][a-z0-9_.]{2,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_USER_AGENT = 512;
const MAX_DETAILS = 4096;

/** Records one event; true when stored. Never throws: failures are logged. */
export async function recordSecurityEvent(event: SecurityEventInput): Promise<boolean> {
  try {
    const type = typeof event.type === "string" ? event.type : "";
    if (!TYPE.test(type)) {
      logFailure(type.slice(0, 64), "invalid event type");
      return false;
    }
    await recordSecurityEventRow({
      type,
      companyId: uuidOrNull(event.companyId),
      userId: uuidOrNull(event.userId),
      ip: ipOrNull(event.ip),
      userAgent: cleanText(event.userAgent, MAX_USER_AGENT),
      details: safeDetails(event.details),
    });
    return true;
  } catch (error) {
    logFailure(event?.type, reasonOf(error));
    return false;
  }
}

/** The client's IP (first X-Forwarded-For hop, else X-Real-IP) and user agent from request headers. */
export function requestInfo(headers: Headers): { ip: string | null; userAgent: string | null } {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: ipOrNull(forwarded || headers.get("x-real-ip")),
    userAgent: cleanText(headers.get("user-agent"), MAX_USER_AGENT),
  };
}

function uuidOrNull(value: string | null | undefined): string | null {
  return typeof value === "string" && UUID.test(value) ? value : null;
}

function ipOrNull(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  const ip = value.trim();
  return ip.length <= 45 && isIP(ip) !== 0 ? ip : null;
}

/** PostgreSQL text cannot hold NUL; other control characters are dropped as well. */
function cleanText(value: string | null | undefined, max: number): string | null {
  if (typeof value !== "string") return null;
  const text = value.slice(0, max * 2).replace(/[\u0000-\u001f\u007f]/g, "").slice(0, max);
  return text === "" ? null : text;
}

function safeDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details || typeof details !== "object" || Array.isArray(details)) return {};
  try {
    // jsonb rejects \u0000 in strings; bigint does not serialize.
    const json = JSON.stringify(details, (_key, value: unknown) =>
      typeof value === "string" ? value.replace(/\u0000/g, "") : typeof value === "bigint" ? value.toString() : value,
    );
    if (json.length > MAX_DETAILS) return { truncated: true, size: json.length };
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { unserializable: true };
  }
}

/**
 * The driver's own message and SQLSTATE, from the end of the cause chain: Drizzle's wrapper
 * message repeats the query parameters (IP, user agent), which do not belong in a log.
 */
function reasonOf(error: unknown): string {
  let inner: unknown = error;
  for (let depth = 0; depth < 5 && (inner as { cause?: unknown })?.cause; depth++) inner = (inner as { cause: unknown }).cause;
  const code = (inner as { code?: unknown })?.code;
  const message = inner instanceof Error ? inner.message : String(inner);
  return `${message.split("\n")[0]!.slice(0, 200)}${typeof code === "string" ? ` (${code})` : ""}`;
}

function logFailure(type: string | undefined, reason: string) {
  // Only the type and the reason: the event's own fields may hold an IP or a user agent.
  console.error(`[security-events] event not recorded (type: ${JSON.stringify(type ?? null)}): ${reason}`);
}
