import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { asRuntime, runtimeDatabase, withCompany } from "@/db";
import { auditLog, customers, featureFlags, staffServices, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, messagesOf, ownerHandle, rejectionOf, sqlStateOf } from "@/db/testing/fixtures";
import { insertBranch, insertService, insertStaff } from "@/db/testing/rows";
import { sealCustomerFields } from "@/lib/customers/protect";
import { AUDITED_TABLES } from "./filters";
import { listAuditEntries, listAuditForActor, listAuditForEntity } from "./queries";
import { formatChainReport, verifyAuditChains } from "./verify";

// The audit trail (drizzle/0004_audit_trail.sql) on the real database: what the trigger writes
// for each kind of change, the per-company hash chain, append-only, and verify naming the first
// broken link after a privileged tamper. On a shared server database every verify is scoped to
// a company made here.

const onServer = Boolean(process.env.DATABASE_URL);
const ZEROS = "0".repeat(64);

async function companyWithUser(name: string) {
  const company = await createTestCompany(name);
  const userId = newId();
  await withCompany(company.id, (tx) =>
    tx.insert(users).values({
      id: userId,
      companyId: company.id,
      email: `audit-${userId}@example.test`,
      name: "Anna Admin",
      passwordHash: "$argon2id$not-a-real-hash",
      role: "company_admin",
    }),
  );
  return { ...company, userId };
}

/** The company's trail in chain order, read as the company (runtime role, RLS). */
function trailOf(companyId: string) {
  return withCompany(companyId, (tx) =>
    tx.select().from(auditLog).where(eq(auditLog.companyId, companyId)).orderBy(asc(auditLog.seq)),
  );
}

async function entriesFor(companyId: string, tableName: string, rowId: string) {
  return (await trailOf(companyId)).filter((e) => e.tableName === tableName && e.rowId === rowId);
}

async function expectChainIntact(companyId: string) {
  const owner = await ownerHandle();
  const result = await verifyAuditChains(owner, { companyId });
  expect(result.chains).toHaveLength(1);
  expect(result.chains[0]!.broken).toBeNull();
  expect(result.ok).toBe(true);
  const trail = await trailOf(companyId);
  expect(trail.map((e) => Number(e.seq))).toEqual(trail.map((_, i) => i + 1));
  return result.chains[0]!;
}

