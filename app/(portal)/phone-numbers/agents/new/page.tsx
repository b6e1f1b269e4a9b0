import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireCompanyUser } from "@/lib/auth/session";
import { AgentForm } from "../../_components/agent-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("phoneNumbers");
  return { title: t("agents.newTitle") };
}

// GET /phone-numbers/agents/new – registers a Retell agent for the company.
export default async function NewAgentPage() {
  await requireCompanyUser({ permission: "phone_numbers:create" });
  const t = await getTranslations("phoneNumbers");
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("agents.newTitle")} description={t("agents.newDescription")} />
      <AgentForm values={{ retellAgentId: "", name: "", language: "de", voiceId: "", isActive: true }} />
    </div>
  );
}
