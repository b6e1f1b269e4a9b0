import { describe, expect, it } from "vitest";
import { splitLinks } from "./linkify";

describe("splitLinks", () => {
  it("finds http(s) links and leaves the rest as text", () => {
    expect(splitLinks("Open:\nhttps://portal.example/reset-password?token=a1&x=2\n\nBye")).toEqual([
      { kind: "text", value: "Open:\n" },
      { kind: "link", value: "https://portal.example/reset-password?token=a1&x=2" },
      { kind: "text", value: "\n\nBye" },
    ]);
  });

  it("drops trailing punctuation and ignores other schemes", () => {
    expect(splitLinks("See http://a.example/x. Or javascript:alert(1) (https://b.example/y)")).toEqual([
      { kind: "text", value: "See " },
      { kind: "link", value: "http://a.example/x" },
      { kind: "text", value: ". Or javascript:alert(1) (" },
      { kind: "link", value: "https://b.example/y" },
      { kind: "text", value: ")" },
    ]);
    expect(splitLinks("no links")).toEqual([{ kind: "text", value: "no links" }]);
    expect(splitLinks("")).toEqual([]);
  });
});