/** As the table owner: the guard trigger off, the statement, the guard on, in one transaction. */
async function tamper(statement: string, params: unknown[] = []) {
  const owner = await ownerHandle();
  const connection = await owner.reserve();
  try {
    await connection.sql.exec("BEGIN");
    await connection.sql.exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    await connection.sql.query(statement, params);
    await connection.sql.exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    await connection.sql.exec("COMMIT");
  } catch (error) {
    await connection.sql.exec("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

async function insertCustomer(companyId: string, context: { userId?: string; requestId?: string } = {}) {
  const id = newId();
  await withCompany(
    companyId,
    (tx) =>
      tx
        .insert(customers)
        .values({ id, companyId, firstName: "Erika", lastName: "Mustermann", ...sealCustomerFields(companyId, { phone: "+4915112345678" }) }),
    context,
  );
  return id;
}

describe("the trigger", () => {
  it("records insert, update, soft delete, restore and delete of a customer with actor, request and redaction", async () => {
    const a = await companyWithUser("Audit");
    const ctx = { userId: a.userId, requestId: "req-audit-1" };
    const id = newId();
    await withCompany(
      a.id,
      (tx) =>
        tx.insert(customers).values({
          id,
          companyId: a.id,
          firstName: "Erika",
          lastName: "Mustermann",
          ...sealCustomerFields(a.id, { phone: "+4915112345678", email: "erika@example.test" }),
        }),
      ctx,
    );
    await withCompany(a.id, (tx) => tx.update(customers).set({ locale: "en", ...sealCustomerFields(a.id, { email: "neu@example.test" }) }).where(eq(customers.id, id)), {
      ...ctx,
      requestId: "req-audit-2",
    });
    await withCompany(a.id, (tx) => tx.update(customers).set({ deletedAt: new Date() }).where(eq(customers.id, id)), ctx);
    await withCompany(a.id, (tx) => tx.update(customers).set({ deletedAt: null }).where(eq(customers.id, id)), ctx);
    await withCompany(a.id, (tx) => tx.delete(customers).where(eq(customers.id, id)), ctx);

    const entries = await entriesFor(a.id, "customers", id);
    expect(entries.map((e) => e.action)).toEqual(["insert", "update", "soft_delete", "restore", "delete"]);
    for (const e of entries) {
      expect(e.actorUserId).toBe(a.userId);
      expect(e.companyId).toBe(a.id);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(entries.map((e) => e.requestId)).toEqual(["req-audit-1", "req-audit-2", "req-audit-1", "req-audit-1", "req-audit-1"]);

    const [insert, update, softDelete, restore, remove] = entries;
    // Insert: the whole new row, personal fields redacted, NULL kept as NULL.
    expect(insert!.oldValues).toBeNull();
    expect(insert!.newValues).toMatchObject({
      id,
      company_id: a.id,
      first_name: "[redacted]",
      last_name: "[redacted]",
      phone_ciphertext: "[redacted]",
      phone_blind_index: "[redacted]",
      email_ciphertext: "[redacted]",
      email_blind_index: "[redacted]",
      birthday: null,
      notes_ciphertext: null,
      locale: "de",
      deleted_at: null,
    });
    expect(JSON.stringify(entries)).not.toMatch(/Erika|Mustermann|erika@|neu@|4915112345678/);
    // Update: only the changed columns, before and after (updated_at left out).
    const emailChange = { email_ciphertext: "[redacted]", email_blind_index: "[redacted]" };
    expect(update!.oldValues).toEqual({ locale: "de", ...emailChange });
    expect(update!.newValues).toEqual({ locale: "en", ...emailChange });
    expect(Object.keys(softDelete!.newValues!)).toEqual(["deleted_at"]);
    expect(softDelete!.oldValues).toEqual({ deleted_at: null });
    expect(restore!.newValues).toEqual({ deleted_at: null });
    // Delete: the whole old row.
    expect(remove!.newValues).toBeNull();
    expect(remove!.oldValues).toMatchObject({ id, locale: "en", first_name: "[redacted]", deleted_at: null });

    const chain = await expectChainIntact(a.id);
    expect(chain.entries).toBe((await trailOf(a.id)).length);
  });

  it("an update that changes nothing but updated_at writes nothing", async () => {
    const a = await companyWithUser("Leer");
    const id = await insertCustomer(a.id);
    const before = (await trailOf(a.id)).length;
    await withCompany(a.id, (tx) => tx.update(customers).set({ firstName: "Erika" }).where(eq(customers.id, id)));
    await withCompany(a.id, (tx) => tx.update(customers).set({ updatedAt: new Date("2030-01-01T00:00:00Z") }).where(eq(customers.id, id)));
    expect((await trailOf(a.id)).length).toBe(before);
    await withCompany(a.id, (tx) => tx.update(customers).set({ firstName: "Erik" }).where(eq(customers.id, id)));
    const after = await trailOf(a.id);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ action: "update", oldValues: { first_name: "[redacted]" }, newValues: { first_name: "[redacted]" } });
  });

  it("without a user or request in the transaction, actor and request are NULL", async () => {
    const a = await companyWithUser("Ohne");
    const id = await insertCustomer(a.id);
    const [entry] = await entriesFor(a.id, "customers", id);
    expect(entry).toMatchObject({ actorUserId: null, requestId: null });
  });

  it("starts each company's chain at seq 1 with 64 zeros and links every entry to the previous hash", async () => {
    const a = await companyWithUser("Kette");
    const trail = await trailOf(a.id);
    // createTestCompany: the company row, then its branch.
    expect(trail.slice(0, 2).map((e) => [Number(e.seq), e.tableName, e.action])).toEqual([
      [1, "companies", "insert"],
      [2, "branches", "insert"],
    ]);
    expect(trail[0]!.prevHash).toBe(ZEROS);
    expect(trail[0]!.rowId).toBe(a.id);
    for (let i = 1; i < trail.length; i++) expect(trail[i]!.prevHash).toBe(trail[i - 1]!.hash);
  });

  it("two companies keep independent chains, even when their writes interleave", async () => {
    const a = await companyWithUser("Eins");
    const b = await companyWithUser("Zwei");
    for (let i = 0; i < 3; i++) {
      await insertCustomer(a.id);
      await insertCustomer(b.id);
    }
    const [trailA, trailB] = [await trailOf(a.id), await trailOf(b.id)];
    expect(trailA.every((e) => e.companyId === a.id)).toBe(true);
    expect(trailB.every((e) => e.companyId === b.id)).toBe(true);
    expect(trailA.length).toBe(trailB.length);
    await expectChainIntact(a.id);
    await expectChainIntact(b.id);
    // Company B cannot read A's trail.
    const seen = await withCompany(b.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.companyId, a.id)));
    expect(seen).toEqual([]);
  });

  it("names a composite key's row by its key columns in order, and global tables go to the platform chain", async () => {
    const a = await companyWithUser("Schlüssel");
    const { staffId, serviceId } = await withCompany(a.id, async (tx) => {
      const branchId = await insertBranch(tx, a.id);
      const staffId = await insertStaff(tx, a.id, branchId);
      const serviceId = await insertService(tx, a.id);
      await tx.insert(staffServices).values({ companyId: a.id, staffId, serviceId });
      return { staffId, serviceId };
    });
    expect(await entriesFor(a.id, "staff_services", `${staffId}/${serviceId}`)).toHaveLength(1);

    const key = `test.audit_${newId().slice(-8)}`;
    const owner = await ownerHandle();
    await owner.db.insert(featureFlags).values({ key, description: "audit test" });
    const [platform] = await owner.sql.query<{ company_id: string | null; action: string; seq: string | number }>(
      "select company_id, action, seq from audit_log where table_name = 'feature_flags' and row_id = $1",
      [key],
    );
    expect(platform).toMatchObject({ company_id: null, action: "insert" });
    expect(Number(platform!.seq)).toBeGreaterThan(0);
  });

  it("covers every company table (and the listed global ones) with the audit trigger", async () => {
    const owner = await ownerHandle();
    const audited = await owner.sql.query<{ table: string }>(`
      select c.relname as table
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and t.tgname = 'audit_trail' and not t.tgisinternal
       order by 1`);
    expect(audited.map((r) => r.table)).toEqual(expect.arrayContaining([...AUDITED_TABLES]));
    const companyTables = await owner.sql.query<{ table: string }>(`
      select c.relname as table
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped)
       order by 1`);
    // The two logs themselves are not audited: security events are append-only records already.
    // api_token_usage is a per-request counter (last use, rate-limit window) written by the
    // authenticating function: auditing it would write an audit row for every API call; token
    // creation and revocation are audited on api_tokens.
    // The voice agent's logs and caches (drizzle/0024 says why each): the webhook inbox, tool-call
    // traces, transcripts (rewritten once per turn), idempotency keys and slot holds.
    const exempt = new Set([
      "audit_log",
      "security_events",
      "api_token_usage",
      "webhook_events",
      "function_traces",
      "call_transcripts",
      "tool_invocations",
      "slot_holds",
    ]);
    const missing = companyTables
      .map((r) => r.table)
      .filter((t) => !exempt.has(t) && !audited.some((r) => r.table === t))
      .map((t) => `${t}: call app_enable_audit('${t}', ARRAY[<personal columns>]) in its migration`);
    expect(missing).toEqual([]);
  });

  it("redacts every column that looks like a secret and the personal columns of the issue, per trigger", async () => {
    const owner = await ownerHandle();
    const triggers = await owner.sql.query<{ table: string; def: string }>(`
      select c.relname as table, pg_get_triggerdef(t.oid) as def
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where t.tgname = 'audit_trail' and not t.tgisinternal`);
    const redactedOf = new Map(
      triggers.map(({ table, def }) => {
        const args = [...def.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
        return [table, new Set((args[2] ?? "").split(",").filter(Boolean))];
      }),
    );
    // A column added to an audited table after its trigger was made is not covered until the
    // migration calls app_enable_audit again: this fails then.
    const secretLike = await owner.sql.query<{ table: string; column: string }>(
      `select c.relname as table, a.attname as column
         from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relname = any($1::text[]) and a.attnum > 0 and not a.attisdropped
          and a.attname ~ '(password|secret|token|recovery|cipher|encrypted|blind_index)'`,
      [[...redactedOf.keys()]],
    );
    const uncovered = secretLike.filter((r) => !redactedOf.get(r.table)?.has(r.column)).map((r) => `${r.table}.${r.column}`);
    expect(uncovered).toEqual([]);
    const personal: Record<string, string[]> = {
      customers: ["first_name", "last_name", "birthday", "phone_ciphertext", "phone_blind_index", "email_ciphertext", "email_blind_index", "notes_ciphertext"],
      users: ["email", "password_hash", "name"],
      staff: ["email", "phone"],
    };
    for (const [table, columns] of Object.entries(personal)) {
      expect([...(redactedOf.get(table) ?? [])], table).toEqual(expect.arrayContaining(columns));
    }
  });
});

describe("append-only", () => {
  it("the runtime role cannot insert, update, delete or truncate audit rows (42501)", async () => {
    const a = await companyWithUser("Schreibschutz");
    const [own] = await trailOf(a.id);
    const attempts = [
      sql`insert into audit_log (company_id, seq, table_name, row_id, action, prev_hash, hash)
          values (${a.id}, 999999, 'customers', 'x', 'insert', ${ZEROS}, ${ZEROS})`,
      sql`update audit_log set new_values = '{}'::jsonb where id = ${own!.id}`,
      sql`delete from audit_log where id = ${own!.id}`,
      sql`truncate audit_log`,
    ];
    for (const statement of attempts) {
      const error = await rejectionOf(withCompany(a.id, (tx) => tx.execute(statement)));
      expect(sqlStateOf(error), messagesOf(error)).toBe("42501");
    }
    // Nor the verifier or the helper that attaches triggers: both are the owner's.
    const handle = await runtimeDatabase();
    for (const call of [sql`select app_verify_audit_chains()`, sql`select app_enable_audit('customers')`]) {
      const error = await rejectionOf(asRuntime(handle, (db) => db.execute(call)));
      expect(sqlStateOf(error), messagesOf(error)).toBe("42501");
    }
    expect((await trailOf(a.id))[0]).toEqual(own);
  });

  it("refuses UPDATE, DELETE and TRUNCATE even to the table owner while the guard is on", async () => {
    const a = await companyWithUser("Wächter");
    const [own] = await trailOf(a.id);
    const owner = await ownerHandle();
    for (const statement of [
      `update audit_log set new_values = '{}'::jsonb where id = ${Number(own!.id)}`,
      `delete from audit_log where id = ${Number(own!.id)}`,
      "truncate audit_log",
    ]) {
      const error = await rejectionOf(owner.sql.query(statement));
      expect(messagesOf(error)).toMatch(/audit_log is append-only/);
    }
    expect((await trailOf(a.id))[0]).toEqual(own);
  });
});

describe("verify", () => {
  it("names the company, seq and audit row of an entry the owner edited, and only the first broken link", async () => {
    const a = await companyWithUser("Manipuliert");
    const other = await companyWithUser("Unberührt");
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await insertCustomer(a.id, { userId: a.userId }));
    await insertCustomer(other.id);
    const trail = await trailOf(a.id);
    const target = trail.find((e) => e.tableName === "customers" && e.rowId === ids[1])!;
    const later = trail.find((e) => e.tableName === "customers" && e.rowId === ids[3])!;
    expect(Number(later.seq)).toBeGreaterThan(Number(target.seq));

    await tamper(
      `update audit_log set new_values = jsonb_set(new_values, '{locale}', '"en"') where id = $1`,
      [target.id],
    );
    const owner = await ownerHandle();
    const result = await verifyAuditChains(owner, { companyId: a.id });
    expect(result.ok).toBe(false);
    expect(result.chains).toEqual([
      expect.objectContaining({
        companyId: a.id,
        broken: { seq: Number(target.seq), auditId: Number(target.id), problems: ["hash mismatch"] },
      }),
    ]);
    expect(formatChainReport(result.chains[0]!)).toContain(`seq ${Number(target.seq)} (audit_log id ${Number(target.id)}): hash mismatch`);
    // The other company's chain is untouched.
    await expectChainIntact(other.id);

    // A later, second tamper does not hide the first; the chain keeps appending meanwhile.
    await tamper(`update audit_log set request_id = 'forged' where id = $1`, [later.id]);
    await insertCustomer(a.id);
    const after = await trailOf(a.id);
    const newest = after.at(-1)!;
    expect(Number(newest.seq)).toBe(after.length);
    expect(newest.prevHash).toBe(after.at(-2)!.hash);
    const again = await verifyAuditChains(owner, { companyId: a.id });
    expect(again.chains[0]!.broken).toEqual({ seq: Number(target.seq), auditId: Number(target.id), problems: ["hash mismatch"] });
    expect(again.chains[0]!.entries).toBe(after.length);
  });

  it("names the link after an entry the owner deleted: seq gap and prev_hash mismatch", async () => {
    const a = await companyWithUser("Gelöscht");
    for (let i = 0; i < 3; i++) await insertCustomer(a.id);
    const trail = await trailOf(a.id);
    const victim = trail[3]!;
    const next = trail[4]!;
    await tamper("delete from audit_log where id = $1", [victim.id]);
    const owner = await ownerHandle();
    const result = await verifyAuditChains(owner, { companyId: a.id });
    expect(result.ok).toBe(false);
    expect(result.chains[0]).toMatchObject({
      companyId: a.id,
      broken: { seq: Number(next.seq), auditId: Number(next.id), problems: ["seq gap", "prev_hash mismatch"] },
    });
  });

  it("detects a rewritten prev_hash and a changed created_at", async () => {
    const a = await companyWithUser("Zeit");
    await insertCustomer(a.id);
    const trail = await trailOf(a.id);
    await tamper("update audit_log set created_at = created_at - interval '1 microsecond' where id = $1", [trail[1]!.id]);
    const owner = await ownerHandle();
    expect((await verifyAuditChains(owner, { companyId: a.id })).chains[0]!.broken).toEqual({
      seq: 2,
      auditId: Number(trail[1]!.id),
      problems: ["hash mismatch"],
    });
    const b = await companyWithUser("Vorgänger");
    const trailB = await trailOf(b.id);
    await tamper(`update audit_log set prev_hash = $2 where id = $1`, [trailB[2]!.id, "f".repeat(64)]);
    expect((await verifyAuditChains(owner, { companyId: b.id })).chains[0]!.broken).toEqual({
      seq: 3,
      auditId: Number(trailB[2]!.id),
      problems: ["prev_hash mismatch", "hash mismatch"],
    });
  });

  // The command itself (npm run audit:verify) on the server: PGlite's in-memory test database is
  // not reachable from another process.
  it.runIf(onServer)("the audit-verify command exits 0 on an intact chain and 1 naming the tampered link", async () => {
    const a = await companyWithUser("Kommando");
    const run = async () => {
      try {
        const { stdout } = await promisify(execFile)(
          "node_modules/.bin/tsx",
          ["--conditions", "react-server", "scripts/audit-verify.ts", "--company", a.id],
          { env: process.env, timeout: 60_000 },
        );
        return { code: 0, stdout };
      } catch (error) {
        const e = error as { code?: number; stdout?: string };
        return { code: e.code ?? -1, stdout: e.stdout ?? "" };
      }
    };
    const intact = await run();
    expect(intact.stdout).toMatch(new RegExp(`ok +\\S.* ${a.id}: \\d+ entries`));
    expect(intact.code).toBe(0);
    const [, second] = await trailOf(a.id);
    await tamper(`update audit_log set row_id = 'forged' where id = $1`, [second!.id]);
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`${a.id}: first broken link at seq 2 (audit_log id ${Number(second!.id)}): hash mismatch`);
  }, 120_000);

  it.runIf(onServer)("20 parallel transactions on one company: no gaps, no duplicates, a valid chain", async () => {
    const a = await companyWithUser("Parallel");
    const before = (await trailOf(a.id)).length;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withCompany(
          a.id,
          async (tx) => {
            const id = newId();
            await tx.insert(customers).values({ id, companyId: a.id, firstName: "P", lastName: `${i}` });
            // Hold the chain a moment after writing, so the others queue on it.
            await tx.execute(sql`select pg_sleep(0.005)`);
            await tx.update(customers).set({ locale: "en" }).where(eq(customers.id, id));
          },
          { userId: a.userId, requestId: `req-par-${i}` },
        ),
      ),
    );
    const trail = await trailOf(a.id);
    expect(trail.length).toBe(before + 40);
    expect(new Set(trail.map((e) => Number(e.seq))).size).toBe(trail.length);
    await expectChainIntact(a.id);
  });
});

