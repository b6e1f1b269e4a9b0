import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { type CompanyContext, withCompany } from "@/db";
import { branches, phoneNumbers, retellAgents } from "@/db/schema";
import { type CappedCount, cappedOf } from "@/lib/data-table/count";
import { decodeCursor, encodeCursor } from "@/lib/data-table/cursor";
import { escapeLike } from "@/lib/data-table/in-memory";
import { idList, listStateBase } from "@/lib/data-table/state";
import { PHONE_NUMBER_SORTS, telephonyIdSchema } from "./schemas";

// Reads of the telephony section, all under withCompany (RLS keeps them to the company). A
// company has a handful of numbers and agents, so the list pages are plain offsets carried in
// the kit's opaque cursors. `branches` is the viewer's branch scope (lib/auth/permissions.ts
// branchScope): null = the whole company, else only numbers of those branches (and the agents
// answering them).


export const phoneNumberListStateSchema = z.object({
  ...listStateBase(PHONE_NUMBER_SORTS, "number.asc"),
  branch: idList(50),
});

export type PhoneNumberListInput = Partial<Record<keyof z.output<typeof phoneNumberListStateSchema>, unknown>>;

export type PhoneNumberRow = {
  id: string;
  e164: string;
  label: string | null;
  branchId: string;
  branchName: string;
  agentId: string | null;
  agentName: string | null;
  agentActive: boolean | null;
  isActive: boolean;
  createdAt: string;
};

export type PhoneNumberPage = { rows: PhoneNumberRow[]; nextCursor: string | null; prevCursor: string | null; total: CappedCount };

type Scope = { branches: string[] | null } & CompanyContext;

const offsetCursor = z.tuple([z.number().int().min(0).max(1_000_000)]);

function scopeWhere(scope: string[] | null): SQL | undefined {
  if (scope === null) return undefined;
  return scope.length > 0 ? inArray(phoneNumbers.branchId, scope) : sql`false`;
}

const rowColumns = {
  id: phoneNumbers.id,
  e164: phoneNumbers.e164,
  label: phoneNumbers.label,
  branchId: phoneNumbers.branchId,
  branchName: branches.name,
  agentId: phoneNumbers.retellAgentId,
  agentName: retellAgents.name,
  agentActive: retellAgents.isActive,
  isActive: phoneNumbers.isActive,
  createdAt: phoneNumbers.createdAt,
};

export async function listPhoneNumbers(companyId: string, input: PhoneNumberListInput, scope: Scope): Promise<PhoneNumberPage> {
  const state = phoneNumberListStateSchema.parse(input);
  const offset = (decodeCursor(state.after ?? state.before, offsetCursor) ?? [0])[0];
  const q = state.q.trim();
  const digits = q.replace(/[^\d+]/g, "");
  const where = and(
    eq(phoneNumbers.companyId, companyId),
    scopeWhere(scope.branches),
    state.branch.length > 0 ? inArray(phoneNumbers.branchId, state.branch) : undefined,
    q
      ? or(
          ilike(phoneNumbers.label, `%${escapeLike(q)}%`),
          digits.length >= 2 ? sql`${phoneNumbers.e164} like ${`%${escapeLike(digits.replace(/^0/, ""))}%`}` : undefined,
        )
      : undefined,
  );
  const order = {
    "number.asc": [asc(phoneNumbers.e164)],
    "number.desc": [desc(phoneNumbers.e164)],
    "created.desc": [desc(phoneNumbers.createdAt), desc(phoneNumbers.id)],
    "created.asc": [asc(phoneNumbers.createdAt), asc(phoneNumbers.id)],
  }[state.sort];

  const { rows, total } = await withCompany(
    companyId,
    async (tx) => {
      const rows = await tx
        .select(rowColumns)
        .from(phoneNumbers)
        .innerJoin(branches, and(eq(branches.companyId, phoneNumbers.companyId), eq(branches.id, phoneNumbers.branchId)))
        .leftJoin(retellAgents, and(eq(retellAgents.companyId, phoneNumbers.companyId), eq(retellAgents.id, phoneNumbers.retellAgentId)))
        .where(where)
        .orderBy(...order)
        .limit(state.size)
        .offset(offset);
      const [counted] = await tx.select({ value: count() }).from(phoneNumbers).where(where);
      return { rows, total: Number(counted?.value ?? 0) };
    },
    scope,
  );
  return {
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    nextCursor: offset + rows.length < total ? encodeCursor([offset + state.size]) : null,
    prevCursor: offset > 0 ? encodeCursor([Math.max(0, offset - state.size)]) : null,
    total: cappedOf(total),
  };
}

