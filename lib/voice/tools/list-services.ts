import "server-only";
import { z } from "zod";
import { toolTransaction } from "./transaction";
import { spokenDuration, spokenPrice } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { readBranch } from "./branch";
import { fail, ok } from "./result";
import { readPhoneServices } from "./services";
import { defineTool } from "./types";

// list_services: what can be booked by phone at this branch, with duration and price spoken.
// The message names the first few (the caller listens); data has them all.

const SPOKEN = 8;

export const listServicesTool = defineTool({
  name: "list_services",
  args: z.object({}),
  run: (_args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const p = phrasesFor(ctx.locale);
      const branch = await readBranch(tx, ctx.companyId, ctx.branchId);
      if (!branch || !branch.isActive) return fail("branch_unavailable", p.branchUnavailable);
      const rows = await readPhoneServices(tx, ctx.companyId, ctx.branchId);
      const list = rows.map((s) => ({
        id: s.id,
        name: s.name,
        duration_minutes: s.durationMinutes,
        duration: spokenDuration(s.durationMinutes, ctx.locale),
        price_cents: s.priceCents,
        currency: s.currency,
        price: spokenPrice(s.priceCents, s.currency, ctx.locale),
      }));
      if (list.length === 0) return ok(p.noServices, { services: list });
      const items = list.slice(0, SPOKEN).map((s) => p.serviceItem({ name: s.name, duration: s.duration, price: s.price }));
      return ok(p.services(items, list.length - items.length), { services: list });
    }),
});
