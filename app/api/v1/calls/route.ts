import { apiRoute } from "@/lib/api/v1/route";

// GET /api/v1/calls – the voice agent's calls, newest first (calls:read)
export const { GET, POST, PUT, PATCH, DELETE } = apiRoute("/calls");
