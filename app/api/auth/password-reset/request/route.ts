// POST /api/auth/password-reset/request { email } – always the same 202 for a well-formed email:
// whether the address has an account is never told, not by the body and not by the time taken
// (the work runs after the answer has gone, with next/server's after()).
import { after } from "next/server";
import { fieldErrorsOf } from "@/lib/auth/password-policy";
import { requestPasswordReset, resetLinkOrigin, resetRequestSchema } from "@/lib/auth/password-reset";
import { requestInfo } from "@/lib/security/events";
import { jsonError, readJsonBody } from "@/lib/http/read-json";

export async function POST(request: Request) {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const parsed = resetRequestSchema.safeParse(read.body);
  if (!parsed.success) return jsonError(400, "invalid_input", { fieldErrors: fieldErrorsOf(parsed.error) });

  const { ip, userAgent } = requestInfo(request.headers);
  const origin = resetLinkOrigin(request.headers);
  const { email } = parsed.data;
  after(async () => {
    try {
      await requestPasswordReset({ email, origin, ip, userAgent });
    } catch (error) {
      // Database trouble: logged without the address; the visitor has had the usual answer.
      console.error("[password-reset] request failed:", error instanceof Error ? error.message.split("\n")[0] : "unknown");
    }
  });
  return Response.json({ ok: true }, { status: 202 });
}
