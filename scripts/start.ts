// npm start – `next start` behind a check of the environment. With the embedded database (no
// DATABASE_URL) it is the zero-setup demo: a local AUTH_SECRET and local field-encryption keys
// (.data/field-keys.json) are made once in .data/ and Inngest runs in dev mode.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { demoSignInBanner } from "@/db/seed";
import { ensureDemoFieldKeys } from "@/lib/crypto/keys";
import { assertEnvAtStartup } from "@/lib/env";

const embedded = !process.env.DATABASE_URL;
if (embedded) {
  const secretFile = resolve(".data/auth-secret");
  if (!process.env.AUTH_SECRET) {
    if (!existsSync(secretFile)) {
      mkdirSync(dirname(secretFile), { recursive: true });
      writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
      console.log(`[start] Created a local session secret in ${secretFile} (demo only; set AUTH_SECRET in production).`);
    }
    process.env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
  }
  if (!process.env.FIELD_ENCRYPTION_KEYS && !process.env.FIELD_BLIND_INDEX_KEY) {
    const keys = ensureDemoFieldKeys({ log: (line) => console.log(line.replace("[keys]", "[start]")) });
    process.env.FIELD_ENCRYPTION_KEYS = keys.FIELD_ENCRYPTION_KEYS;
    process.env.FIELD_BLIND_INDEX_KEY = keys.FIELD_BLIND_INDEX_KEY;
  }
  process.env.INNGEST_DEV ??= "1";
}

const env = assertEnvAtStartup();

if (embedded && !existsSync(resolve(env.PGLITE_DIR, "PG_VERSION"))) {
  console.error(`[start] The embedded database in ${env.PGLITE_DIR} does not exist yet. Run: npm run db:migrate && npm run db:seed`);
  process.exit(1);
}

const port = String(env.PORT ?? 3000);
if (embedded) printDemoSignIn(port);

// The embedded demo has published demo accounts: it listens on loopback only unless HOST says
// otherwise. A deployment (DATABASE_URL) listens where HOST says, by default on every interface.
const host = process.env.HOST || (embedded ? "127.0.0.1" : "0.0.0.0");
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", host], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function printDemoSignIn(port: string) {
  console.log(demoSignInBanner(port));
}
