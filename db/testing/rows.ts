import { randomInt, randomUUID } from "node:crypto";
import { and, eq, getTableColumns, is, sql, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { asRuntime, runtimeDatabase, type Tx, withCompany } from "@/db";
import { insertWebhookEvent } from "@/db/platform";
import { authenticateApiToken } from "@/db/platform-api";
import * as schema from "@/db/schema";
import { newId } from "@/db/schema/_columns";
// Test support only (imported by *.test.ts, never by the app): customers are stored the way the
// app stores them, so it uses the app's sealing (design.md §2 keeps lib/ out of production db/ code;
// the seed gets the same function passed in instead).
import { sealCustomerFields } from "@/lib/customers/protect";
import { blindIndex, encryptField } from "@/lib/crypto/field-encryption";
import { ownerHandle } from "./fixtures";

// One row factory per table with a company_id column, for the isolation matrix in
// db/tenancy.test.ts (which walks the catalog, so a new company table without a factory here
// fails it). A factory builds a valid row of one company: what the row refers to (branch,
// staff, service, customer, …) is created first in the same company, through withCompany on
// the runtime role, exactly as the app would. Every call makes fresh keys and unique values.

type Refs = Record<string, string>;

export type RowFactory<T extends PgTable = PgTable> = {
  table: T;
  /** Rows outside any company the new row needs (global tables): made as the owner. */
  globals?: () => Promise<Refs>;
  /** Rows of the same company the new row refers to: made inside withCompany(companyId). */
  refs?: (tx: Tx, companyId: string) => Promise<Refs>;
  /** A fresh, valid row of companyId (not inserted). */
  values: (companyId: string, refs: Refs) => T["$inferInsert"];
  /** A change that an update may make to any such row (company_id untouched). */
  patch: Partial<T["$inferInsert"]>;
};

const factory = <T extends PgTable>(f: RowFactory<T>) => f as unknown as RowFactory;

const tag = () => randomUUID().slice(0, 8);
const ref = (refs: Refs, name: string) => {
  const value = refs[name];
  if (!value) throw new Error(`row factory: missing reference "${name}"`);
  return value;
};

// --- the rows other rows refer to -----------------------------------------------------------

export async function insertBranch(tx: Tx, companyId: string) {
  const id = newId();
  await tx.insert(schema.branches).values({ id, companyId, name: `Filiale ${tag()}`, timeZone: "Europe/Berlin" });
  return id;
}

export async function insertStaff(tx: Tx, companyId: string, branchId: string) {
  const id = newId();
  await tx
    .insert(schema.staff)
    .values({ id, companyId, branchId, firstName: "Mia", lastName: `Muster ${tag()}`, displayName: "Mia M." });
  return id;
}

/** Working hours around the clock, every day, at a branch: for tests about other booking rules. */
export async function insertAlwaysWorking(tx: Tx, companyId: string, staffId: string, branchId: string) {
  await tx
    .insert(schema.workingHours)
    .values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ companyId, staffId, branchId, weekday, startTime: "00:00", endTime: "24:00" })));
}

export async function insertService(tx: Tx, companyId: string) {
  const id = newId();
  await tx
    .insert(schema.services)
    .values({ id, companyId, name: `Haarschnitt ${tag()}`, durationMinutes: 30, priceCents: 3500 });
  return id;
}

export async function insertCustomer(tx: Tx, companyId: string) {
  const id = newId();
  await tx.insert(schema.customers).values({ id, companyId, firstName: "Jonas", lastName: `Kunde ${tag()}` });
  return id;
}

export async function insertRetellAgent(tx: Tx, companyId: string) {
  const id = newId();
  await tx.insert(schema.retellAgents).values({ id, companyId, retellAgentId: `agent_${tag()}${tag()}`, name: "Empfang" });
  return id;
}

export async function insertCall(tx: Tx, companyId: string, branchId?: string) {
  const id = newId();
  await tx.insert(schema.calls).values({
    id,
    companyId,
    branchId: branchId ?? (await insertBranch(tx, companyId)),
    retellCallId: `call_${tag()}${tag()}`,
    status: "ended",
    fromNumber: testPhoneNumber(),
    startedAt: new Date(),
    durationMs: 61_000,
  });
  return id;
}

