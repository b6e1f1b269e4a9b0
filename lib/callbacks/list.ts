import "server-only";
import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, type Tx, withCompany } from "@/db";
import { branches, callbackPriority, callbackRequests, callbackStatus, users } from "@/db/schema";
import { branchScopedRoles, can } from "@/lib/auth/permissions";
import { userBranches } from "@/db/schema/users";
import { FieldDecryptionError } from "@/lib/crypto/field-encryption";
import { normalizePhone } from "@/lib/customers/normalize";
import { type CappedCount, countCapped } from "@/lib/data-table/count";
import { cursorId, decodeCursor, encodeCursor, EXACT_TIMESTAMP_FORMAT, exactTimestampText } from "@/lib/data-table/cursor";
import { type KeysetPage, keysetPage, type KeysetRequest, seek, type SortDirection, walkDirection } from "@/lib/data-table/keyset";
import { enumList, idList, listStateBase } from "@/lib/data-table/state";
import { openCallbackPhone } from "./protect";
import { OPEN_CALLBACK_STATUSES } from "./status";
import { phoneBlindIndex } from "@/lib/customers/protect";

// The callbacks list (/callbacks): keyset pages over (due_at, id), soonest due first by default,
// a capped count, filters by status, priority, assignee, branch and "overdue" (still open work
// past its due time), a search by name prefix or exact number (blind index). Within the viewer's
// branches; the numbers are decrypted for the rows shown only.

export const CALLBACK_SORTS = ["due.asc", "due.desc"] as const;
export type CallbackSort = (typeof CALLBACK_SORTS)[number];
export const CALLBACK_STATUSES = callbackStatus.enumValues;
export const CALLBACK_PRIORITY_VALUES = callbackPriority.enumValues;
const MAX_FILTER_IDS = 50;

export const callbackListStateSchema = z.object({
  ...listStateBase(CALLBACK_SORTS, "due.asc"),
  status: enumList(CALLBACK_STATUSES),
  priority: enumList(CALLBACK_PRIORITY_VALUES),
  assignee: idList(MAX_FILTER_IDS),
  branch: idList(MAX_FILTER_IDS),
  overdue: enumList(["yes"] as const),
});
export type CallbackListState = z.output<typeof callbackListStateSchema>;

export type CallbackListRow = {
  id: string;
  dueAt: string;
  createdAt: string;
  status: (typeof CALLBACK_STATUSES)[number];
  priority: (typeof CALLBACK_PRIORITY_VALUES)[number];
  name: string | null;
  /** null when it does not decrypt (a lost key) or was erased (GDPR erasure of the caller). */
  phone: string | null;
  reason: string | null;
  branchId: string;
  branchName: string;
  branchTimeZone: string;
  assigneeId: string | null;
  assigneeName: string | null;
  callId: string | null;
  overdue: boolean;
};

export type CallbackListPage = KeysetPage<CallbackListRow> & { total: CappedCount };
export type ListCallbacksOptions = CompanyContext & { branchIds: readonly string[] | null; now?: Date };

