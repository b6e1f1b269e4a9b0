"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type ApiTokenActor, type ApiTokenFieldErrors, createApiToken, revokeApiToken } from "@/lib/api/tokens";
import type { Permission } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { currentRequestOrigin } from "@/lib/forms/actor";

// The API-tokens page's server actions. Bad input never throws: it comes back as codes
// (apiTokens.messages.* / apiTokens.fieldErrors.*). The new token travels back once, in the
// create action's answer, and is never readable again.

export type CreateTokenState = {
  ok: boolean;
  message: "created" | "invalid" | null;
  fieldErrors: ApiTokenFieldErrors;
  /** The plain token: only in the answer to the create that made it. */
  token?: string;
  name?: string;
};

export type RevokeTokenState = { ok: boolean; message: "revoked" | "not_found" | null };

/** The company user allowed `permission` and where the request came from, for lib/api/tokens. */
async function tokenActor(permission: Permission): Promise<ApiTokenActor> {
  const user = await requireCompanyUser({ permission });
  return { id: user.id, companyId: user.companyId, homeCompanyId: user.homeCompanyId, ...(await currentRequestOrigin()) };
}

export async function createTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const actor = await tokenActor("api_tokens:create");
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === "string" ? value : undefined;
  };
  const result = await createApiToken(actor, {
    name: text("name") ?? "",
    scopes: formData.getAll("scopes").filter((s) => typeof s === "string"),
    expiresOn: text("expiresOn"),
  });
  if (!result.ok) return { ok: false, message: "invalid", fieldErrors: result.fieldErrors };
  revalidatePath("/settings/api-tokens");
  return { ok: true, message: "created", fieldErrors: {}, token: result.token, name: result.created.name };
}

const revokeSchema = z.object({ tokenId: z.guid() });

export async function revokeTokenAction(_previous: RevokeTokenState, formData: FormData): Promise<RevokeTokenState> {
  const actor = await tokenActor("api_tokens:delete");
  const parsed = revokeSchema.safeParse({ tokenId: formData.get("tokenId") });
  if (!parsed.success) return { ok: false, message: "not_found" };
  const result = await revokeApiToken(actor, parsed.data.tokenId);
  if (!result.ok) return { ok: false, message: result.reason };
  revalidatePath("/settings/api-tokens");
  return { ok: true, message: "revoked" };
}
