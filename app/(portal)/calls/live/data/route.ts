import { branchScope } from "@/lib/auth/permissions";
import { requireApiUser } from "@/lib/auth/session";
import { listLiveCalls } from "@/lib/calls/live";

// GET /calls/live/data – the live board's rows as JSON (polled every few seconds by the page):
// the company's running calls within the viewer's branches. Never cached.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { user, response } = await requireApiUser({ permission: "calls:read", request });
  if (response) return response;
  if (!user.companyId) return Response.json({ ok: false, error: "no_company_selected" }, { status: 409 });
  const branchIds = await branchScope(user, "calls:read");
  const board = await listLiveCalls(user.companyId, { branchIds, userId: user.id });
  return Response.json({ ok: true, ...board }, { headers: { "Cache-Control": "no-store" } });
}