const likePrefix = (token: string) => `${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const openStatuses = [...OPEN_CALLBACK_STATUSES];

function filterConditions(companyId: string, state: CallbackListState, options: ListCallbacksOptions, now: Date): SQL[] {
  const multi = <T extends string>(column: Parameters<typeof inArray>[0], values: readonly T[]) => (values.length > 0 ? inArray(column, [...values]) : undefined);
  const phone = state.q ? normalizePhone(state.q) : null;
  const conditions: (SQL | undefined)[] = [
    eq(callbackRequests.companyId, companyId),
    isNull(callbackRequests.deletedAt),
    options.branchIds === null ? undefined : options.branchIds.length > 0 ? inArray(callbackRequests.branchId, [...options.branchIds]) : sql`false`,
    multi(callbackRequests.status, state.status),
    multi(callbackRequests.priority, state.priority),
    multi(callbackRequests.assignedToUserId, state.assignee),
    multi(callbackRequests.branchId, state.branch),
    state.overdue.length > 0 ? and(inArray(callbackRequests.status, openStatuses), lt(callbackRequests.dueAt, now)) : undefined,
    state.q
      ? phone
        ? eq(callbackRequests.phoneBlindIndex, phoneBlindIndex(phone))
        : sql`${callbackRequests.name} ilike ${likePrefix(state.q)}`
      : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

const dueCursor = z.tuple([exactTimestampText, cursorId]);
const exactDueAt = sql<string>`to_char(${callbackRequests.dueAt} at time zone 'UTC', ${sql.raw(`'${EXACT_TIMESTAMP_FORMAT}'`)})`;

function seekCondition(raw: string, walk: SortDirection): SQL | null {
  const cursor = decodeCursor(raw, dueCursor);
  return cursor ? seek([sql`${callbackRequests.dueAt}`, sql`${callbackRequests.id}`], [sql`${cursor[0]}::timestamptz`, sql`${cursor[1]}::uuid`], walk) : null;
}

async function fetchRows(tx: Tx, where: SQL[], walk: SortDirection, limit: number) {
  const dir = walk === "asc" ? asc : desc;
  return tx
    .select({
      id: callbackRequests.id,
      companyId: callbackRequests.companyId,
      dueAt: callbackRequests.dueAt,
      exactDueAt,
      createdAt: callbackRequests.createdAt,
      status: callbackRequests.status,
      priority: callbackRequests.priority,
      name: callbackRequests.name,
      phoneCiphertext: callbackRequests.phoneCiphertext,
      reason: callbackRequests.reason,
      branchId: callbackRequests.branchId,
      branchName: branches.name,
      branchTimeZone: branches.timeZone,
      assigneeId: callbackRequests.assignedToUserId,
      assigneeName: users.name,
      callId: callbackRequests.callId,
    })
    .from(callbackRequests)
    .innerJoin(branches, and(eq(branches.companyId, callbackRequests.companyId), eq(branches.id, callbackRequests.branchId)))
    .leftJoin(users, and(eq(users.companyId, callbackRequests.companyId), eq(users.id, callbackRequests.assignedToUserId)))
    .where(and(...where))
    .orderBy(dir(callbackRequests.dueAt), dir(callbackRequests.id))
    .limit(limit);
}

type FetchedRow = Awaited<ReturnType<typeof fetchRows>>[number];

function toListRow(row: FetchedRow, now: Date): CallbackListRow {
  let phone: string | null = null;
  try {
    // An erased callback holds "" (lib/customers/voice-data.ts): no number.
    phone = openCallbackPhone(row) || null;
  } catch (error) {
    if (!(error instanceof FieldDecryptionError)) throw error;
  }
  return {
    id: row.id,
    dueAt: row.dueAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    status: row.status,
    priority: row.priority,
    name: row.name,
    phone,
    reason: row.reason,
    branchId: row.branchId,
    branchName: row.branchName,
    branchTimeZone: row.branchTimeZone,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    callId: row.callId,
    overdue: (openStatuses as string[]).includes(row.status) && row.dueAt.getTime() < now.getTime(),
  };
}

function keysetRequest(state: CallbackListState, direction: SortDirection): KeysetRequest<string> {
  if (state.after && seekCondition(state.after, direction)) return { mode: "after", cursor: state.after };
  if (state.before && seekCondition(state.before, direction)) return { mode: "before", cursor: state.before };
  return { mode: "first" };
}

export async function listCallbacks(companyId: string, input: unknown, options: ListCallbacksOptions): Promise<CallbackListPage> {
  const state = callbackListStateSchema.parse(input ?? {});
  const now = options.now ?? new Date();
  const direction: SortDirection = state.sort === "due.desc" ? "desc" : "asc";
  const request = keysetRequest(state, direction);
  const walk = walkDirection(request, direction);
  const where = filterConditions(companyId, state, options, now);
  const seekWhere = request.mode === "first" ? [] : [seekCondition(request.cursor, walk)!];
  return withCompany(
    companyId,
    async (tx) => {
      const fetched = await fetchRows(tx, [...where, ...seekWhere], walk, state.size + 1);
      const total = await countCapped(tx, callbackRequests, and(...where));
      const page = keysetPage(fetched, state.size, request, (row) => encodeCursor([row.exactDueAt, row.id]));
      return { ...page, rows: page.rows.map((row) => toListRow(row, now)), total };
    },
    options,
  );
}

export type CallbackFacets = {
  branches: { id: string; name: string }[];
  /** Users a callback may be assigned to, with the branches they can take (null = any). */
  assignees: { id: string; name: string; branchIds: string[] | null }[];
};

/** The filter and assignment choices: the viewer's branches and the company's users who can see callbacks. */
export async function callbackFacets(companyId: string, options: ListCallbacksOptions): Promise<CallbackFacets> {
  const scope = options.branchIds;
  if (scope !== null && scope.length === 0) return { branches: [], assignees: [] };
  return withCompany(
    companyId,
    async (tx) => {
      const branchRows = await tx
        .select({ id: branches.id, name: branches.name })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), isNull(branches.deletedAt), scope ? inArray(branches.id, [...scope]) : undefined))
        .orderBy(asc(branches.name), asc(branches.id));
      const userRows = await tx
        .select({ id: users.id, name: users.name, role: users.role })
        .from(users)
        .where(and(eq(users.companyId, companyId), eq(users.isActive, true)))
        .orderBy(asc(users.name), asc(users.id));
      const memberships = await tx.select({ userId: userBranches.userId, branchId: userBranches.branchId }).from(userBranches).where(eq(userBranches.companyId, companyId));
      const assignees = userRows
        .filter((u) => can(u.role, "callbacks:read"))
        .map((u) => ({
          id: u.id,
          name: u.name,
          branchIds: branchScopedRoles.has(u.role) ? memberships.filter((m) => m.userId === u.id).map((m) => m.branchId) : null,
        }))
        .filter((u) => u.branchIds === null || scope === null || u.branchIds.some((b) => scope.includes(b)));
      return { branches: branchRows, assignees };
    },
    options,
  );
}
