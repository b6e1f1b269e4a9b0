import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { withCompany } from "@/db";
import { companies } from "@/db/schema";

export type CompanyBasics = { id: string; name: string; timeZone: string; locale: "de" | "en" };

/**
 * The acting company's name and zone for the shell and the dashboard. Read under the company's
 * row-level security, so it only ever returns the company the caller acts for. Cached per request:
 * the layout and the page both ask.
 */
export const getCompanyBasics = cache(async (companyId: string): Promise<CompanyBasics | null> => {
  const [row] = await withCompany(companyId, (tx) =>
    tx
      .select({ id: companies.id, name: companies.name, timeZone: companies.timeZone, locale: companies.locale })
      .from(companies)
      .where(eq(companies.id, companyId)),
  );
  return row ?? null;
});
