import { apiRoute } from "@/lib/api/v1/route";

// GET /api/v1/appointments/{id} – one appointment of the token's company (appointments:read)
export const { GET, POST, PUT, PATCH, DELETE } = apiRoute("/appointments/{id}");
