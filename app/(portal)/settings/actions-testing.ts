// Test support for the settings actions' tests (not a test file itself): a signed-in session as
// Auth.js leaves it (a user_sessions row and its id in the token), users of a company and form
// data. Each test file stubs auth() with the session and next/headers with the request's headers.
import { withCompany } from "@/db";
import { startUserSession } from "@/db/platform";
import { type UserRole, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { enableTwoFactorForTest } from "@/lib/auth/two-factor-testing";

/** What the stubbed auth() returns for this user: a fresh session. */
export async function sessionOf(userId: string): Promise<Record<string, unknown>> {
  const sessionId = crypto.randomUUID();
  await startUserSession({ id: sessionId, userId, ip: null, userAgent: "Vitest" });
  const now = Date.now();
  return { user: { id: userId }, sessionId, sessionVersion: 1, signedInAt: now, lastSeenAt: now };
}

/** A user of the company; a company admin gets two-factor sign-in, which the role requires. */
export async function userIn(companyId: string, role: Exclude<UserRole, "platform_admin">, name = "Ines Inhaberin") {
  const id = newId();
  await withCompany(companyId, (tx) =>
    tx.insert(users).values({ id, companyId, email: `settings-${id.slice(-12)}@example.test`, name, passwordHash: "$argon2id$x", role }),
  );
  if (role === "company_admin") await enableTwoFactorForTest(id);
  return id;
}

export function formOf(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}
