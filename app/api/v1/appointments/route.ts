import { apiRoute } from "@/lib/api/v1/route";

// GET /api/v1/appointments – list (appointments:read); POST – book one (appointments:write)
export const { GET, POST, PUT, PATCH, DELETE } = apiRoute("/appointments");
