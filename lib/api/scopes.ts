// The scopes an API token may carry: a fixed list in code (the database only checks that a token
// has 1–20 of them). Each /api/v1 operation names the one scope it needs (lib/api/v1/operations).

export const API_SCOPES = ["appointments:read", "appointments:write", "customers:read", "calls:read"] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
