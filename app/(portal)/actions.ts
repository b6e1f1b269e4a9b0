"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { listCompaniesForPlatformAdmin } from "@/db/platform";
import { signOut, unstable_update } from "@/lib/auth";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { endCurrentSession } from "@/lib/auth/user-sessions";

export type ActionResult = { ok: true } | { ok: false; message: string };

/** A platform admin picks the company they act for; the list comes from the database. */
export async function switchCompanyAction(companyId: string): Promise<ActionResult> {
  const user = await requireUser({ permission: "companies:read" });
  const parsed = z.uuid().safeParse(companyId);
  if (!parsed.success) return { ok: false, message: "invalid_company" };
  const companies = await listCompaniesForPlatformAdmin(user.id);
  if (!companies.some((c) => c.id === parsed.data)) return { ok: false, message: "invalid_company" };
  await unstable_update({ actingCompanyId: parsed.data });
  revalidatePath("/", "layout");
  return { ok: true };
}

/** Ends the current session in the database (a copied token dies with it), then the cookie. */
export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await endCurrentSession(user);
  await signOut({ redirectTo: "/sign-in" });
}
