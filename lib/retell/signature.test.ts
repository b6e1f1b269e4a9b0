import { describe, expect, it } from "vitest";
import { RETELL_SIGNATURE_WINDOW_MS, signRetellBody, verifyRetellSignature } from "./signature";

// The test vector from integrations.md §1.2 (taken from the retell-sdk test suite).
const VECTOR = {
  body: '{"event":"call_ended"}',
  key: "test-api-key",
  v: 1700000000000,
  digest: "07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e",
};
const header = `v=${VECTOR.v},d=${VECTOR.digest}`;

describe("verifyRetellSignature", () => {
  it("passes the documented test vector", () => {
    expect(verifyRetellSignature(VECTOR.body, header, VECTOR.key, { now: VECTOR.v })).toEqual({ ok: true, timestamp: VECTOR.v });
  });

  it("accepts the body as bytes, a Date as now, upper-case hex and surrounding whitespace", () => {
    const bytes = new TextEncoder().encode(VECTOR.body);
    expect(verifyRetellSignature(bytes, header, VECTOR.key, { now: new Date(VECTOR.v) }).ok).toBe(true);
    const upper = `  v=${VECTOR.v},d=${VECTOR.digest.toUpperCase()} `;
    expect(verifyRetellSignature(VECTOR.body, upper, VECTOR.key, { now: VECTOR.v }).ok).toBe(true);
  });

  it("reports a missing header", () => {
    for (const value of [null, undefined, "", "   "]) {
      expect(verifyRetellSignature(VECTOR.body, value, VECTOR.key, { now: VECTOR.v })).toEqual({ ok: false, reason: "missing" });
    }
  });

  it("reports malformed headers", () => {
    const bad = [
      `d=${VECTOR.digest},v=${VECTOR.v}`, // order
      `v=${VECTOR.v}`,
      `v=${VECTOR.v},d=${VECTOR.digest.slice(1)}`, // 63 digits
      `v=${VECTOR.v},d=${VECTOR.digest}00`, // 66 digits
      `v=${VECTOR.v},d=${"g".repeat(64)}`,
      `v=-1,d=${VECTOR.digest}`,
      `v=1.5,d=${VECTOR.digest}`,
      `v=${VECTOR.v}, d=${VECTOR.digest}`,
      `${header}, ${header}`, // two headers joined by the fetch API
      `t=${VECTOR.v},v1=${VECTOR.digest}`,
      `v=${"9".repeat(30)},d=${VECTOR.digest}`,
    ];
    for (const value of bad) {
      expect(verifyRetellSignature(VECTOR.body, value, VECTOR.key, { now: VECTOR.v }), value).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("accepts up to five minutes of skew in both directions and refuses beyond", () => {
    const at = (now: number) => verifyRetellSignature(VECTOR.body, header, VECTOR.key, { now });
    expect(at(VECTOR.v + RETELL_SIGNATURE_WINDOW_MS).ok).toBe(true);
    expect(at(VECTOR.v - RETELL_SIGNATURE_WINDOW_MS).ok).toBe(true);
    expect(at(VECTOR.v + RETELL_SIGNATURE_WINDOW_MS + 1)).toEqual({ ok: false, reason: "expired", skewMs: RETELL_SIGNATURE_WINDOW_MS + 1 });
    // Dated in the future beyond the window (a sender clock far ahead, or a pre-signed replay).
    expect(at(VECTOR.v - RETELL_SIGNATURE_WINDOW_MS - 1)).toEqual({ ok: false, reason: "expired", skewMs: -RETELL_SIGNATURE_WINDOW_MS - 1 });
    expect(verifyRetellSignature(VECTOR.body, header, VECTOR.key, { now: VECTOR.v + 2_000, windowMs: 1_000 }).ok).toBe(false);
  });

  it("checks the window before the digest, so an old request is 'expired' even if correctly signed", () => {
    expect(verifyRetellSignature(VECTOR.body, header, VECTOR.key, { now: Date.now() }).ok).toBe(false);
    expect(verifyRetellSignature(VECTOR.body, header, VECTOR.key).ok).toBe(false);
  });

  it("reports a mismatch for another body, key or timestamp", () => {
    const now = VECTOR.v;
    expect(verifyRetellSignature('{"event":"call_ended" }', header, VECTOR.key, { now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRetellSignature('{"event":"call_started"}', header, VECTOR.key, { now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRetellSignature(VECTOR.body, header, "other-key", { now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRetellSignature(VECTOR.body, `v=${VECTOR.v + 1},d=${VECTOR.digest}`, VECTOR.key, { now })).toEqual({ ok: false, reason: "mismatch" });
    // v enters the HMAC as sent: a leading zero is a different message.
    expect(verifyRetellSignature(VECTOR.body, `v=0${VECTOR.v},d=${VECTOR.digest}`, VECTOR.key, { now })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("never verifies against an empty key, and accepts any of several keys (rotation)", () => {
    const emptySigned = signRetellBody(VECTOR.body, "", VECTOR.v);
    expect(verifyRetellSignature(VECTOR.body, emptySigned, "", { now: VECTOR.v })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRetellSignature(VECTOR.body, emptySigned, [], { now: VECTOR.v })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyRetellSignature(VECTOR.body, header, ["new-key", VECTOR.key], { now: VECTOR.v }).ok).toBe(true);
  });
});

describe("signRetellBody", () => {
  it("reproduces the test vector", () => {
    expect(signRetellBody(VECTOR.body, VECTOR.key, VECTOR.v)).toBe(header);
    expect(signRetellBody(new TextEncoder().encode(VECTOR.body), VECTOR.key, new Date(VECTOR.v))).toBe(header);
  });

  it("round-trips any body, including non-ASCII text", () => {
    const body = JSON.stringify({ name: "book_appointment", args: { customer_name: "Jürgen Müller – ß" } });
    const now = 1_780_000_000_123;
    const signed = signRetellBody(body, "key_abc", now);
    expect(signed).toMatch(/^v=1780000000123,d=[0-9a-f]{64}$/);
    expect(verifyRetellSignature(body, signed, "key_abc", { now: now + 60_000 })).toEqual({ ok: true, timestamp: now });
  });
});
