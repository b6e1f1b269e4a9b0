import { type SQL, sql, type SQLWrapper } from "drizzle-orm";
import type postgres from "postgres";

// Drizzle's postgres-js driver runs every query unnamed (`prepare: false`). postgres.js then sends
// a parameterized query in two flights — Parse/Describe, wait for the parameter types, then
// Bind/Execute — so every query costs two round trips, two socket writes and two backend wake-ups.
// A prepared (named) statement is described once per connection and later runs in one flight.
//
// `preparing(client)` is the client drizzle is given: the same postgres.js client, except that
// a parameterized query of ordinary size is prepared, in transactions and savepoints too. Bulk
// statements (seed, imports: thousands of parameters, text that varies with the row count) stay
// unnamed, so the per-connection statement caches (here and in the backend) hold a bounded set of
// query shapes; postgres.js renews connections after 30–60 minutes, which empties them.
// PostgreSQL still plans each execution for its parameters while that is cheaper than a generic
// plan (plan_cache_mode = auto), so partial indexes keep being used.

/** Larger statements stay unnamed. */
export const MAX_PREPARED_PARAMETERS = 256;
export const MAX_PREPARED_TEXT = 16_000;

export function shouldPrepare(query: string, parameters: readonly unknown[] | undefined): boolean {
  const count = parameters?.length ?? 0;
  return count > 0 && count <= MAX_PREPARED_PARAMETERS && query.length <= MAX_PREPARED_TEXT;
}

type UnsafeOptions = { prepare?: boolean };
type AnyFn = (...args: unknown[]) => unknown;

/** The client (or transaction/savepoint client) with ordinary parameterized queries prepared. */
export function preparing<T extends postgres.Sql>(client: T): T {
  // Wrap the callback of begin/savepoint (its last argument): its client is a new one.
  const wrapCallback = (method: AnyFn) => (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") args[last] = (inner: postgres.Sql) => (callback as AnyFn)(preparing(inner));
    return method(...args);
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (property === "unsafe") {
        return (query: string, parameters?: unknown[], options?: UnsafeOptions) =>
          (value as AnyFn)(query, parameters, shouldPrepare(query, parameters) ? { ...options, prepare: true } : options);
      }
      if (property === "begin" || property === "savepoint") return wrapCallback(value as AnyFn);
      return value;
    },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `column = any('{…}'::uuid[])`: membership in a list of ids as ONE parameter. Drizzle's inArray
 * makes one parameter per id, so a branch's 75 staff members make a 75-parameter statement whose
 * text changes with the count (a prepared statement per size) and whose building dominates the
 * query's client-side cost. Ids are checked to be UUIDs, so the array literal needs no quoting.
 */
export function anyUuid(column: SQLWrapper, ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new TypeError(`anyUuid: "${id}" is not a UUID`);
  return sql`${column} = any(${`{${ids.join(",")}}`}::uuid[])`;
}
