import { requireApiUser } from "@/lib/auth/session";
import { exportCustomerData } from "@/lib/customers";

// GET /customers/[id]/export.json – GDPR access request: everything stored about the customer as
// a JSON download. Needs customers:delete (company admin), like erasure: the export holds the
// history of every branch, which branch roles may not read, and a complete disclosure of a
// person's data is the owner's decision. Another company's or a malformed id: 404.

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { user, response } = await requireApiUser({ permission: "customers:delete", request });
  if (response) return response;
  if (!user.companyId) return Response.json({ ok: false, error: "no_company_selected" }, { status: 409 });
  const { id } = await params;
  const result = await exportCustomerData(user.companyId, id, { userId: user.id });
  if (!result.ok) return Response.json({ ok: false, error: "not_found" }, { status: 404 });
  const day = result.data.exportedAt.slice(0, 10);
  return new Response(`${JSON.stringify(result.data, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="customer-${result.data.customer.id}-${day}.json"`,
      "cache-control": "no-store",
    },
  });
}
