// npm run admin:create -- --email ops@example.com --name "Ops Team"
// The first platform admin of a real deployment (the demo seed's accounts have a published
// password and are refused on a server). Prints a random 24-character password ONCE; the admin
// signs in with it, must set up two-factor sign-in at once (mandatory for admins) and should then
// change it under Settings. Runs as the migrating role (MIGRATION_DATABASE_URL, or the embedded
// database); app_create_platform_admin is not executable by the runtime role.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "@/db";
import { newId } from "@/db/schema/_columns";
import { hashPassword } from "@/lib/auth/password";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const input = z
  .object({ email: z.email().max(254), name: z.string().trim().min(1).max(120) })
  .safeParse({ email: values.email?.trim().toLowerCase(), name: values.name });
if (!input.success) {
  console.error('[admin] usage: npm run admin:create -- --email <address> --name "<name>"');
  for (const issue of input.error.issues) console.error(`[admin] ${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}

const password = randomBytes(18).toString("base64url"); // 24 characters, 144 bits
const handle = await openDatabase({ role: "owner" });
try {
  await handle.sql.query("select app_create_platform_admin($1::uuid, $2, $3, $4)", [
    newId(),
    input.data.email,
    input.data.name,
    await hashPassword(password),
  ]);
  console.log(`[admin] platform admin ${input.data.email} created. Initial password (shown once):\n\n    ${password}\n`);
  console.log("[admin] Sign in, set up two-factor sign-in (required), then change the password under Settings.");
} catch (error) {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  console.error(code === "23505" ? `[admin] an account with ${input.data.email} exists already` : `[admin] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
