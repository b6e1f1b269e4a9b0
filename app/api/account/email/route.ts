// POST /api/account/email { newEmail, password, code? } – the signed-in user changes their own
// sign-in address after re-authenticating (password, and a code with 2FA on). 200 { ok, email };
// 400 invalid_input (fieldErrors) / wrong_current_password / code_required / invalid_code;
// 409 email_taken; 401 unauthenticated; 403 forbidden; 429 throttled (+ Retry-After).
import { changeEmail } from "@/lib/auth/change-email";
import { requireApiUser } from "@/lib/auth/session";
import { jsonError, readJsonObject } from "@/lib/http/read-json";
import { requestInfo } from "@/lib/security/events";

export async function POST(request: Request) {
  const { user, response } = await requireApiUser({ permission: "settings:update", request });
  if (response) return response;
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const { newEmail, password, code } = read.body;
  const result = await changeEmail(
    { id: user.id, email: user.email, name: user.name, locale: user.locale, homeCompanyId: user.homeCompanyId },
    { newEmail, password, code },
    requestInfo(request.headers),
  );
  if (result.ok) return Response.json({ ok: true, email: result.email });
  switch (result.error) {
    case "invalid_input":
      return jsonError(400, "invalid_input", { fieldErrors: result.fieldErrors });
    case "email_taken":
      return jsonError(409, "email_taken");
    case "throttled":
      return jsonError(429, "throttled", { retryAfterSeconds: result.retryAfterSeconds }, {
        "Retry-After": String(result.retryAfterSeconds),
      });
    case "unauthenticated":
      return jsonError(401, "unauthenticated");
    default:
      return jsonError(400, result.error);
  }
}