async function appointmentRefs(tx: Tx, companyId: string): Promise<Refs> {
  const branchId = await insertBranch(tx, companyId);
  return {
    branchId,
    staffId: await insertStaff(tx, companyId, branchId),
    serviceId: await insertService(tx, companyId),
    customerId: await insertCustomer(tx, companyId),
  };
}

function appointmentValues(companyId: string, refs: Refs) {
  const startsAt = new Date(Date.UTC(2031, 0, 6, 9, randomInt(0, 50)));
  return {
    id: newId(),
    companyId,
    branchId: ref(refs, "branchId"),
    staffId: ref(refs, "staffId"),
    serviceId: ref(refs, "serviceId"),
    customerId: ref(refs, "customerId"),
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    source: "admin" as const,
    priceCents: 3500,
  };
}

/** A fresh E.164 number (+49 30 …): unique across companies by construction of the test. */
export const testPhoneNumber = () => `+4930${String(randomInt(0, 1e9)).padStart(9, "0")}${randomInt(0, 10)}`;

// --- one factory per company table, keyed by the SQL table name ------------------------------

function apiTokenValues(companyId: string) {
  const hash = `${tag()}${tag()}${tag()}${tag()}${tag()}${tag()}${tag()}${tag()}`;
  return {
    id: newId(),
    companyId,
    name: `Token ${tag()}`,
    scopes: ["appointments:read"],
    tokenPrefix: `apk_${hash.slice(0, 8)}`,
    tokenHash: hash,
  };
}

