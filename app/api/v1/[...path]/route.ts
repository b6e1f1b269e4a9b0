import { unknownApiPath } from "@/lib/api/v1/route";

// Any other path under /api/v1 – a JSON 404 not_found instead of the portal's HTML page
export const GET = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const PATCH = unknownApiPath;
export const DELETE = unknownApiPath;
