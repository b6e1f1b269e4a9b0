// POST /api/auth/sign-in – validate, check credentials (and the second factor), set the session
// cookie; 4xx with a code otherwise: 401 invalid_credentials, 401 two_factor_required (password
// right, 2FA on, no code: ask for one), 401 invalid_code (wrong, malformed or used code), 429
// throttled, 400 invalid_input.
import { AuthError, CredentialsSignin } from "next-auth";
import { InvalidTwoFactorCode, signIn, ThrottledSignIn, TwoFactorRequired } from "@/lib/auth";
import { signInRequestSchema } from "@/lib/auth/schemas";
import { jsonError, readJsonBody } from "@/lib/http/read-json";

export async function POST(request: Request) {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const parsed = signInRequestSchema.safeParse(read.body);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return jsonError(400, "invalid_input", { fieldErrors });
  }
  const { email, password, code, callbackUrl } = parsed.data;
  try {
    // No code key at all when none was typed (a form field would carry the text "undefined").
    const url = await signIn("credentials", { email, password, ...(code ? { code } : {}), redirect: false });
    // Auth.js reports a failed credentials check as ?error=…&code=… on the returned URL in some paths.
    if (typeof url === "string") {
      const params = new URL(url, "http://x").searchParams;
      if (params.has("error")) {
        const reason = params.get("code");
        if (reason === "two_factor_required" || reason === "invalid_code") return jsonError(401, reason);
        return jsonError(401, "invalid_credentials");
      }
    }
  } catch (error) {
    const ours = credentialsErrorOf(error);
    if (ours instanceof ThrottledSignIn) {
      const retryAfterSeconds = ours.retryAfterSeconds;
      return jsonError(429, "throttled", { retryAfterSeconds }, { "Retry-After": String(retryAfterSeconds) });
    }
    if (ours instanceof TwoFactorRequired) return jsonError(401, "two_factor_required");
    if (ours instanceof InvalidTwoFactorCode) return jsonError(401, "invalid_code");
    if (error instanceof AuthError) return jsonError(401, "invalid_credentials");
    throw error;
  }
  return Response.json({ ok: true, redirectTo: callbackUrl ?? "/dashboard" });
}

/** Auth.js may hand back authorize's error itself or wrap it as the cause. */
function credentialsErrorOf(error: unknown): CredentialsSignin | null {
  if (error instanceof CredentialsSignin) return error;
  const cause = (error as { cause?: { err?: unknown } | unknown })?.cause;
  const inner = (cause as { err?: unknown })?.err ?? cause;
  return inner instanceof CredentialsSignin ? inner : null;
}
