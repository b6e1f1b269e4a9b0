import { describe, expect, it } from "vitest";
import { MAX_JSON_BODY, readJsonBody } from "./read-json";

// The body guard of the password endpoints, including a streamed body without Content-Length.

function streamed(bytes: number, type = "application/json") {
  let sent = 0;
  const chunk = new TextEncoder().encode("x".repeat(1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Request("http://localhost/api", { method: "POST", body, headers: { "content-type": type }, duplex: "half" } as RequestInit);
}

const json = (text: string, type = "application/json; charset=utf-8") =>
  new Request("http://localhost/api", { method: "POST", body: text, headers: { "content-type": type } });

describe("readJsonBody", () => {
  it("parses JSON up to 16 KB", async () => {
    expect(await readJsonBody(json('{"email":"a@b.de"}'))).toEqual({ ok: true, body: { email: "a@b.de" } });
    const big = JSON.stringify({ x: "y".repeat(MAX_JSON_BODY - 20) });
    expect((await readJsonBody(json(big))).ok).toBe(true);
  });

  it("answers 413 past 16 KB, by Content-Length or while streaming, without reading a megabyte", async () => {
    const byLength = await readJsonBody(json(JSON.stringify({ x: "y".repeat(MAX_JSON_BODY) })));
    expect(byLength.ok ? 0 : byLength.response.status).toBe(413);
    const byStream = await readJsonBody(streamed(1024 * 1024));
    expect(byStream.ok).toBe(false);
    if (!byStream.ok) expect(await byStream.response.json()).toEqual({ ok: false, error: "payload_too_large" });
  });

  it("answers 415 for another content type and 400 for malformed JSON or bytes", async () => {
    const typed = await readJsonBody(json("{}", "text/plain"));
    expect(typed.ok ? 0 : typed.response.status).toBe(415);
    const untyped = await readJsonBody(new Request("http://localhost/api", { method: "POST", body: "{}" }));
    expect(untyped.ok ? 0 : untyped.response.status).toBe(415);
    for (const text of ["{not json", "", "[1,"]) {
      const result = await readJsonBody(json(text));
      expect(result.ok ? 0 : result.response.status, text).toBe(400);
    }
    const invalidUtf8 = new Request("http://localhost/api", {
      method: "POST",
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
      headers: { "content-type": "application/json" },
    });
    const bad = await readJsonBody(invalidUtf8);
    expect(bad.ok ? null : await bad.response.json()).toEqual({ ok: false, error: "malformed_json" });
  });
});