export const rowFactories: Record<string, RowFactory> = {
  branches: factory({
    table: schema.branches,
    values: (companyId) => ({ id: newId(), companyId, name: `Filiale ${tag()}`, timeZone: "Europe/Berlin" }),
    patch: { name: "Geändert" },
  }),
  users: factory({
    table: schema.users,
    values: (companyId) => ({
      id: newId(),
      companyId,
      email: `user-${tag()}${tag()}@example.test`,
      name: "Nutzer",
      passwordHash: "$argon2id$not-a-real-hash",
      role: "company_admin" as const,
    }),
    patch: { name: "Geändert" },
  }),
  staff: factory({
    table: schema.staff,
    refs: async (tx, companyId) => ({ branchId: await insertBranch(tx, companyId) }),
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      branchId: ref(refs, "branchId"),
      firstName: "Lea",
      lastName: `Beispiel ${tag()}`,
      displayName: "Lea B.",
    }),
    patch: { displayName: "Geändert" },
  }),
  user_branches: factory({
    table: schema.userBranches,
    refs: async (tx, companyId) => {
      const userId = newId();
      await tx.insert(schema.users).values({
        id: userId,
        companyId,
        email: `filiale-${tag()}${tag()}@example.test`,
        name: "Filialleitung",
        passwordHash: "$argon2id$not-a-real-hash",
        role: "branch_manager",
      });
      return { userId, branchId: await insertBranch(tx, companyId) };
    },
    values: (companyId, refs) => ({ companyId, userId: ref(refs, "userId"), branchId: ref(refs, "branchId") }),
    patch: { createdAt: new Date("2001-02-03T04:05:06Z") },
  }),
  staff_branches: factory({
    table: schema.staffBranches,
    refs: async (tx, companyId) => {
      const branchId = await insertBranch(tx, companyId);
      return { branchId, staffId: await insertStaff(tx, companyId, branchId) };
    },
    values: (companyId, refs) => ({ companyId, staffId: ref(refs, "staffId"), branchId: ref(refs, "branchId") }),
    patch: { createdAt: new Date("2001-02-03T04:05:06Z") },
  }),
  working_hours: factory({
    table: schema.workingHours,
    refs: async (tx, companyId) => {
      const branchId = await insertBranch(tx, companyId);
      return { branchId, staffId: await insertStaff(tx, companyId, branchId) };
    },
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      staffId: ref(refs, "staffId"),
      branchId: ref(refs, "branchId"),
      weekday: 1,
      startTime: "09:00",
      endTime: "17:00",
      breaks: [{ start: "12:00", end: "12:30" }],
    }),
    patch: { endTime: "18:00" },
  }),
  staff_absences: factory({
    table: schema.staffAbsences,
    refs: async (tx, companyId) => ({ staffId: await insertStaff(tx, companyId, await insertBranch(tx, companyId)) }),
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      staffId: ref(refs, "staffId"),
      kind: "vacation" as const,
      startsAt: new Date("2031-07-01T00:00:00Z"),
      endsAt: new Date("2031-07-15T00:00:00Z"),
    }),
    patch: { note: "Geändert" },
  }),
  service_categories: factory({
    table: schema.serviceCategories,
    values: (companyId) => ({ id: newId(), companyId, name: `Kategorie ${tag()}` }),
    patch: { name: "Geändert" },
  }),
  services: factory({
    table: schema.services,
    refs: async (tx, companyId) => ({ branchId: await insertBranch(tx, companyId) }),
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      branchId: ref(refs, "branchId"),
      name: `Färben ${tag()}`,
      durationMinutes: 90,
      bufferAfterMinutes: 10,
      priceCents: 8900,
    }),
    patch: { name: "Geändert" },
  }),
  staff_services: factory({
    table: schema.staffServices,
    refs: async (tx, companyId) => ({
      staffId: await insertStaff(tx, companyId, await insertBranch(tx, companyId)),
      serviceId: await insertService(tx, companyId),
    }),
    values: (companyId, refs) => ({
      companyId,
      staffId: ref(refs, "staffId"),
      serviceId: ref(refs, "serviceId"),
      durationMinutes: 45,
      priceCents: 4200,
    }),
    patch: { priceCents: 1 },
  }),
  customers: factory({
    table: schema.customers,
    values: (companyId) => ({
      id: newId(),
      companyId,
      firstName: "Sophie",
      lastName: `Schulz ${tag()}`,
      ...sealCustomerFields(companyId, { phone: testPhoneNumber(), email: `kunde-${tag()}@example.test`, notes: "Stammkundin" }),
    }),
    patch: { firstName: "Geändert" },
  }),
  appointments: factory({
    table: schema.appointments,
    refs: appointmentRefs,
    values: appointmentValues,
    patch: { notes: "Geändert" },
  }),
  appointment_notes: factory({
    table: schema.appointmentNotes,
    refs: async (tx, companyId) => {
      const appointment = appointmentValues(companyId, await appointmentRefs(tx, companyId));
      await tx.insert(schema.appointments).values(appointment);
      return { appointmentId: appointment.id };
    },
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      appointmentId: ref(refs, "appointmentId"),
      body: "Kundin wünscht Rückruf.",
    }),
    patch: { body: "Geändert" },
  }),
  retell_agents: factory({
    table: schema.retellAgents,
    values: (companyId) => ({ id: newId(), companyId, retellAgentId: `agent_${tag()}${tag()}`, name: "Empfang" }),
    patch: { name: "Geändert" },
  }),
  phone_numbers: factory({
    table: schema.phoneNumbers,
    refs: async (tx, companyId) => ({
      branchId: await insertBranch(tx, companyId),
      agentId: await insertRetellAgent(tx, companyId),
    }),
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      branchId: ref(refs, "branchId"),
      retellAgentId: ref(refs, "agentId"),
      e164: testPhoneNumber(),
    }),
    patch: { label: "Geändert" },
  }),
  branch_closures: factory({
    table: schema.branchClosures,
    refs: async (tx, companyId) => ({ branchId: await insertBranch(tx, companyId) }),
    values: (companyId, refs) => ({ id: newId(), companyId, branchId: ref(refs, "branchId"), date: "2026-12-24", reason: "Heiligabend" }),
    patch: { reason: "Geändert" },
  }),
  user_invitations: factory({
    table: schema.userInvitations,
    values: (companyId) => ({
      id: newId(),
      companyId,
      email: `invite-${tag()}@example.test`,
      role: "staff" as const,
      tokenHash: `${tag()}${tag()}${tag()}${tag()}`,
      expiresAt: new Date(Date.now() + 72 * 3_600_000),
    }),
    patch: { role: "viewer" as const },
  }),
  api_tokens: factory({
    table: schema.apiTokens,
    values: apiTokenValues,
    patch: { name: "Geändert" },
  }),
  calls: factory({
    table: schema.calls,
    refs: async (tx, companyId) => ({ branchId: await insertBranch(tx, companyId) }),
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      branchId: ref(refs, "branchId"),
      retellCallId: `call_${tag()}${tag()}`,
      status: "ended" as const,
      fromNumber: testPhoneNumber(),
      startedAt: new Date(),
      durationMs: 61_000,
    }),
    patch: { summary: "Geändert" },
  }),
  call_transcripts: factory({
    table: schema.callTranscripts,
    refs: async (tx, companyId) => ({ callId: await insertCall(tx, companyId) }),
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      callId: ref(refs, "callId"),
      turnsCiphertext: encryptField(JSON.stringify([{ role: "user", content: "Hallo", startMs: 0, endMs: 500 }]), {
        companyId,
        column: "turns_ciphertext",
      }),
      turnCount: 1,
    }),
    patch: { turnCount: 2 },
  }),
  function_traces: factory({
    table: schema.functionTraces,
    refs: async (tx, companyId) => ({ callId: await insertCall(tx, companyId) }),
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      callId: ref(refs, "callId"),
      toolName: "check_availability",
      rawName: "check_availability_v17",
      arguments: { date: "morgen" },
      result: { available: true },
      outcome: "ok" as const,
      latencyMs: 42,
    }),
    patch: { latencyMs: 43 },
  }),
  service_usage_logs: factory({
    table: schema.serviceUsageLogs,
    refs: async (tx, companyId) => ({ callId: await insertCall(tx, companyId) }),
    values: (companyId, refs) => ({
      id: newId(),
      companyId,
      callId: ref(refs, "callId"),
      durationMs: 61_000,
      billableSeconds: 61,
      occurredAt: new Date(),
    }),
    patch: { billableSeconds: 120, unit: "minute" as const },
  }),
  callback_requests: factory({
    table: schema.callbackRequests,
    refs: async (tx, companyId) => {
      const branchId = await insertBranch(tx, companyId);
      return { branchId, callId: await insertCall(tx, companyId, branchId), customerId: await insertCustomer(tx, companyId) };
    },
    values: (companyId, refs) => {
      const phone = testPhoneNumber();
      return {
        id: newId(),
        companyId,
        branchId: ref(refs, "branchId"),
        callId: ref(refs, "callId"),
        customerId: ref(refs, "customerId"),
        phoneCiphertext: encryptField(phone, { companyId, column: "phone_ciphertext" }),
        phoneBlindIndex: blindIndex("phone", phone),
        name: "Jonas Kunde",
        reason: "Möchte den Termin verschieben",
        priority: "high" as const,
        dueAt: new Date(Date.now() + 3_600_000),
      };
    },
    patch: { priority: "urgent" as const },
  }),
  tool_invocations: factory({
    table: schema.toolInvocations,
    values: (companyId) => ({
      id: newId(),
      companyId,
      retellCallId: `call_${tag()}${tag()}`,
      tool: "book_appointment",
      argsHash: `${tag()}${tag()}${tag()}${tag()}${tag()}${tag()}${tag()}${tag()}`,
      response: { ok: true, message: "Gebucht." },
      completedAt: new Date(),
    }),
    patch: { completedAt: new Date("2001-02-03T04:05:06Z") },
  }),
  slot_holds: factory({
    table: schema.slotHolds,
    refs: async (tx, companyId) => {
      const branchId = await insertBranch(tx, companyId);
      return { branchId, staffId: await insertStaff(tx, companyId, branchId), serviceId: await insertService(tx, companyId) };
    },
    values: (companyId, refs) => {
      const startsAt = new Date(Date.UTC(2031, 0, 6, 9, randomInt(0, 50)));
      return {
        id: newId(),
        companyId,
        retellCallId: `call_${tag()}${tag()}`,
        branchId: ref(refs, "branchId"),
        staffId: ref(refs, "staffId"),
        serviceId: ref(refs, "serviceId"),
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        expiresAt: new Date(Date.now() + 120_000),
      };
    },
    patch: { expiresAt: new Date("2001-02-03T04:05:06Z") },
  }),
  feature_flag_overrides: factory({
    table: schema.featureFlagOverrides,
    globals: async () => ({ flagKey: await createTestFeatureFlag() }),
    values: (companyId, refs) => ({ companyId, flagKey: ref(refs, "flagKey"), enabled: true }),
    patch: { enabled: false },
  }),
};