describe("queries", () => {
  it("lists a row's history and a user's changes newest first, keyset-paginated by seq", async () => {
    const a = await companyWithUser("Abfrage");
    const other = newId();
    const id = await insertCustomer(a.id, { userId: a.userId, requestId: "req-q" });
    for (const locale of ["en", "de", "en"] as const) {
      await withCompany(a.id, (tx) => tx.update(customers).set({ locale }).where(eq(customers.id, id)), { userId: a.userId });
    }
    await insertCustomer(a.id, { userId: other });

    const first = await listAuditForEntity(a.id, "customers", id, { limit: 3 });
    expect(first.entries.map((e) => e.action)).toEqual(["update", "update", "update"]);
    expect(first.entries.map((e) => e.seq)).toEqual([...first.entries.map((e) => e.seq)].sort((x, y) => y - x));
    expect(first.nextBeforeSeq).toBe(first.entries.at(-1)!.seq);
    const second = await listAuditForEntity(a.id, "customers", id, { limit: 3, beforeSeq: first.nextBeforeSeq! });
    expect(second.entries.map((e) => e.action)).toEqual(["insert"]);
    expect(second.entries[0]).toMatchObject({ actorUserId: a.userId, actorName: "Anna Admin", requestId: "req-q" });
    expect(second.nextBeforeSeq).toBeNull();

    const mine = await listAuditForActor(a.id, a.userId);
    expect(mine.entries).toHaveLength(4);
    const theirs = await listAuditForActor(a.id, other);
    expect(theirs.entries).toHaveLength(1);
    expect(theirs.entries[0]!.actorName).toBeNull(); // not a user of this company

    const all = await listAuditEntries(a.id, {}, { limit: 500 });
    expect(all.entries.length).toBe((await trailOf(a.id)).length);
    // Another company's filter finds nothing of A's.
    const b = await companyWithUser("Fremd");
    expect((await listAuditForEntity(b.id, "customers", id)).entries).toEqual([]);
  });
});
