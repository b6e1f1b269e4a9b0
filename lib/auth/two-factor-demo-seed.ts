import "server-only";
import type { DatabaseHandle } from "@/db";
import { encryptTotpSecret } from "./two-factor";
import { DEMO_TOTP_SECRET, DEMO_TWO_FACTOR_EMAILS } from "./two-factor-demo";

// The demo's admins have 2FA on with the one demo secret (lib/auth/two-factor-demo.ts), so the
// demo shows the code step and `npm run demo:totp` prints their current code. Written as the
// owner by scripts/seed.ts; an account that already has 2FA (or is missing) is left alone.
// No recovery codes: the admin creates them on /settings/two-factor when wanted.
export async function enrollDemoTwoFactor(handle: DatabaseHandle): Promise<number> {
  let enrolled = 0;
  for (const email of DEMO_TWO_FACTOR_EMAILS) {
    const [user] = await handle.sql.query<{ id: string }>("select id from users where lower(email) = lower($1)", [email]);
    if (!user) continue;
    const rows = await handle.sql.query(
      `insert into user_two_factor (user_id, secret_ciphertext, enabled_at) values ($1::uuid, $2, now())
       on conflict (user_id) do nothing returning user_id`,
      [user.id, encryptTotpSecret(user.id, DEMO_TOTP_SECRET)],
    );
    enrolled += rows.length;
  }
  return enrolled;
}