// --- company tables the runtime role may only read --------------------------------------------
// The system writes their rows, never the app: security_events through the SECURITY DEFINER
// function app_record_security_event, audit_log through the audit trigger as a side effect of a
// change (drizzle/0004_audit_trail.sql). The runtime role has SELECT only, so their isolation
// matrix creates company A's row the way the system does and proves that company B can neither
// see it nor insert, update or delete anything (42501).

export type ReadOnlyRowFactory<T extends PgTable = PgTable> = {
  table: T;
  /** Makes a row of companyId the way the system does; returns it as selected by that company. */
  create: (companyId: string) => Promise<Row>;
  /** A well-formed row of companyId, for the insert the runtime role must be refused. */
  values: (companyId: string) => T["$inferInsert"];
  /** A change an update might try (refused whatever it aims at). */
  patch: Partial<T["$inferInsert"]>;
};

const readOnlyFactory = <T extends PgTable>(f: ReadOnlyRowFactory<T>) => f as unknown as ReadOnlyRowFactory;
const ZERO_HASH = "0".repeat(64);

export const readOnlyRowFactories: Record<string, ReadOnlyRowFactory> = {
  security_events: readOnlyFactory({
    table: schema.securityEvents,
    create: async (companyId) => {
      const id = newId();
      const handle = await runtimeDatabase();
      await asRuntime(handle, (db) =>
        db.execute(sql`select app_record_security_event(${id}::uuid, ${companyId}::uuid, null, 'test.isolation',
                                                        '192.0.2.1'::inet, 'vitest', '{"matrix": true}'::jsonb)`),
      );
      const [row] = await withCompany(companyId, (tx) =>
        tx.select().from(schema.securityEvents).where(eq(schema.securityEvents.id, id)),
      );
      if (!row) throw new Error("security_events: app_record_security_event wrote no row");
      return row;
    },
    values: (companyId) => ({ id: newId(), companyId, type: "test.forged", details: {} }),
    patch: { type: "test.changed" },
  }),
  audit_log: readOnlyFactory({
    table: schema.auditLog,
    create: async (companyId) => {
      const customerId = await withCompany(companyId, (tx) => insertCustomer(tx, companyId));
      const [row] = await withCompany(companyId, (tx) =>
        tx
          .select()
          .from(schema.auditLog)
          .where(and(eq(schema.auditLog.tableName, "customers"), eq(schema.auditLog.rowId, customerId))),
      );
      if (!row) throw new Error("audit_log: the audit trigger wrote no row for a new customer");
      return row;
    },
    values: (companyId) => ({
      companyId,
      seq: 1_000_000_000,
      tableName: "customers",
      rowId: newId(),
      action: "insert",
      newValues: { forged: true },
      prevHash: ZERO_HASH,
      hash: ZERO_HASH,
    }),
    patch: { newValues: { forged: true } },
  }),
  api_token_usage: readOnlyFactory({
    table: schema.apiTokenUsage,
    create: async (companyId) => {
      const token = apiTokenValues(companyId);
      await withCompany(companyId, (tx) => tx.insert(schema.apiTokens).values(token));
      // Written the way the system writes it: by the token-authenticating platform function.
      const used = await authenticateApiToken({ tokenHash: token.tokenHash, ip: null, limit: 1000 });
      if (used?.state !== "ok") throw new Error("api_token_usage: the token was not authenticated");
      const [row] = await withCompany(companyId, (tx) =>
        tx.select().from(schema.apiTokenUsage).where(eq(schema.apiTokenUsage.tokenId, token.id)),
      );
      if (!row) throw new Error("api_token_usage: no row");
      return row;
    },
    values: (companyId) => ({ tokenId: newId(), companyId, windowCount: 1 }),
    patch: { windowCount: 0 },
  }),
  webhook_events: readOnlyFactory({
    table: schema.webhookEvents,
    create: async (companyId) => {
      // Written the way the system writes it: the inbox function, with the company resolved.
      const { id } = await insertWebhookEvent({
        provider: "retell",
        eventType: "call_ended",
        providerEventId: `call_ended:call_${tag()}${tag()}`,
        payload: { event: "call_ended", call: { call_id: "x" } },
        companyId,
      });
      const [row] = await withCompany(companyId, (tx) =>
        tx.select().from(schema.webhookEvents).where(eq(schema.webhookEvents.id, id)),
      );
      if (!row) throw new Error("webhook_events: app_webhook_event_insert wrote no row");
      return row;
    },
    values: (companyId) => ({
      id: newId(),
      provider: "retell" as const,
      eventType: "call_ended",
      providerEventId: `forged-${tag()}`,
      companyId,
      payload: {},
      receivedAt: new Date(),
    }),
    patch: { status: "processed" as const },
  }),
};

