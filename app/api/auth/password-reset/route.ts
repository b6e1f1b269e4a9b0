// POST /api/auth/password-reset { token, password, confirmPassword } – sets a new password with a
// reset link's token. 200 { ok } → the page sends the person to sign-in (a reset never signs in);
// 400 invalid_input (fieldErrors: token malformed, password policy codes, mismatch);
// 400 invalid_or_expired for an unknown, used or expired token.
import { resetPassword } from "@/lib/auth/password-reset";
import { requestInfo } from "@/lib/security/events";
import { jsonError, readJsonObject } from "@/lib/http/read-json";

export async function POST(request: Request) {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const { token, password, confirmPassword } = read.body;
  const result = await resetPassword({
    token: typeof token === "string" ? token : "",
    password: typeof password === "string" ? password : "",
    confirmPassword: typeof confirmPassword === "string" ? confirmPassword : "",
    ...requestInfo(request.headers),
  });
  if (result.ok) return Response.json({ ok: true, redirectTo: "/sign-in?reset=1" });
  if (result.error === "invalid_input") return jsonError(400, "invalid_input", { fieldErrors: result.fieldErrors });
  return jsonError(400, result.error);
}
