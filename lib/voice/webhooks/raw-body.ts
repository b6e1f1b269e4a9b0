// The raw bytes of a webhook, read before anything else: the signature covers them exactly
// (integrations.md §0), so they are never parsed and re-serialised first. Read as a stream and
// cut off past the limit, so an oversized body is never held in memory whole.

export const MAX_WEBHOOK_BODY = 1024 * 1024;

export type RawBody = { ok: true; text: string } | { ok: false; status: 400 | 413; code: "payload_too_large" | "malformed_body" };

export async function readRawBody(request: Request, max = MAX_WEBHOOK_BODY): Promise<RawBody> {
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
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, status: 400, code: "malformed_body" };
  }
}

/** JSON.parse without throwing; `undefined` when the text is not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
