import { describe, expect, it } from "vitest";
import { billableSeconds } from "./usage";

describe("billableSeconds", () => {
  it("rounds duration_ms up to the billing increment", () => {
    expect(billableSeconds(61_000)).toBe(61);
    expect(billableSeconds(61_001)).toBe(62);
    expect(billableSeconds(1)).toBe(1);
    expect(billableSeconds(61_000, "minute")).toBe(120);
    expect(billableSeconds(60_000, "minute")).toBe(60);
    expect(billableSeconds(1, "minute")).toBe(60);
  });

  it("a call that never connected, or a nonsense duration, costs nothing", () => {
    expect(billableSeconds(0)).toBe(0);
    expect(billableSeconds(-5)).toBe(0);
    expect(billableSeconds(Number.NaN, "minute")).toBe(0);
  });
});
