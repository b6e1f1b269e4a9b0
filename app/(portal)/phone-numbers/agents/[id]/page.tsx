import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/layout/page-header";
import { requireCompanyUser } from "@/lib/auth/session";
import { getAgent } from "@/lib/telephony/queries";
import { AgentForm } from "../../_components/agent-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("phoneNumbers");
  return { title: t("agents.title") };
}

// GET /phone-numbers/agents/[id] – edit an agent (another company's id or a malformed one: 404).
export default async function EditAgentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCompanyUser({ permission: "phone_numbers:update" });
  const { id } = await params;
  const [agent, t] = await Promise.all([getAgent(user.companyId, id, { userId: user.id }), getTranslations("phoneNumbers")]);
  if (!agent) notFound();
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("agents.editTitle", { name: agent.name })} description={t("agents.description")} />
      <AgentForm values={{ id: agent.id, retellAgentId: agent.retellAgentId, name: agent.name, language: agent.language, voiceId: agent.voiceId ?? "", isActive: agent.isActive }} />
    </div>
  );
}
