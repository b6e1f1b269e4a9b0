import type { CallStatus } from "@/db/schema";

// Shared by the calls list, the call page and the live board.

/** "4:05", "1:02:03" from milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

type Variant = "success" | "warning" | "destructive" | "muted" | "secondary";

export const callStatusVariant = {
  registered: "warning",
  ongoing: "success",
  ended: "muted",
  not_connected: "destructive",
  error: "destructive",
} as const satisfies Record<CallStatus, Variant>;

const sentimentVariants: Record<string, Variant> = { Positive: "success", Neutral: "secondary", Negative: "destructive", Unknown: "muted" };

export const sentimentVariant = (sentiment: string): Variant => sentimentVariants[sentiment] ?? "muted";

/** Sentiment keys of the catalog (calls.sentiments.<key>). */
export const sentimentKey = (sentiment: string) =>
  (["Positive", "Neutral", "Negative", "Unknown"].includes(sentiment) ? sentiment : "Unknown") as "Positive" | "Neutral" | "Negative" | "Unknown";
