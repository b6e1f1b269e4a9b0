import { Bot, User, Wrench } from "lucide-react";
import { getTranslations } from "next-intl/server";
import type { TranscriptTurn } from "@/lib/calls/transcripts";
import { cn } from "@/lib/utils";
import { formatDuration } from "../../_components/format";

/** The conversation as a chat: the agent on the left, the caller on the right, tool calls as small notes; each with its time from the start of the call. */
export async function Transcript({ turns }: { turns: TranscriptTurn[] }) {
  const t = await getTranslations("calls.detail");
  return (
    <ol className="flex flex-col gap-3" data-testid="call-transcript">
      {turns.map((turn, i) => {
        const at = turn.startMs !== null ? formatDuration(turn.startMs) : null;
        if (turn.role === "tool_call_invocation" || turn.role === "tool_call_result") {
          return (
            <li key={i} className="flex items-center gap-2 self-center text-xs text-muted-foreground" data-testid="transcript-tool" data-role={turn.role}>
              <Wrench className="size-3.5" aria-hidden />
              <span>
                {turn.role === "tool_call_invocation" ? t("toolInvoked", { name: turn.name ?? "?" }) : t("toolResult", { name: turn.name ?? "?" })}
              </span>
              {at && <span className="tabular-nums">· {at}</span>}
            </li>
          );
        }
        const caller = turn.role === "user";
        return (
          <li key={i} className={cn("flex max-w-[85%] gap-2", caller ? "flex-row-reverse self-end" : "self-start")} data-testid="transcript-turn" data-role={turn.role}>
            <span className={cn("mt-1 flex size-7 shrink-0 items-center justify-center rounded-full", caller ? "bg-primary/10 text-primary" : "bg-muted text-muted-foreground")} aria-hidden>
              {caller ? <User className="size-4" /> : <Bot className="size-4" />}
            </span>
            <div className={cn("flex flex-col gap-1", caller && "items-end")}>
              <span className="text-xs text-muted-foreground">
                {caller ? t("caller") : turn.role === "agent" ? t("agent") : t("transferTarget")}
                {at && <span className="tabular-nums"> · {at}</span>}
              </span>
              <p className={cn("rounded-2xl px-3 py-2 text-sm whitespace-pre-wrap", caller ? "rounded-tr-sm bg-primary text-primary-foreground" : "rounded-tl-sm bg-muted")}>{turn.content}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
