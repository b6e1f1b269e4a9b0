import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { type DatabaseHandle, withCompany } from "@/db";
import { type CallbackSweepItem, listCallbackSweepItems } from "@/db/platform";
import { branches, callbackRequests, userBranches, users } from "@/db/schema";
import type { Locale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/send";

// The overdue sweep of callback requests (inngest/functions/sweep-callbacks.ts runs it every 15
// minutes, one step per item and per mail): an open or assigned callback past its due time is
// escalated once — the branch's managers (else the company's admins) get a mail — and one left
// unanswered CALLBACK_EXPIRE_AFTER_DAYS after it was due expires. The work list comes from
// listCallbackSweepItems across companies; each action then runs on one callback in its
// company. Both are conditional updates, so running an item twice does nothing the second time:
// escalated_at is set once (and only then is anyone mailed), an expired callback stays expired.

/** A callback unanswered this long after its due time expires. */
export const CALLBACK_EXPIRE_AFTER_DAYS = 7;

const DAY = 86_400_000;

/** The callbacks due for escalation or expiry at `now`, across companies, at most `limit`. */
export function listCallbackSweepWork(now: Date, limit: number, handle?: DatabaseHandle): Promise<CallbackSweepItem[]> {
  return listCallbackSweepItems({ now, expireBefore: new Date(now.getTime() - CALLBACK_EXPIRE_AFTER_DAYS * DAY), limit }, handle);
}

export type EscalationMail = { to: string; locale: Locale; branchName: string; customerName: string; dueAt: string; timeZone: string };

const UNKNOWN_CALLER: Record<Locale, string> = { de: "unbekannte Anruferin / unbekannter Anrufer", en: "an unknown caller" };

/**
 * Marks an overdue callback escalated and returns the mails to send: to the branch's active
 * branch managers, or, if the branch has none, to the company's active admins. Empty when it
 * was escalated (or finished) already.
 */
export async function escalateCallback(companyId: string, callbackId: string, now: Date = new Date()): Promise<EscalationMail[]> {
  return withCompany(companyId, async (tx) => {
    const [callback] = await tx
      .update(callbackRequests)
      .set({ escalatedAt: now })
      .where(
        and(
          eq(callbackRequests.companyId, companyId),
          eq(callbackRequests.id, callbackId),
          isNull(callbackRequests.escalatedAt),
          isNull(callbackRequests.deletedAt),
          inArray(callbackRequests.status, ["open", "assigned"]),
        ),
      )
      .returning({ branchId: callbackRequests.branchId, name: callbackRequests.name, dueAt: callbackRequests.dueAt });
    if (!callback) return [];
    const [branch] = await tx
      .select({ name: branches.name, timeZone: branches.timeZone })
      .from(branches)
      .where(and(eq(branches.companyId, companyId), eq(branches.id, callback.branchId)));
    const active = and(eq(users.companyId, companyId), eq(users.isActive, true));
    let recipients = await tx
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .innerJoin(userBranches, and(eq(userBranches.userId, users.id), eq(userBranches.companyId, companyId)))
      .where(and(active, eq(users.role, "branch_manager"), eq(userBranches.branchId, callback.branchId)));
    if (recipients.length === 0) {
      recipients = await tx.select({ email: users.email, locale: users.locale }).from(users).where(and(active, eq(users.role, "company_admin")));
    }
    return recipients.map((r) => ({
      to: r.email,
      locale: r.locale,
      branchName: branch?.name ?? "–",
      customerName: callback.name ?? UNKNOWN_CALLER[r.locale],
      dueAt: callback.dueAt.toISOString(),
      timeZone: branch?.timeZone ?? "Europe/Berlin",
    }));
  });
}

/** Expires a stale callback; false when it was finished or expired already. */
export async function expireCallback(companyId: string, callbackId: string, now: Date = new Date()): Promise<boolean> {
  const rows = await withCompany(companyId, (tx) =>
    tx
      .update(callbackRequests)
      .set({ status: "expired", expiredAt: now })
      .where(
        and(
          eq(callbackRequests.companyId, companyId),
          eq(callbackRequests.id, callbackId),
          isNull(callbackRequests.deletedAt),
          inArray(callbackRequests.status, ["open", "assigned", "contacted"]),
        ),
      )
      .returning({ id: callbackRequests.id }),
  );
  return rows.length > 0;
}

/** Where the mail's button points: the portal's callbacks list (AUTH_URL, else the local server). */
export function callbacksUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  try {
    if (env.AUTH_URL) return new URL("/callbacks", env.AUTH_URL).toString();
  } catch {
    // lib/env.ts refuses a malformed AUTH_URL at start-up.
  }
  return `http://localhost:${env.PORT || "3000"}/callbacks`;
}

export async function sendEscalationMail(mail: EscalationMail): Promise<void> {
  await sendMail({
    to: mail.to,
    template: "callback_overdue",
    locale: mail.locale,
    timeZone: mail.timeZone,
    data: { branchName: mail.branchName, customerName: mail.customerName, dueAt: mail.dueAt, url: callbacksUrl() },
  });
}
