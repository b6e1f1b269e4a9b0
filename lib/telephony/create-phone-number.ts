import "server-only";
import { type CompanyContext, withCompany } from "@/db";
import { SQLSTATE, sqlStateOf } from "@/db/errors";
import { phoneNumbers } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { checkPhoneNumberRefs } from "./phone-number-refs";
import { firstFieldErrors, type PhoneNumberFieldErrors, phoneNumberInputSchema } from "./schemas";
import type { Failure } from "./types";

// A new number of the company: E.164, one of its branches, optionally one of its agents. A number
// is unique across the platform (a call must resolve to one company): taken → field error, with
// nothing said about who has it.

export type SavePhoneNumberResult = { ok: true; id: string } | Failure<PhoneNumberFieldErrors>;

export async function createPhoneNumber(companyId: string, input: unknown, context: CompanyContext = {}): Promise<SavePhoneNumberResult> {
  const parsed = phoneNumberInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: firstFieldErrors(parsed.error) };
  const data = parsed.data;
  const id = newId();
  try {
    return await withCompany(
      companyId,
      async (tx): Promise<SavePhoneNumberResult> => {
        const refErrors = await checkPhoneNumberRefs(tx, data);
        if (refErrors) return { ok: false, reason: "invalid", fieldErrors: refErrors };
        await tx.insert(phoneNumbers).values({
          id,
          companyId,
          branchId: data.branchId!,
          retellAgentId: data.agentId ?? null,
          e164: data.e164,
          label: data.label ?? null,
          isActive: data.isActive,
        });
        return { ok: true, id };
      },
      context,
    );
  } catch (error) {
    if (sqlStateOf(error) === SQLSTATE.uniqueViolation) return { ok: false, reason: "invalid", fieldErrors: { e164: "taken" } };
    throw error;
  }
}
