import "server-only";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, rowsOf, type Tx, withCompany } from "@/db";
import { decryptField, encryptField, keyIdOf } from "./field-encryption";
import type { FieldKeyRing } from "./key-ring";
import { fieldKeys } from "./keys";

// `npm run keys:rotate`: every encrypted value not under the ring's current key is decrypted
// (with the key its ciphertext names) and encrypted again under the current key. Company by
// company, through withCompany on the owner's handle, in chunks of `chunkSize` rows per
// transaction. A chunk selects only rows that still have a value under another key, so the
// run is idempotent and resumable: stopped half way, the next run continues where it stopped;
// a second run finds nothing. Blind indexes are not touched (their key is separate and does
// not rotate with the ring). updated_at is left as it was: a rotation changes no data.

/** Every encrypted column, by table (the column name is part of each value's associated data). */
export const ENCRYPTED_COLUMNS = {
  customers: ["phone_ciphertext", "email_ciphertext", "notes_ciphertext"],
  call_transcripts: ["turns_ciphertext"],
  callback_requests: ["phone_ciphertext"],
} as const satisfies Record<string, readonly string[]>;

export type RotationReport = {
  currentKeyId: string;
  companies: number;
  /** Rows written again, per table. */
  rows: Record<string, number>;
  /** Values re-encrypted, by the key id they were under before. */
  valuesByOldKey: Record<string, number>;
};

export type RotationOptions = {
  chunkSize?: number;
  ring?: FieldKeyRing;
  log?: (line: string) => void;
  /** Only these companies (tests); default: every company. */
  companyIds?: string[];
};

export async function rotateFieldKeys(owner: DatabaseHandle, options: RotationOptions = {}): Promise<RotationReport> {
  const ring = options.ring ?? fieldKeys().ring;
  const chunkSize = options.chunkSize ?? 500;
  const log = options.log ?? (() => {});
  const companyIds =
    options.companyIds ?? (await owner.sql.query<{ id: string }>("select id::text as id from app_keys_list_company_ids() as id")).map((r) => r.id);
  const report: RotationReport = { currentKeyId: ring.currentKeyId, companies: 0, rows: {}, valuesByOldKey: {} };

  for (const companyId of companyIds) {
    let companyRows = 0;
    for (const [table, columns] of Object.entries(ENCRYPTED_COLUMNS)) {
      report.rows[table] ??= 0;
      for (;;) {
        const done = await withCompany(companyId, (tx) => rotateChunk(tx, table, columns, companyId, ring, chunkSize, report), {
          handle: owner,
        });
        report.rows[table] += done;
        companyRows += done;
        if (done > 0) log(`${companyId} ${table}: ${companyRows} rows re-encrypted (${report.rows[table]} in all)`);
        if (done < chunkSize) break;
      }
    }
    if (companyRows > 0) report.companies++;
  }
  return report;
}

async function rotateChunk(
  tx: Tx,
  table: string,
  columns: readonly string[],
  companyId: string,
  ring: FieldKeyRing,
  chunkSize: number,
  report: RotationReport,
): Promise<number> {
  const stale = sql.join(
    columns.map((c) => sql`(${sql.identifier(c)} is not null and split_part(${sql.identifier(c)}, '.', 2) <> ${ring.currentKeyId})`),
    sql` or `,
  );
  const selected = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  // company_id in the where too: RLS filters a non-superuser owner, a superuser it does not.
  const rows = rowsOf<Record<string, string | null> & { id: string }>(
    await tx.execute(sql`select id, ${selected} from ${sql.identifier(table)}
      where company_id = ${companyId} and (${stale}) order by id limit ${chunkSize} for update`),
  );
  for (const row of rows) {
    const changes = columns.flatMap((column) => {
      const value = row[column];
      if (value === null || value === undefined || keyIdOf(value) === ring.currentKeyId) return [];
      const oldKey = keyIdOf(value) ?? "(malformed)";
      const context = { companyId, column };
      const fresh = encryptField(decryptField(value, context, ring), context, ring);
      report.valuesByOldKey[oldKey] = (report.valuesByOldKey[oldKey] ?? 0) + 1;
      return [sql`${sql.identifier(column)} = ${fresh}`];
    });
    await tx.execute(
      sql`update ${sql.identifier(table)} set ${sql.join(changes, sql`, `)} where company_id = ${companyId} and id = ${row.id}`,
    );
  }
  return rows.length;
}
