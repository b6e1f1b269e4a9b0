// POST /api/retell/functions – verify, record the call, run the agent's tool, trace it, answer the envelope
import { handleRetellFunction } from "@/lib/voice/functions/handle-function-call";

export async function POST(request: Request) {
  return handleRetellFunction(request);
}
