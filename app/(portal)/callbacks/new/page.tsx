import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { callbackFacets } from "@/lib/callbacks/list";
import { getCallDetail } from "@/lib/calls/detail";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { CallbackForm, type CallbackPrefill } from "../_components/callback-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("callbacks");
  return { title: t("form.title") };
}

const HOUR = 3_600_000;

/** Due in about two hours, on the hour: its day and time in the company's zone. */
function defaultDue(timeZone: string): Record<string, string> {
  const due = new Date(Math.ceil((Date.now() + 2 * HOUR) / HOUR) * HOUR);
  return Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(due)
      .map((p) => [p.type, p.value]),
  );
}

// GET /callbacks/new – a callback request by hand, or from a call (?call=<id>: branch, number,
// name, customer and the call's summary as the reason are filled in). A call the viewer cannot
// see is ignored.
export default async function NewCallbackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "callbacks:create" });
  const raw = (await searchParams).call;
  const callId = z.guid().safeParse(Array.isArray(raw) ? raw[0] : raw);
  const [t, company, scope] = await Promise.all([getTranslations("callbacks"), getCompanyBasics(user.companyId), branchScope(user, "callbacks:create")]);
  const timeZone = knownTimeZone(company?.timeZone);
  const facets = await callbackFacets(user.companyId, { branchIds: scope });
  const call =
    callId.success && can(user.role, "calls:read")
      ? await getCallDetail(user.companyId, callId.data, { branchIds: await branchScope(user, "calls:read") })
      : null;

  const parts = defaultDue(timeZone);
  const branchId = call?.branch && facets.branches.some((b) => b.id === call.branch!.id) ? call.branch.id : facets.branches.length === 1 ? facets.branches[0]!.id : "";
  const prefill: CallbackPrefill = {
    callId: call?.call.id ?? "",
    customerId: call?.customer?.id ?? "",
    branchId,
    name: call?.customer?.name ?? "",
    phone: call?.call.fromNumber ?? "",
    reason: call?.call.summary?.slice(0, 2000) ?? "",
    priority: "normal",
    dueDate: `${parts.year}-${parts.month}-${parts.day}`,
    dueTime: `${parts.hour}:${parts.minute}`,
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("form.title")}
        description={call ? t("form.fromCall") : t("form.description")}
        actions={
          <Button asChild variant="outline">
            <Link href={call ? `/calls/${call.call.id}` : "/callbacks"} data-testid="callback-form-back">
              <ArrowLeft />
              {t("form.back")}
            </Link>
          </Button>
        }
      />
      <Card className="max-w-2xl">
        <CardContent>
          <CallbackForm branches={facets.branches} prefill={prefill} timeZone={timeZone} />
        </CardContent>
      </Card>
    </div>
  );
}
