import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { branchScope } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { listLiveCalls } from "@/lib/calls/live";
import { LiveBoard } from "./_components/live-board";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("calls");
  return { title: t("live.title") };
}

// GET /calls/live – the calls running right now, updated without reload: the first rows come with
// the page, then the board polls /calls/live/data every 3 s; durations tick every second.
export default async function LiveCallsPage() {
  const user = await requireCompanyUser({ permission: "calls:read" });
  const [t, branchIds] = await Promise.all([getTranslations("calls"), branchScope(user, "calls:read")]);
  const board = await listLiveCalls(user.companyId, { branchIds, userId: user.id });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("live.title")}
        description={t("live.description")}
        actions={
          <Button asChild variant="outline">
            <Link href="/calls" data-testid="calls-live-back">
              <ArrowLeft />
              {t("live.back")}
            </Link>
          </Button>
        }
      />
      <LiveBoard initial={board} />
    </div>
  );
}
