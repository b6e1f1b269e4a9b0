import "server-only";
import { and, count, eq, gte, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { toolTransaction } from "./transaction";
import { appointments } from "@/db/schema";
import { ACTIVE_APPOINTMENT_STATUSES } from "@/lib/appointments/status";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { callerNames, findCallerCustomers } from "./caller";
import { ok } from "./result";
import { defineTool } from "./types";

// check_customer: is the calling number a known customer of this company (blind index), and how
// many upcoming appointments do they have. Only ever the caller's own number: no arguments.

export const checkCustomerTool = defineTool({
  name: "check_customer",
  args: z.object({}),
  run: (_args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const p = phrasesFor(ctx.locale);
      if (!ctx.fromNumber) return ok(p.withheldNumber, { known: false, name: null, upcoming_appointments: 0 });
      const matches = await findCallerCustomers(tx, ctx.companyId, ctx.fromNumber);
      if (matches.length === 0) return ok(p.unknownCaller, { known: false, name: null, upcoming_appointments: 0 });
      const [row] = await tx
        .select({ n: count() })
        .from(appointments)
        .where(
          and(
            eq(appointments.companyId, ctx.companyId),
            inArray(appointments.customerId, matches.map((m) => m.id)),
            inArray(appointments.status, [...ACTIVE_APPOINTMENT_STATUSES]),
            gte(appointments.startsAt, ctx.now),
            isNull(appointments.deletedAt),
          ),
        );
      const upcoming = Number(row?.n ?? 0);
      const names = callerNames(matches);
      return ok(p.knownCaller(names, upcoming), { known: true, name: names[0] ?? null, names, upcoming_appointments: upcoming });
    }),
});
