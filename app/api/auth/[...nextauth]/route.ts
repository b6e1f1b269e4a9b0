// GET/POST /api/auth/* – Auth.js endpoints (session, CSRF, sign-out)
import { handlers } from "@/lib/auth";

export const { GET, POST } = handlers;
