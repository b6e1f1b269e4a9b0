import { describe, expect, it } from "vitest";
import { clockTimeSchema, e164Schema, minutesSchema, priceCentsSchema, timeZoneSchema } from "./fields";

describe("shared form fields", () => {
  it("turns typed prices into cents and refuses three decimals or a sign", () => {
    expect(priceCentsSchema.parse("35")).toBe(3500);
    expect(priceCentsSchema.parse("35,5")).toBe(3550);
    expect(priceCentsSchema.parse("0.05")).toBe(5);
    expect(priceCentsSchema.safeParse("12.345").error?.issues[0]?.message).toBe("price");
    expect(priceCentsSchema.safeParse("-1").error?.issues[0]?.message).toBe("price");
    expect(priceCentsSchema.safeParse(" ").error?.issues[0]?.message).toBe("required");
  });

  it("takes whole minutes in range only", () => {
    const m = minutesSchema(5, 600);
    expect(m.parse("30")).toBe(30);
    expect(m.safeParse("-15").error?.issues[0]?.message).toBe("minutes");
    expect(m.safeParse("7.5").error?.issues[0]?.message).toBe("minutes");
    expect(m.safeParse("").error?.issues[0]?.message).toBe("required");
  });

  it("knows IANA time zones and refuses made-up ones", () => {
    expect(timeZoneSchema.parse("Europe/Berlin")).toBe("Europe/Berlin");
    expect(timeZoneSchema.safeParse("Europe/Atlantis").error?.issues[0]?.message).toBe("timeZone");
  });

  it("normalizes phone numbers to E.164", () => {
    expect(e164Schema.parse("030 1234567")).toBe("+49301234567");
    expect(e164Schema.safeParse("12ab").error?.issues[0]?.message).toBe("phone");
  });

  it("reads clock times", () => {
    expect(clockTimeSchema.safeParse("09:30").success).toBe(true);
    expect(clockTimeSchema.safeParse("24:00").success).toBe(true);
    expect(clockTimeSchema.safeParse("25:00").success).toBe(false);
  });
});
