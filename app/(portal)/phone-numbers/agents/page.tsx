import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NewRecordButton } from "@/components/data-table/list-page";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { listAgents } from "@/lib/telephony/queries";
import { AgentActiveButton } from "../_components/agent-active-button";
import { TelephonyTabs } from "../_components/telephony-tabs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("phoneNumbers");
  return { title: t("agents.title") };
}

// GET /phone-numbers/agents – the company's Retell agents (a handful: a plain table).
export default async function AgentsPage() {
  const user = await requireCompanyUser({ permission: "phone_numbers:read" });
  const scope = await branchScope(user, "phone_numbers:read");
  const [t, agents] = await Promise.all([getTranslations("phoneNumbers"), listAgents(user.companyId, { userId: user.id, branches: scope })]);
  const canUpdate = can(user.role, "phone_numbers:update");

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("agents.description")}
        actions={
          can(user.role, "phone_numbers:create") ? (
            <NewRecordButton href="/phone-numbers/agents/new" label={t("agents.new")} testId="agents-new" />
          ) : undefined
        }
      />
      <TelephonyTabs current="agents" />
      <Card className="gap-0 overflow-hidden py-0">
        <Table data-testid="agents-table">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>{t("agents.columns.name")}</TableHead>
              <TableHead>{t("agents.columns.retellAgentId")}</TableHead>
              <TableHead>{t("agents.columns.language")}</TableHead>
              <TableHead>{t("agents.columns.voice")}</TableHead>
              <TableHead className="text-right">{t("agents.columns.numbers")}</TableHead>
              <TableHead>{t("agents.columns.active")}</TableHead>
              {canUpdate && <TableHead className="w-0" />}
            </TableRow>
          </TableHeader>
          <TableBody>
            {agents.map((agent) => (
              <TableRow key={agent.id} data-testid="agent-row" data-row-id={agent.id}>
                <TableCell className="font-medium">
                  {canUpdate ? (
                    <Link href={`/phone-numbers/agents/${agent.id}`} className="hover:underline" data-testid="agent-name">
                      {agent.name}
                    </Link>
                  ) : (
                    <span data-testid="agent-name">{agent.name}</span>
                  )}
                </TableCell>
                <TableCell className="font-mono text-xs text-muted-foreground">{agent.retellAgentId}</TableCell>
                <TableCell>
                  <Badge variant="muted">{agent.language.toUpperCase()}</Badge>
                </TableCell>
                <TableCell className="text-muted-foreground">{agent.voiceId ?? "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{agent.numberCount}</TableCell>
                <TableCell>
                  <Badge variant={agent.isActive ? "success" : "muted"} data-testid="agent-active">
                    {agent.isActive ? t("state.active") : t("state.inactive")}
                  </Badge>
                </TableCell>
                {canUpdate && (
                  <TableCell className="text-right">
                    <AgentActiveButton id={agent.id} active={agent.isActive} />
                  </TableCell>
                )}
              </TableRow>
            ))}
            {agents.length === 0 && (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={canUpdate ? 7 : 6} className="py-10 text-center text-sm text-muted-foreground">
                  {t("agents.empty")}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Card>
    </div>
  );
}
