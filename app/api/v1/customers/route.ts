import { apiRoute } from "@/lib/api/v1/route";

// GET /api/v1/customers – list or look up by phone/email (customers:read)
export const { GET, POST, PUT, PATCH, DELETE } = apiRoute("/customers");
