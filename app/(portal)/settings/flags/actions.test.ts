import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { auditLog, featureFlagOverrides, featureFlags } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany, ownerHandle } from "@/db/testing/fixtures";
import { formOf, sessionOf, userIn } from "../actions-testing";
import type { FlagActionState } from "./actions";

// The flags page's actions with a stubbed auth() and next/headers (see ../actions-testing.ts):
// the company's override is written as the acting company, with the actor and request id from
// lib/forms/actor.ts in its audit entry; bad input comes back as codes.

const state = vi.hoisted(() => ({ session: null as null | Record<string, unknown>, headers: new Headers() }));

vi.mock("@/lib/auth/index", () => ({ auth: async () => state.session }));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  forbidden: () => {
    throw new Error("NEXT_FORBIDDEN");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { saveDefinitionAction, setOverrideAction } = await import("./actions");

const idle: FlagActionState = { ok: true, message: null, fieldErrors: {} };

async function defineFlag() {
  const key = `test.action_${newId().slice(-12).replace(/-/g, "")}`;
  await (await ownerHandle()).db.insert(featureFlags).values({ key, description: "Test", defaultEnabled: false, rolloutPercentage: 0 });
  return key;
}

const overridesOf = (companyId: string, flagKey: string) =>
  withCompany(companyId, (tx) =>
    tx.select().from(featureFlagOverrides).where(and(eq(featureFlagOverrides.companyId, companyId), eq(featureFlagOverrides.flagKey, flagKey))),
  );

beforeEach(() => {
  state.session = null;
  state.headers = new Headers({ "x-request-id": "req-flags-1" });
});

describe("flag actions", () => {
  it("sets the acting company's override with the actor and request id in the audit trail", async () => {
    const company = await createTestCompany("Flaggen-A");
    const admin = await userIn(company.id, "company_admin");
    const key = await defineFlag();
    state.session = await sessionOf(admin);

    expect(await setOverrideAction(idle, formOf([["flagKey", key], ["value", "on"]]))).toEqual({ ok: true, message: "overrideSaved", fieldErrors: {} });
    expect(await overridesOf(company.id, key)).toMatchObject([{ enabled: true }]);
    const trail = await withCompany(company.id, (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.companyId, company.id), eq(auditLog.tableName, "feature_flag_overrides"))),
    );
    expect(trail.map((entry) => [entry.action, entry.actorUserId, entry.requestId])).toEqual([["insert", admin, "req-flags-1"]]);
  });

  it("company B's override leaves company A's flag alone", async () => {
    const a = await createTestCompany("Flaggen-B1");
    const b = await createTestCompany("Flaggen-B2");
    const adminA = await userIn(a.id, "company_admin");
    const adminB = await userIn(b.id, "company_admin");
    const key = await defineFlag();
    state.session = await sessionOf(adminA);
    await setOverrideAction(idle, formOf([["flagKey", key], ["value", "on"]]));

    state.session = await sessionOf(adminB);
    expect(await setOverrideAction(idle, formOf([["flagKey", key], ["value", "off"]]))).toMatchObject({ ok: true });
    expect(await overridesOf(a.id, key)).toMatchObject([{ enabled: true }]);
    expect(await overridesOf(b.id, key)).toMatchObject([{ enabled: false }]);
  });

  it("answers bad input with codes and a missing permission with 403", async () => {
    const company = await createTestCompany("Flaggen-C");
    const admin = await userIn(company.id, "company_admin");
    state.session = await sessionOf(admin);
    expect(await setOverrideAction(idle, formOf([["flagKey", "Kein Schlüssel"], ["value", "vielleicht"]]))).toEqual({
      ok: false,
      message: "invalid",
      fieldErrors: { flagKey: "pattern", value: "required" },
    });
    // Defining flags is the platform's: a company admin is refused before any input is read.
    await expect(saveDefinitionAction(idle, formOf([["mode", "create"], ["key", "x.y"]]))).rejects.toThrow("NEXT_FORBIDDEN");

    state.session = await sessionOf(await userIn(company.id, "viewer"));
    await expect(setOverrideAction(idle, formOf([["flagKey", "voice.live_booking"], ["value", "on"]]))).rejects.toThrow("NEXT_FORBIDDEN");
  });
});