/** One number of the company (in the viewer's branches); null otherwise. */
export async function getPhoneNumber(companyId: string, id: string, scope: Scope): Promise<PhoneNumberRow | null> {
  if (!telephonyIdSchema.safeParse(id).success) return null;
  const [row] = await withCompany(
    companyId,
    (tx) =>
      tx
        .select(rowColumns)
        .from(phoneNumbers)
        .innerJoin(branches, and(eq(branches.companyId, phoneNumbers.companyId), eq(branches.id, phoneNumbers.branchId)))
        .leftJoin(retellAgents, and(eq(retellAgents.companyId, phoneNumbers.companyId), eq(retellAgents.id, phoneNumbers.retellAgentId)))
        .where(and(eq(phoneNumbers.companyId, companyId), eq(phoneNumbers.id, id), scopeWhere(scope.branches))),
    scope,
  );
  return row ? { ...row, createdAt: row.createdAt.toISOString() } : null;
}

export type AgentRow = {
  id: string;
  retellAgentId: string;
  name: string;
  language: "de" | "en";
  voiceId: string | null;
  isActive: boolean;
  numberCount: number;
};

/** The company's agents with how many numbers they answer; a branch-limited viewer sees those of its numbers. */
export async function listAgents(companyId: string, scope: Scope): Promise<AgentRow[]> {
  // Qualified by hand: drizzle writes a one-table select's columns unqualified, which inside the
  // subquery would name p's own columns.
  const numbers = sql<number>`(select count(*)::int from ${phoneNumbers} p
      where p.company_id = retell_agents.company_id and p.retell_agent_id = retell_agents.id
      ${scope.branches === null ? sql`` : scope.branches.length > 0 ? sql`and p.branch_id in ${scope.branches}` : sql`and false`})`;
  const rows = await withCompany(
    companyId,
    (tx) =>
      tx
        .select({
          id: retellAgents.id,
          retellAgentId: retellAgents.retellAgentId,
          name: retellAgents.name,
          language: retellAgents.language,
          voiceId: retellAgents.voiceId,
          isActive: retellAgents.isActive,
          numberCount: numbers,
        })
        .from(retellAgents)
        .where(eq(retellAgents.companyId, companyId))
        .orderBy(desc(retellAgents.isActive), asc(retellAgents.name), asc(retellAgents.id)),
    scope,
  );
  const mapped = rows.map((r) => ({ ...r, numberCount: Number(r.numberCount) }));
  return scope.branches === null ? mapped : mapped.filter((r) => r.numberCount > 0);
}

export async function getAgent(companyId: string, id: string, context: CompanyContext = {}): Promise<AgentRow | null> {
  if (!telephonyIdSchema.safeParse(id).success) return null;
  const agents = await listAgents(companyId, { ...context, branches: null });
  return agents.find((a) => a.id === id) ?? null;
}

export type TelephonyOptions = {
  branches: { id: string; name: string }[];
  agents: { id: string; name: string; retellAgentId: string; isActive: boolean }[];
};

/** What a number's form offers: the company's live branches and its agents. */
export async function getTelephonyOptions(companyId: string, context: CompanyContext = {}): Promise<TelephonyOptions> {
  return withCompany(
    companyId,
    async (tx) => ({
      branches: await tx
        .select({ id: branches.id, name: branches.name })
        .from(branches)
        .where(and(eq(branches.companyId, companyId), isNull(branches.deletedAt)))
        .orderBy(asc(branches.name), asc(branches.id)),
      agents: await tx
        .select({ id: retellAgents.id, name: retellAgents.name, retellAgentId: retellAgents.retellAgentId, isActive: retellAgents.isActive })
        .from(retellAgents)
        .where(eq(retellAgents.companyId, companyId))
        .orderBy(desc(retellAgents.isActive), asc(retellAgents.name), asc(retellAgents.id)),
    }),
    context,
  );
}