export function readOnlyRowFactoryFor(tableName: string): ReadOnlyRowFactory | undefined {
  return readOnlyRowFactories[tableName];
}

/** A global flag definition (the runtime role may only read feature_flags): made as the owner. */
export async function createTestFeatureFlag() {
  const key = `test.flag_${tag()}`;
  const owner = await ownerHandle();
  await owner.sql.query("insert into feature_flags (key, description) values ($1, 'test')", [key]);
  return key;
}

// --- generic access by table ------------------------------------------------------------------

/** Every pgTable exported by db/schema, by SQL name. */
export const schemaTables: Map<string, PgTable> = new Map(
  Object.values(schema as Record<string, unknown>)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => [getTableConfig(table).name, table]),
);

export function rowFactoryFor(tableName: string): RowFactory {
  const f = rowFactories[tableName];
  if (!f) {
    throw new Error(
      `No row factory for table "${tableName}": add a row factory for table ${tableName} in db/testing/rows.ts ` +
        `so the isolation matrix can prove company B cannot reach company A's rows in it ` +
        `(a table only the system writes gets a read-only factory in readOnlyRowFactories instead).`,
    );
  }
  return f;
}

export type Row = Record<string, unknown>;

/**
 * Makes everything a fresh row of tableName needs in companyId and returns the row's values,
 * not inserted (the isolation matrix inserts them as another company to see it refused).
 */
