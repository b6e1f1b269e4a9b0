// Test support for the webhook tests (imported by *.test.ts only): a company with a Retell
// number, and Retell events stored in the inbox the way the route stores them.
import { randomUUID } from "node:crypto";
import { withCompany } from "@/db";
import { insertWebhookEvent } from "@/db/platform";
import { phoneNumbers } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { createTestCompany } from "@/db/testing/fixtures";
import { insertRetellAgent, testPhoneNumber } from "@/db/testing/rows";
import { retellEventKey } from "@/lib/retell/event-key";
import { parseRetellWebhook } from "@/lib/retell/payloads";

export async function createCompanyWithNumber(name: string) {
  const company = await createTestCompany(name);
  const number = testPhoneNumber();
  const phoneNumberId = newId();
  await withCompany(company.id, async (tx) => {
    const agentId = await insertRetellAgent(tx, company.id);
    await tx.insert(phoneNumbers).values({ id: phoneNumberId, companyId: company.id, branchId: company.branchId, retellAgentId: agentId, e164: number });
  });
  return { ...company, number, phoneNumberId };
}

export const newCallId = () => `call_${randomUUID().replace(/-/g, "")}`;

/** Stores a webhook body in the inbox as the route does; `salt` makes a distinct delivery of the same event. */
export async function storeRetellEvent(body: unknown, salt = "") {
  const raw = JSON.stringify(body);
  const parsed = parseRetellWebhook(body);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.reason}`);
  const stored = await insertWebhookEvent({
    provider: "retell",
    eventType: parsed.webhook.event,
    providerEventId: retellEventKey(parsed.webhook, raw) + salt,
    payloadText: raw,
  });
  return stored.id;
}
