// The JSON-body guard of our JSON endpoints (sign-in, password reset and change, /api/v1): at
// most 16 KB by default, read as a stream and cut off past the limit (a 1 MB body is never held in memory whole),
// application/json only, parsed without throwing. The answer for anything else is a 4xx with a
// stable code, like /api/auth/sign-in.

export const MAX_JSON_BODY = 16 * 1024;

export type JsonBody = { ok: true; body: unknown } | { ok: false; response: Response };

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}, headers?: HeadersInit) {
  return Response.json({ ok: false, error, ...extra }, { status, headers });
}

export type JsonReadFailure = { status: 400 | 413 | 415; code: "malformed_json" | "payload_too_large" | "unsupported_media_type" };

/** As readJsonBody, but the failure as a status and code, for endpoints with their own error shape (/api/v1). */
export async function readJson(request: Request, max = MAX_JSON_BODY): Promise<{ ok: true; body: unknown } | ({ ok: false } & JsonReadFailure)> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") return { ok: false, status: 415, code: "unsupported_media_type" };
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) return { ok: false, status: 413, code: "payload_too_large" };

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        return { ok: false, status: 413, code: "payload_too_large" };
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, status: 400, code: "malformed_json" };
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, code: "malformed_json" };
  }
}

export async function readJsonBody(request: Request, max = MAX_JSON_BODY): Promise<JsonBody> {
  const result = await readJson(request, max);
  return result.ok ? result : { ok: false, response: jsonError(result.status, result.code) };
}

export type JsonObjectBody = { ok: true; body: Record<string, unknown> } | { ok: false; response: Response };

/**
 * A JSON body that must be an object ({ … }): anything else (an array, a string, null) is 400
 * invalid_input with a form-level field error, in the shape the forms read.
 */
export async function readJsonObject(request: Request, max = MAX_JSON_BODY): Promise<JsonObjectBody> {
  const read = await readJsonBody(request, max);
  if (!read.ok) return read;
  const body = read.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, response: jsonError(400, "invalid_input", { fieldErrors: { form: ["invalid"] } }) };
  }
  return { ok: true, body: body as Record<string, unknown> };
}
