import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withCompany } from "@/db";
import { branches, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { ownerHandle } from "@/db/testing/fixtures";
import { listMailbox, readMailboxMessage } from "@/lib/mail/mailbox";
import type { Actor } from "./types";

// Shared helpers of lib/users' integration tests (not a test file itself).

export const ORIGIN = "http://127.0.0.1:3100";
export const tag = () => newId().slice(-12);

export function useTempMailbox(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.env.MAILBOX_DIR = dir;
  delete process.env.SMTP_URL;
  return () => rmSync(dir, { recursive: true, force: true });
}

export async function owner<T>(text: string, params: unknown[] = []) {
  return (await ownerHandle()).sql.query<T>(text, params);
}

export async function createUser(
  companyId: string,
  overrides: Partial<typeof users.$inferInsert> = {},
): Promise<typeof users.$inferInsert & { id: string; email: string }> {
  const user = {
    id: newId(),
    companyId,
    email: `user-${tag()}@example.test`,
    name: "Uta Nutzer",
    passwordHash: "$argon2id$not-a-real-hash",
    role: "staff" as const,
    ...overrides,
  };
  await withCompany(companyId, (tx) => tx.insert(users).values(user));
  return user;
}

export async function createBranch(companyId: string, name = `Filiale ${tag()}`) {
  const id = newId();
  await withCompany(companyId, (tx) => tx.insert(branches).values({ id, companyId, name, timeZone: "Europe/Berlin" }));
  return id;
}

export const actorOf = (user: { id: string; name?: string }): Actor => ({
  userId: user.id,
  name: user.name ?? "Ines Inhaberin",
  ip: "203.0.113.7",
  userAgent: "vitest",
});

export async function events(type: string, companyId: string | null, since: Date) {
  return owner<{ company_id: string | null; user_id: string | null; details: Record<string, unknown> }>(
    `select company_id, user_id, details from security_events
      where type = $1 and company_id is not distinct from $2 and created_at >= $3 order by created_at, id`,
    [type, companyId, since.toISOString()],
  );
}

/** The token of the newest invitation mail to an address, from the link in its plain text. */
export async function mailedInvitationToken(email: string): Promise<{ token: string; text: string; locale: string }> {
  const [latest] = await listMailbox({ to: email });
  if (latest?.template !== "invitation") throw new Error(`no invitation mail to ${email}`);
  const message = await readMailboxMessage(latest.id);
  const match = new RegExp(`${ORIGIN.replace(/[.]/g, "\\.")}/invite/([A-Za-z0-9_-]{43})`).exec(message!.text);
  if (!match) throw new Error("no invitation link in the mail");
  return { token: match[1]!, text: message!.text, locale: latest.locale };
}
