import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf, withCompany } from "@/db";
import { createPasswordReset } from "@/db/platform";
import { newId } from "@/db/schema/_columns";
import { users } from "@/db/schema";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { purgeExpiredAuthRecords } from "./purge-expired-auth-records";

describe("purge-expired-auth-records", () => {
  it("deletes expired reset tokens and old sign-in records, keeps live ones", async () => {
    const company = await createTestCompany("Purge");
    const userId = newId();
    await withCompany(company.id, (tx) =>
      tx.insert(users).values({
        id: userId,
        companyId: company.id,
        email: `purge-${userId}@example.test`,
        name: "Purge Test",
        passwordHash: "x",
        role: "viewer",
      }),
    );
    const day = 24 * 60 * 60 * 1000;
    const expired = await createPasswordReset({ userId, tokenHash: `expired-${userId}`, expiresAt: new Date(Date.now() - 2 * day) });
    const live = await createPasswordReset({ userId, tokenHash: `live-${userId}`, expiresAt: new Date(Date.now() + day) });

    const owner = await ownerHandle();
    const oldAttempt = newId();
    const recentAttempt = newId();
    await owner.db.execute(sql`insert into sign_in_attempts (id, email_hash, succeeded, created_at) values
      (${oldAttempt}, 'purge-test', false, now() - interval '100 days'),
      (${recentAttempt}, 'purge-test', false, now() - interval '1 day')`);

    const t = new InngestTestEngine({ function: purgeExpiredAuthRecords });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ passwordResets: expect.any(Number), signInAttempts: expect.any(Number) });
    const counts = result as { passwordResets: number; signInAttempts: number };
    expect(counts.passwordResets).toBeGreaterThanOrEqual(1);
    expect(counts.signInAttempts).toBeGreaterThanOrEqual(1);

    const resets = rowsOf<{ id: string }>(
      await owner.db.execute(sql`select id from password_resets where user_id = ${userId}`),
    ).map((r) => r.id);
    expect(resets).toEqual([live]);
    expect(resets).not.toContain(expired);
    const attempts = rowsOf<{ id: string }>(
      await owner.db.execute(sql`select id from sign_in_attempts where id in (${oldAttempt}, ${recentAttempt})`),
    ).map((r) => r.id);
    expect(attempts).toEqual([recentAttempt]);
  });
});
