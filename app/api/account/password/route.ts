// POST /api/account/password { currentPassword, newPassword, confirmPassword, code? } – the
// signed-in user changes their own password (with 2FA on, a current code is required too). The
// change ends every session of the account (new session version); this request then signs its
// own browser in again with the new password (and a one-minute re-sign-in grant in place of the
// code already used), so only the other sessions end. 401 unauthenticated, 403 forbidden, 400
// wrong_current_password / code_required / invalid_code / invalid_input (fieldErrors with policy
// codes), 429 throttled (+ Retry-After).
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { changePassword } from "@/lib/auth/change-password";
import { issueReSignInGrant } from "@/lib/auth/reauth";
import { requireApiUser } from "@/lib/auth/session";
import { requestInfo } from "@/lib/security/events";
import { jsonError, readJsonObject } from "@/lib/http/read-json";

export async function POST(request: Request) {
  const { user, response } = await requireApiUser({ permission: "settings:update", request });
  if (response) return response;
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const { currentPassword, newPassword, confirmPassword, code } = read.body;
  const result = await changePassword(
    { id: user.id, email: user.email, name: user.name, locale: user.locale, homeCompanyId: user.homeCompanyId },
    { currentPassword, newPassword, confirmPassword, code, ...requestInfo(request.headers) },
  );
  if (!result.ok) {
    switch (result.error) {
      case "invalid_input":
        return jsonError(400, "invalid_input", { fieldErrors: result.fieldErrors });
      case "wrong_current_password":
      case "code_required":
      case "invalid_code":
        return jsonError(400, result.error);
      case "throttled":
        return jsonError(429, "throttled", { retryAfterSeconds: result.retryAfterSeconds }, {
          "Retry-After": String(result.retryAfterSeconds),
        });
      case "unauthenticated":
        return jsonError(401, "unauthenticated");
    }
  }

  // A fresh session for this browser (new session id, the new session version). If that fails
  // (e.g. sign-in throttling), the password is changed all the same and the user signs in anew.
  let signedIn = true;
  try {
    const url = await signIn("credentials", {
      email: user.email,
      password: newPassword as string,
      reSignInGrant: issueReSignInGrant(user.id, result.sessionVersion),
      redirect: false,
    });
    if (typeof url === "string" && new URL(url, "http://x").searchParams.has("error")) signedIn = false;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    signedIn = false;
  }
  return Response.json({ ok: true, signedIn, ...(signedIn ? {} : { redirectTo: "/sign-in" }) });
}
