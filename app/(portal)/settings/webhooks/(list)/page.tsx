import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listWebhookInbox, PLATFORM_TIME_ZONE, webhookCompanyOptions } from "@/lib/webhooks/list";
import { WebhooksTable } from "../_components/webhooks-table";
import { loadWebhookListState } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("title") };
}

// GET /settings/webhooks – the webhook inbox of the whole platform (platform admins): every stored
// delivery newest first, filtered by provider, status, type, company and day, searched by provider
// event id; replay from a row or for the selected rows. State in the URL (../search-params.ts).
// No company needs to be picked: the inbox is the platform's.
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser({ permission: "webhooks:read" });
  const state = loadWebhookListState(await searchParams);
  const [t, page, companies] = await Promise.all([getTranslations("webhooks"), listWebhookInbox(user.id, state), webhookCompanyOptions(user.id)]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { zone: PLATFORM_TIME_ZONE })} />
      <WebhooksTable
        rows={page.rows}
        page={{ nextCursor: page.nextCursor, prevCursor: page.prevCursor, total: page.total }}
        companies={companies}
        search={page.search}
        mayReplay={can(user.role, "webhooks:manage")}
        timeZone={PLATFORM_TIME_ZONE}
      />
    </div>
  );
}
