// POST /api/auth/sign-in – validate, check credentials, set the session cookie; 4xx with a code otherwise
import { AuthError } from "next-auth";
import { signIn, ThrottledSignIn } from "@/lib/auth";
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
  const { email, password, callbackUrl } = parsed.data;
  try {
    const url = await signIn("credentials", { email, password, redirect: false });
    // Auth.js reports a failed credentials check as ?error=… on the returned URL in some paths.
    if (typeof url === "string" && new URL(url, "http://x").searchParams.has("error")) {
      return jsonError(401, "invalid_credentials");
    }
  } catch (error) {
    const throttled = throttledBy(error);
    if (throttled) {
      const retryAfterSeconds = throttled.retryAfterSeconds;
      return jsonError(429, "throttled", { retryAfterSeconds }, { "Retry-After": String(retryAfterSeconds) });
    }
    if (error instanceof AuthError) return jsonError(401, "invalid_credentials");
    throw error;
  }
  return Response.json({ ok: true, redirectTo: callbackUrl ?? "/dashboard" });
}

/** Auth.js may hand back our error itself or wrap it as the cause. */
function throttledBy(error: unknown): ThrottledSignIn | null {
  if (error instanceof ThrottledSignIn) return error;
  const cause = (error as { cause?: { err?: unknown } | unknown })?.cause;
  const inner = (cause as { err?: unknown })?.err ?? cause;
  return inner instanceof ThrottledSignIn ? inner : null;
}
