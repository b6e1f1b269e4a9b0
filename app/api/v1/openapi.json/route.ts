import { buildOpenApiDocument } from "@/lib/api/v1/openapi";

// GET /api/v1/openapi.json – the OpenAPI 3.1 document, generated from the operation registry (public)
export async function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
