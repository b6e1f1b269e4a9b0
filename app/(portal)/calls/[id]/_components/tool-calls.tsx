import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { CallDetail } from "@/lib/calls/detail";
import { intlLocale } from "@/lib/i18n/config";

const outcomeVariant = {
  ok: "success",
  domain_error: "warning",
  invalid_args: "warning",
  unauthorized: "destructive",
  error: "destructive",
} as const;

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The agent's tool calls in order: name, outcome, latency, and the arguments and result on demand. */
export async function ToolCalls({ traces, timeZone }: { traces: CallDetail["traces"]; timeZone: string }) {
  const [t, locale] = await Promise.all([getTranslations("calls.detail"), getLocale()]);
  const time = new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: "medium", timeZone });
  return (
    <ol className="flex flex-col divide-y" data-testid="call-tool-calls">
      {traces.map((trace) => (
        <li key={trace.id} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0" data-testid="call-tool-call" data-tool={trace.toolName}>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <code className="font-medium">{trace.toolName}</code>
            {trace.rawName !== trace.toolName && <code className="text-xs text-muted-foreground">({trace.rawName})</code>}
            <Badge variant={outcomeVariant[trace.outcome]} data-testid="call-tool-outcome" data-outcome={trace.outcome}>
              {t(`toolOutcomes.${trace.outcome}`)}
              {trace.errorCode ? ` · ${trace.errorCode}` : ""}
            </Badge>
            <span className="ml-auto text-xs text-muted-foreground tabular-nums">
              {time.format(trace.createdAt)} · {t("latency", { ms: trace.latencyMs })}
            </span>
          </div>
          <details className="text-xs">
            <summary className="cursor-pointer text-muted-foreground select-none">{t("argumentsAndResult")}</summary>
            <div className="mt-2 grid gap-2 md:grid-cols-2">
              <div>
                <p className="mb-1 font-medium">{t("arguments")}</p>
                <pre className="max-h-64 overflow-auto rounded-md bg-muted p-2 font-mono">{json(trace.arguments)}</pre>
              </div>
              <div>
                <p className="mb-1 font-medium">{t("result")}</p>
                <pre className="max-h-64 overflow-auto rounded-md bg-muted p-2 font-mono">{json(trace.result ?? null)}</pre>
              </div>
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
