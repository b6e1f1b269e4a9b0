import "server-only";
import { sql } from "drizzle-orm";
import { asRuntime, type DatabaseHandle, rowsOf, runtimeDatabase } from "./index";

// Two-factor sign-in and email change (drizzle/0013_two_factor_functions.sql): each wraps one
// SECURITY DEFINER function acting on the one user id the app has authenticated. Tested through
// lib/auth/two-factor.test.ts and lib/auth/two-factor-sign-in.test.ts.

async function call<T>(handle: DatabaseHandle | undefined, query: ReturnType<typeof sql>): Promise<T[]> {
  const h = handle ?? (await runtimeDatabase());
  return asRuntime(h, async (db) => rowsOf<T>(await db.execute(query)));
}

/** A text[] parameter, passed as JSON (drizzle would spread a JS array into a list). */
const textArray = (values: string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

export type TwoFactorRow = {
  secretCiphertext: string;
  /** null: enrolment started, not yet confirmed with a code. */
  enabledAt: Date | null;
  lastUsedStep: number | null;
  recoveryCodesLeft: number;
};

/** The user's authenticator, or null when none was ever set up. */
export async function getTwoFactorRow(userId: string, handle?: DatabaseHandle): Promise<TwoFactorRow | null> {
  const [row] = await call<{ s: string; e: string | Date | null; l: string | number | null; r: number }>(
    handle,
    sql`select secret_ciphertext as s, enabled_at as e, last_used_step as l, recovery_codes_left as r
          from app_two_factor_status(${userId}::uuid)`,
  );
  if (!row) return null;
  return {
    secretCiphertext: row.s,
    enabledAt: row.e ? new Date(row.e) : null,
    lastUsedStep: row.l === null ? null : Number(row.l),
    recoveryCodesLeft: Number(row.r),
  };
}

/** Stores a new pending secret; false when 2FA is already on (or no such active user). */
export async function beginTwoFactor(userId: string, secretCiphertext: string, handle?: DatabaseHandle): Promise<boolean> {
  const [row] = await call<{ ok: boolean }>(handle, sql`select app_two_factor_begin(${userId}::uuid, ${secretCiphertext}::text) as ok`);
  return row?.ok === true;
}

/** Turns the pending secret on (with the step of the confirming code) and stores recovery code hashes. */
export async function confirmTwoFactor(
  userId: string,
  confirm: { secretCiphertext: string; step: number; codeHashes: string[] },
  handle?: DatabaseHandle,
): Promise<boolean> {
  const [row] = await call<{ ok: boolean }>(
    handle,
    sql`select app_two_factor_confirm(${userId}::uuid, ${confirm.secretCiphertext}::text, ${confirm.step}::bigint,
                                      ${textArray(confirm.codeHashes)}) as ok`,
  );
  return row?.ok === true;
}

/** Uses a time step once (later than the last one used); false for a replay or without 2FA. */
export async function consumeTwoFactorStep(userId: string, step: number, handle?: DatabaseHandle): Promise<boolean> {
  const [row] = await call<{ ok: boolean }>(handle, sql`select app_two_factor_consume_step(${userId}::uuid, ${step}::bigint) as ok`);
  return row?.ok === true;
}

/** Uses a recovery code (by hash) once: the number of codes left, or null when refused. */
export async function consumeRecoveryCode(userId: string, codeHash: string, handle?: DatabaseHandle): Promise<number | null> {
  const [row] = await call<{ left: number | null }>(
    handle,
    sql`select app_two_factor_use_recovery_code(${userId}::uuid, ${codeHash}::text) as left`,
  );
  return row?.left === null || row?.left === undefined ? null : Number(row.left);
}

/** A fresh set of recovery code hashes; false without 2FA on. */
export async function replaceRecoveryCodes(userId: string, codeHashes: string[], handle?: DatabaseHandle): Promise<boolean> {
  const [row] = await call<{ ok: boolean }>(
    handle,
    sql`select app_two_factor_replace_recovery_codes(${userId}::uuid, ${textArray(codeHashes)}) as ok`,
  );
  return row?.ok === true;
}

/** Removes the authenticator and the recovery codes; false when there was none. */
export async function removeTwoFactor(userId: string, handle?: DatabaseHandle): Promise<boolean> {
  const [row] = await call<{ ok: boolean }>(handle, sql`select app_two_factor_disable(${userId}::uuid) as ok`);
  return row?.ok === true;
}

/**
 * Sets the user's email; returns the old one, or null (no such active user). Throws the
 * database error for an address in use (23505) or a malformed one (23514).
 */
export async function changeUserEmail(userId: string, email: string, handle?: DatabaseHandle): Promise<string | null> {
  const [row] = await call<{ old: string | null }>(handle, sql`select app_change_email(${userId}::uuid, ${email}::text) as old`);
  return row?.old ?? null;
}
