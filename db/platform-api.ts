import "server-only";
import { sql } from "drizzle-orm";
import { asRuntime, type DatabaseHandle, rowsOf, runtimeDatabase } from "./index";

// API-token authentication (drizzle/0015_api_token_functions.sql): the one way from a bearer
// token's hash to its company. Tested through lib/api/auth.test.ts.

export type ApiTokenState = "ok" | "rate_limited" | "revoked" | "expired" | "company_inactive";

export type ApiTokenAuthentication = {
  state: ApiTokenState;
  tokenId: string;
  companyId: string;
  /** Only for ok and rate_limited. */
  scopes: string[];
  rateLimit: number;
  /** ok / rate_limited: requests left in the current window and when it ends. */
  rateRemaining: number | null;
  rateResetAt: Date | null;
};

/**
 * Looks a token hash up across companies and, for a usable token, records the use and counts it
 * against the per-minute limit in the same statement. null: no token has this hash.
 */
export async function authenticateApiToken(
  request: { tokenHash: string; ip: string | null; limit: number },
  handle?: DatabaseHandle,
): Promise<ApiTokenAuthentication | null> {
  const h = handle ?? (await runtimeDatabase());
  const [row] = await asRuntime(h, async (db) =>
    rowsOf<{
      state: ApiTokenState;
      tokenId: string;
      companyId: string;
      scopes: string[] | null;
      rateLimit: number;
      rateRemaining: number | null;
      rateResetAt: string | Date | null;
    }>(
      await db.execute(
        sql`select state, token_id as "tokenId", company_id as "companyId", scopes, rate_limit as "rateLimit",
                   rate_remaining as "rateRemaining", rate_reset_at as "rateResetAt"
              from app_api_token_authenticate(${request.tokenHash}::text, ${request.ip}::inet, ${request.limit}::int)`,
      ),
    ),
  );
  if (!row) return null;
  return {
    ...row,
    scopes: row.scopes ?? [],
    rateLimit: Number(row.rateLimit),
    rateRemaining: row.rateRemaining === null ? null : Number(row.rateRemaining),
    rateResetAt: row.rateResetAt === null ? null : new Date(row.rateResetAt),
  };
}