export async function prepareRow(tableName: string, companyId: string): Promise<Row> {
  const f = rowFactoryFor(tableName);
  const globals = f.globals ? await f.globals() : {};
  const refs = f.refs ? await withCompany(companyId, (tx) => f.refs!(tx, companyId)) : {};
  return f.values(companyId, { ...globals, ...refs }) as Row;
}

/** Creates a row of tableName in companyId through withCompany; returns its values. */
export async function createRow(tableName: string, companyId: string): Promise<Row> {
  const values = await prepareRow(tableName, companyId);
  const table = rowFactoryFor(tableName).table;
  await withCompany(companyId, (tx) => tx.insert(table).values(values as never));
  return values;
}

/** The primary-key columns of a table, by property name. */
export function primaryKeyOf(table: PgTable): [string, PgColumn][] {
  // The composite key's columns are copies of the table's: match them by name.
  const composite = new Set((getTableConfig(table).primaryKeys[0]?.columns ?? []).map((column) => column.name));
  return Object.entries(getTableColumns(table)).filter(([, column]) => column.primary || composite.has(column.name));
}

/** `where` matching one row by its primary key. */
export function whereKey(table: PgTable, row: Row): SQL {
  const key = primaryKeyOf(table);
  if (key.length === 0) throw new Error(`table ${getTableConfig(table).name} has no primary key`);
  return and(...key.map(([name, column]) => eq(column, row[name])))!;
}
