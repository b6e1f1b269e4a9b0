import { describe, expect, it } from "vitest";
import { matchByName, normalizeName } from "./match";

const services = ["Damenhaarschnitt", "Herrenhaarschnitt", "Färben", "Men's haircut", "Kinderhaarschnitt"].map((name) => ({ name }));
const match = (query: string) => {
  const m = matchByName(query, services, (s) => s.name);
  return m.kind === "one" ? m.item.name : m.kind === "ambiguous" ? m.items.map((s) => s.name) : null;
};

describe("matchByName", () => {
  it("normalizes case, umlauts and punctuation", () => {
    expect(normalizeName("Färben & Föhnen")).toBe("faerben  foehnen");
    expect(normalizeName("Färben", "strip")).toBe("farben");
    expect(normalizeName("Men's Cut")).toBe("mens cut");
  });

  it("finds exact, contained and start-plus-end matches", () => {
    expect(match("damenhaarschnitt")).toBe("Damenhaarschnitt");
    expect(match("Herrenschnitt")).toBe("Herrenhaarschnitt");
    expect(match("Damen Haarschnitt")).toBe("Damenhaarschnitt");
    expect(match("Farben")).toBe("Färben");
    expect(match("faerben")).toBe("Färben");
    expect(match("Färben")).toBe("Färben");
    expect(match("mens cut")).toBe("Men's haircut");
    expect(match("Herrenhaarschnitt mit Waschen")).toBe("Herrenhaarschnitt");
  });

  it("is ambiguous when several match equally, and finds nothing for nonsense", () => {
    expect(match("Haarschnitt")).toEqual(["Damenhaarschnitt", "Herrenhaarschnitt", "Kinderhaarschnitt"]);
    expect(match("Massage")).toBeNull();
    expect(match("  ")).toBeNull();
    expect(match("ab")).toBeNull();
  });
});
