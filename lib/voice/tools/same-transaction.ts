import "server-only";
import { type CompanyContext, type Database, type DatabaseHandle, runtimeDatabase, type Tx } from "@/db";

// The writing tools call THE use cases (createAppointment, cancelAppointment, …), which open
// their own withCompany transaction. Idempotency (lib/calls/tool-idempotency.ts) needs the work
// in the transaction that holds the invocation key, so concurrent retries wait for it and then
// replay its answer. This handle makes a use case's withCompany run as a savepoint of that outer
// transaction: same connection, same locks, rolled back with it. (A second transaction would
// also deadlock on PGlite, whose one session serialises transactions.)
//
// withCompany on a "pglite"-kind handle sets role and company locally and calls fn(tx); the role
// is the runtime's (askpro_app on PGlite, "none" = the session's own on PostgreSQL, where the
// connection already is askpro_app). lib/voice/tools/writing-tools.test.ts covers it.

export async function inTransaction(tx: Tx, context: { requestId?: string } = {}): Promise<CompanyContext> {
  const runtime = await runtimeDatabase();
  const unusable = () => {
    throw new Error("inTransaction: only withCompany may use this handle");
  };
  const handle: DatabaseHandle = {
    kind: "pglite",
    role: "app",
    localRole: runtime.localRole,
    db: { transaction: (fn: (inner: Tx) => Promise<unknown>) => tx.transaction(fn) } as unknown as Database,
    sql: { query: unusable, exec: unusable },
    reserve: unusable,
    close: async () => {},
  };
  return { handle, ...(context.requestId ? { requestId: context.requestId } : {}) };
}
