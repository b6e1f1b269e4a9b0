import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { type DatabaseHandle, openDatabase, runtimeDatabase, withCompany } from "@/db";
import { newId } from "@/db/schema/_columns";
import { branches, companies } from "@/db/schema";

// Test worlds are built through the same path as the app: withCompany on the runtime role.
// Every call makes fresh ids and slugs, so test files can run in parallel on one database.

export async function createTestCompany(name = "Testfirma") {
  const id = newId();
  const suffix = randomUUID().slice(0, 8);
  await withCompany(id, (tx) =>
    tx.insert(companies).values({ id, name: `${name} ${suffix}`, slug: `test-${suffix}`, status: "active" }),
  );
  const branchId = newId();
  await withCompany(id, (tx) =>
    tx.insert(branches).values({ id: branchId, companyId: id, name: "Hauptfiliale", timeZone: "Europe/Berlin" }),
  );
  return { id, branchId };
}

export async function getCompany(companyId: string) {
  const [row] = await withCompany(companyId, (tx) => tx.select().from(companies).where(eq(companies.id, companyId)));
  return row;
}

/**
 * The owner's view of the test database (migrations, catalog reads, platform bootstrap).
 * On PGlite it is the runtime instance itself without the role switch (one instance per file).
 */
export async function ownerHandle(): Promise<DatabaseHandle> {
  const runtime = await runtimeDatabase();
  if (runtime.kind === "pglite") return { ...runtime, role: "owner", localRole: null, close: async () => {} };
  cached ??= openDatabase({ role: "owner", max: 2 });
  return cached;
}
let cached: Promise<DatabaseHandle> | undefined;

export async function closeOwnerHandle() {
  const pending = cached;
  cached = undefined;
  if (pending) await (await pending).close();
}

export { sqlStateOf } from "@/db/errors";

/** Every message in the cause chain, joined: drizzle's "Failed query: …" hides the driver's text. */
export function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    messages.push(e instanceof Error ? e.message : String(e));
  }
  return messages.join(" ← ");
}

/** Resolves to the error a promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the database to refuse, but the statement succeeded");
}
