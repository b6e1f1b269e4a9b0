import { createHmac, timingSafeEqual } from "node:crypto";

// Our own check of `x-retell-signature` (integrations.md §1.2), the same for call webhooks, the
// inbound-call webhook and custom-function (tool) requests. We do not use the SDK's `verify`: it
// changed between sync and async across versions, and an un-awaited Promise is always truthy.
//
//   header   = "v=<timestamp ms>,d=<64 hex>"
//   expected = hex(HMAC-SHA256(key = Retell API key with the webhook badge, message = rawBody + v))
//
// `v` enters the HMAC exactly as sent (the decimal string), the body as received (never
// re-serialised JSON). The timestamp must lie within 5 minutes of `now`, in either direction, so
// a captured request cannot be replayed later and a clock far ahead is refused as well.

export const RETELL_SIGNATURE_HEADER = "x-retell-signature";
export const RETELL_SIGNATURE_WINDOW_MS = 5 * 60_000;

const HEADER_PATTERN = /^v=(\d{1,16}),d=([0-9a-f]{64})$/i;

export type RetellSignatureFailure = "missing" | "malformed" | "expired" | "mismatch";

export type RetellSignatureResult =
  | { ok: true; timestamp: number }
  /** `skewMs` (now − v) is set for "expired": positive = too old, negative = dated in the future. */
  | { ok: false; reason: RetellSignatureFailure; skewMs?: number };

export type VerifyRetellOptions = {
  /** Epoch ms or Date; defaults to the clock. */
  now?: number | Date;
  windowMs?: number;
};

type Body = string | Uint8Array;

const toBuffer = (body: Body) => (typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength));

function digest(body: Body, apiKey: string, timestamp: string): Buffer {
  return createHmac("sha256", apiKey).update(toBuffer(body)).update(timestamp, "utf8").digest();
}

/**
 * Verifies a Retell request. `apiKeys` may list several keys (rotation: old and new); an empty
 * key never verifies anything. Never throws.
 */
export function verifyRetellSignature(
  rawBody: Body,
  header: string | null | undefined,
  apiKeys: string | readonly string[],
  options: VerifyRetellOptions = {},
): RetellSignatureResult {
  if (header == null || header.trim() === "") return { ok: false, reason: "missing" };
  const match = HEADER_PATTERN.exec(header.trim());
  if (!match) return { ok: false, reason: "malformed" };
  const [, v, hex] = match as unknown as [string, string, string];

  const timestamp = Number(v);
  const now = options.now === undefined ? Date.now() : Number(options.now);
  const windowMs = options.windowMs ?? RETELL_SIGNATURE_WINDOW_MS;
  const skewMs = now - timestamp;
  if (!Number.isSafeInteger(timestamp) || Math.abs(skewMs) > windowMs) return { ok: false, reason: "expired", skewMs };

  const given = Buffer.from(hex, "hex");
  let matched = false;
  for (const key of typeof apiKeys === "string" ? [apiKeys] : apiKeys) {
    if (!key) continue;
    const expected = digest(rawBody, key, v);
    // Both are 32 bytes (the pattern demands 64 hex digits); check anyway, timingSafeEqual throws otherwise.
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  return matched ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}

/** The `x-retell-signature` value Retell would send for `body` at `now` (tests, call simulator). */
export function signRetellBody(body: Body, apiKey: string, now: number | Date = Date.now()): string {
  const v = String(Math.trunc(Number(now)));
  return `v=${v},d=${digest(body, apiKey, v).toString("hex")}`;
}
