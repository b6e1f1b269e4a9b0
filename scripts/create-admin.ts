// npm run admin:create -- --email ops@example.com --name "Ops Team"
// The first platform admin of a real deployment (the demo seed's accounts have a published
// password and are refused on a server). The account gets an unusable random password and a
// one-time set-password link (the password-reset link: 60 minutes, single use, only its hash
// stored), printed once: the admin chooses their own password under the policy, then must set up
// two-factor sign-in (mandatory for admins). No system-made password can become a long-term one.
// Runs as the migrating role (MIGRATION_DATABASE_URL, or the embedded database);
// app_create_platform_admin is not executable by the runtime role. Links start with AUTH_URL
// (default http://localhost:3000).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "@/db";
import { createPasswordReset } from "@/db/platform";
import { newId } from "@/db/schema/_columns";
import { hashPassword } from "@/lib/auth/password";
import { newResetToken, RESET_TOKEN_TTL_MINUTES } from "@/lib/auth/password-reset";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const input = z
  .object({ email: z.email().max(254), name: z.string().trim().min(1).max(120) })
  .safeParse({ email: values.email?.trim().toLowerCase(), name: values.name });
if (!input.success) {
  console.error('[admin] usage: npm run admin:create -- --email <address> --name "<name>"');
  for (const issue of input.error.issues) console.error(`[admin] ${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}

const origin = (process.env.AUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
const handle = await openDatabase({ role: "owner" });
try {
  const id = newId();
  // Nobody knows this password: the account is usable only through the link below.
  await handle.sql.query("select app_create_platform_admin($1::uuid, $2, $3, $4)", [
    id,
    input.data.email,
    input.data.name,
    await hashPassword(randomBytes(32).toString("base64url")),
  ]);
  const { token, tokenHash } = newResetToken();
  await createPasswordReset({ userId: id, tokenHash, expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MINUTES * 60_000) }, handle);
  console.log(`[admin] platform admin ${input.data.email} created. Set the password within ${RESET_TOKEN_TTL_MINUTES} minutes (link shown once):`);
  console.log(`\n    ${origin}/reset-password?token=${encodeURIComponent(token)}\n`);
  console.log("[admin] Then sign in and set up two-factor sign-in (required for admins). Expired? Use \"Forgot password\" on the sign-in page.");
} catch (error) {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  console.error(code === "23505" ? `[admin] an account with ${input.data.email} exists already` : `[admin] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
