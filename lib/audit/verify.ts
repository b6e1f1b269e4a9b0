import "server-only";
import type { DatabaseHandle } from "@/db";

// Verification of the audit trail's hash chains (drizzle/0004_audit_trail.sql). The chain is
// recomputed in SQL by app_verify_audit_chains(), which hashes with the very function the
// trigger used (app_audit_hash), so the canonical text cannot drift between writer and checker.

export type AuditChainProblem = "seq gap" | "duplicate seq" | "prev_hash mismatch" | "hash mismatch";

export type AuditChainReport = {
  /** null: the platform chain (global tables, platform admins). */
  companyId: string | null;
  companyName: string | null;
  entries: number;
  lastSeq: number;
  /** The first broken link in seq order, or null when the chain is intact. */
  broken: { seq: number; auditId: number; problems: AuditChainProblem[] } | null;
};

export type AuditVerification = { ok: boolean; chains: AuditChainReport[] };

type Row = {
  company_id: string | null;
  company_name: string | null;
  entries: string | number;
  last_seq: string | number;
  broken_seq: string | number | null;
  broken_id: string | number | null;
  problems: string[] | string | null;
};

/**
 * Recomputes every chain, or one company's (tests on a shared database scope it this way).
 * Needs the owner's handle: the runtime role may not execute the verifier.
 */
export async function verifyAuditChains(
  handle: DatabaseHandle,
  options: { companyId?: string } = {},
): Promise<AuditVerification> {
  const rows = await handle.sql.query<Row>("select * from app_verify_audit_chains($1::uuid)", [
    options.companyId ?? null,
  ]);
  const chains = rows.map(
    (row): AuditChainReport => ({
      companyId: row.company_id,
      companyName: row.company_name,
      entries: Number(row.entries),
      lastSeq: Number(row.last_seq),
      broken:
        row.broken_seq === null || row.broken_id === null
          ? null
          : {
              seq: Number(row.broken_seq),
              auditId: Number(row.broken_id),
              problems: textArray(row.problems) as AuditChainProblem[],
            },
    }),
  );
  return { ok: chains.every((chain) => chain.broken === null), chains };
}

/** One line per chain, for the CLI. */
export function formatChainReport(chain: AuditChainReport): string {
  const name = chain.companyId === null ? "platform" : `${chain.companyName ?? "(unknown company)"} ${chain.companyId}`;
  if (!chain.broken) return `ok      ${name}: ${chain.entries} entries, seq 1..${chain.lastSeq}`;
  const { seq, auditId, problems } = chain.broken;
  return `BROKEN  ${name}: first broken link at seq ${seq} (audit_log id ${auditId}): ${problems.join(", ")}`;
}

/** A text[] from either driver (postgres.js parses arrays; a raw literal "{a,b}" is handled too). */
function textArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((item) => item.replace(/^"|"$/g, "")) : [];
}
