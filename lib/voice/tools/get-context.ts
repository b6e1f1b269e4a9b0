import "server-only";
import { z } from "zod";
import { toolTransaction } from "./transaction";
import { localParts, spokenLocalDate, spokenTime, weekdayName } from "@/lib/voice/speech/format";
import { phrasesFor } from "@/lib/voice/speech/phrases";
import { hoursOn, readBranch, readClosures, spokenDayHours } from "./branch";
import { callerNames, findCallerCustomers } from "./caller";
import { fail, ok } from "./result";
import { defineTool } from "./types";

// get_context: where and when the caller is — branch, company, today in the branch's zone and
// language, today's opening hours, and whether the caller's number is known.

export const getContextTool = defineTool({
  name: "get_context",
  args: z.object({}),
  run: (_args, ctx) =>
    toolTransaction(ctx, async (tx) => {
      const p = phrasesFor(ctx.locale);
      const now = localParts(ctx.now, ctx.timeZone);
      const [branch, closures, callers] = await Promise.all([
        readBranch(tx, ctx.companyId, ctx.branchId),
        readClosures(tx, ctx.companyId, ctx.branchId, now.date, now.date),
        findCallerCustomers(tx, ctx.companyId, ctx.fromNumber),
      ]);
      if (!branch || !branch.isActive) return fail("branch_unavailable", p.branchUnavailable);
      const day = hoursOn(branch.openingHours, closures, now.date, now.weekday);
      const hours = spokenDayHours(day, ctx.locale);
      const hoursToday = day.kind === "unrestricted" ? p.noFixedHours : day.kind === "closed" ? p.closedToday : p.hoursToday(hours!);
      const today = spokenLocalDate(now.date, ctx.locale);
      const time = spokenTime(now.hour, now.minute, ctx.locale);
      const names = callerNames(callers);
      return ok(p.context({ branch: branch.name, company: branch.companyName, today, time, hoursToday }), {
        branch_name: branch.name,
        company_name: branch.companyName,
        today: now.date,
        today_spoken: today,
        weekday: weekdayName(now.weekday, ctx.locale),
        time: `${String(now.hour).padStart(2, "0")}:${String(now.minute).padStart(2, "0")}`,
        time_zone: ctx.timeZone,
        language: ctx.locale,
        open_today: day.kind !== "closed",
        opening_hours_today: hours,
        caller_known: names.length > 0,
        caller_name: names[0] ?? null,
      });
    }),
});
