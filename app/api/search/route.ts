// GET /api/search?q=… – the search palette's hits: customers, appointments, staff, services
// (lib/search/search-everything.ts). 200 { ok, customers, appointments, staff, services };
// 400 invalid_query (longer than 100 characters, control characters, q given twice);
// 401 unauthenticated; 403 two_factor_enrollment_required; 409 no_company_selected.
// Each group checks its own read permission, so the handler asks for none. Queries are personal
// data (names, phone numbers): never logged, never cached.
import { requireApiUser } from "@/lib/auth/session";
import { requestIdFrom } from "@/lib/forms/actor";
import { jsonError } from "@/lib/http/read-json";
import { searchEverything } from "@/lib/search/search-everything";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function GET(request: Request) {
  const { user, response } = await requireApiUser({ request });
  if (response) return response;
  if (!user.companyId) return jsonError(409, "no_company_selected");

  const values = new URL(request.url).searchParams.getAll("q");
  if (values.length > 1) return jsonError(400, "invalid_query");
  const result = await searchEverything({ id: user.id, role: user.role, companyId: user.companyId }, values[0] ?? "", {
    userId: user.id,
    requestId: requestIdFrom(request.headers),
  });
  if (!result.ok) return jsonError(400, result.error, {}, NO_STORE);
  return Response.json({ ok: true, ...result.results }, { headers: NO_STORE });
}
