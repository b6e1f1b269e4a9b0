// POST /invite/accept { token, name, password, confirmPassword } – accepts an invitation and
// creates the account. 201 { ok, redirectTo } → sign-in (accepting never signs in);
// 400 invalid_input (fieldErrors: name, password policy codes, mismatch); 404 invitation_invalid
// (unknown, malformed or revoked link); 410 invitation_expired; 409 invitation_used, email_taken.
// Public like the page (proxy.ts); the JSON-only body keeps cross-site forms out.
import { jsonError, readJsonObject } from "@/lib/http/read-json";
import { requestInfo } from "@/lib/security/events";
import { acceptInvitation } from "@/lib/users/accept-invitation";

const STATUS = { invitation_invalid: 404, invitation_expired: 410, invitation_used: 409, email_taken: 409 } as const;

export async function POST(request: Request) {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const { token, name, password, confirmPassword } = read.body;
  const result = await acceptInvitation({ token, name, password, confirmPassword, ...requestInfo(request.headers) });
  if (result.ok) return Response.json({ ok: true, redirectTo: "/sign-in?invited=1" }, { status: 201 });
  if (result.error === "invalid_input") return jsonError(400, "invalid_input", { fieldErrors: result.fieldErrors });
  return jsonError(STATUS[result.error], result.error);
}
