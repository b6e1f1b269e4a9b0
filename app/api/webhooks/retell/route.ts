// POST /api/webhooks/retell – verify, answer call_inbound, record the rest in the inbox, enqueue
import { handleRetellWebhook } from "@/lib/voice/webhooks/receive";

export async function POST(request: Request) {
  return handleRetellWebhook(request);
}
