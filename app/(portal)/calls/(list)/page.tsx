import { Radio } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { branchScope } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { callFacets, listCalls } from "@/lib/calls/list";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { CallsTable } from "../_components/calls-table";
import { loadCallListState } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("calls");
  return { title: t("title") };
}

// GET /calls – the voice agent's calls as a filtered table (day range, branch, status, direction,
// sentiment, booked appointment, duration; exact caller number), keyset pages, CSV export. The
// state is in the URL (./search-params.ts); branch roles see their branches' calls only.
export default async function CallsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "calls:read" });
  const state = loadCallListState(await searchParams);
  const [t, company, branchIds] = await Promise.all([getTranslations("calls"), getCompanyBasics(user.companyId), branchScope(user, "calls:read")]);
  const options = { branchIds, timeZone: knownTimeZone(company?.timeZone), userId: user.id };
  const [page, facets] = await Promise.all([listCalls(user.companyId, state, options), callFacets(user.companyId, options)]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="outline">
            <Link href="/calls/live" data-testid="calls-live-link">
              <Radio />
              {t("live.open")}
            </Link>
          </Button>
        }
      />
      <CallsTable
        rows={page.rows}
        page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }}
        facets={facets}
        searching={state.q !== ""}
        invalidPhone={page.invalidPhone}
      />
    </div>
  );
}
