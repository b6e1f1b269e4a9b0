import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@/db";
import { runMigrations } from "@/db/migrate";
import { appUrlFor } from "@/db/testing/urls";

// Migrations run once here. With TEST_DATABASE_URL (the owner's URL of a fresh database on a
// PostgreSQL server) every test file shares that database; otherwise each test file starts an
// in-memory PGlite from a migrated template dumped here. Test files create their own
// companies, so they never step on each other.
export default async function setup() {
  // Mail sent by tests without SMTP_URL lands in a throwaway dev mailbox, not ./.data/mailbox.
  const mailbox = mkdtempSync(join(tmpdir(), "askpro-mailbox-"));
  process.env.MAILBOX_DIR = mailbox;
  // Fixed field-encryption keys (lib/crypto): tests never touch .data/field-keys.json.
  Object.assign(process.env, { FIELD_ENCRYPTION_KEYS: "test1:YXNrcHJvYWktdGVzdC1maWVsZC1rZXktMDAwMDAwMDE=", FIELD_BLIND_INDEX_KEY: "YXNrcHJvYWktdGVzdC1ibGluZC1pbmRleC1rZXktMDE=" });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const owner = await openDatabase({ role: "owner", url: serverUrl });
    try {
      await runMigrations(owner);
    } finally {
      await owner.close();
    }
    process.env.MIGRATION_DATABASE_URL = serverUrl;
    process.env.DATABASE_URL = process.env.TEST_APP_DATABASE_URL ?? appUrlFor(serverUrl);
    delete process.env.PGLITE_TEMPLATE;
    return () => rmSync(mailbox, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), "askpro-test-"));
  const template = join(dir, "template.tar.gz");
  const owner = await openDatabase({ role: "owner", url: undefined, pgliteDir: "memory://" });
  try {
    await runMigrations(owner);
    writeFileSync(template, Buffer.from(await (await owner.dump!()).arrayBuffer()));
  } finally {
    await owner.close();
  }
  delete process.env.DATABASE_URL;
  delete process.env.MIGRATION_DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
  process.env.PGLITE_TEMPLATE = template;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(mailbox, { recursive: true, force: true });
  };
}
