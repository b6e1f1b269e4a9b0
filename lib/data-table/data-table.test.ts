import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CSV_BOM, attachmentDisposition, csvCell, csvLine, csvStream } from "./csv";
import { decodeCursor, encodeCursor } from "./cursor";
import { keysetPage } from "./keyset";
import { createLoader, dataTableParsers } from "./search-params";

// The kit's server helpers without a database: CSV escaping and streaming, cursors, URL parsing.

describe("csv", () => {
  it("quotes separators, quotes and line breaks, and guards cells that a spreadsheet would run as formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("a;b")).toBe('"a;b"');
    for (const evil of ["=SUM(A1)", "+49301234567", "-2+3", "@cmd", "\tx"]) expect(csvCell(evil).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
  });

  it("streams a BOM, the header and every batch, reading one batch at a time", async () => {
    const pulled: number[] = [];
    async function* batches() {
      for (let i = 0; i < 3; i++) {
        pulled.push(i);
        yield [{ n: i, name: `Zeile ${i} ü` }];
      }
    }
    const stream = csvStream(["n", "name"], batches(), (r) => [r.n, r.name]);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(pulled).toEqual([]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(first.value)).toBe(`${CSV_BOM}n,name\r\n`);
    const text = await new Response(new ReadableStream({ start: async (c) => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        c.enqueue(value);
      }
      c.close();
    } })).text();
    expect(text).toBe("0,Zeile 0 ü\r\n1,Zeile 1 ü\r\n2,Zeile 2 ü\r\n");
  });

  it("names the download in ASCII and UTF-8", () => {
    expect(attachmentDisposition("kunden-2026-03-01.csv")).toBe(`attachment; filename="kunden-2026-03-01.csv"; filename*=UTF-8''kunden-2026-03-01.csv`);
    expect(attachmentDisposition('Kündigung "x".csv')).toBe(`attachment; filename="K_ndigung _x_.csv"; filename*=UTF-8''K%C3%BCndigung%20%22x%22.csv`);
  });
});

describe("cursors", () => {
  const shape = z.tuple([z.string(), z.uuid()]);
  const id = "0190a4b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";

  it("round-trip opaque base64url", () => {
    const cursor = encodeCursor(["2026-03-01T10:00:00.123456Z", id]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, shape)).toEqual(["2026-03-01T10:00:00.123456Z", id]);
  });

  it("drop anything malformed", () => {
    for (const bad of [null, "", "!!!", "%%%", "a".repeat(3000), encodeCursor(["x"]), encodeCursor(["x", "not-a-uuid"]), Buffer.from("{").toString("base64url")]) {
      expect(decodeCursor(bad, shape)).toBeNull();
    }
  });
});

describe("keysetPage", () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
  const cursor = (n: number) => `c${n}`;

  it("knows its neighbours going forwards and backwards", () => {
    expect(keysetPage(rows(4), 3, { mode: "first" }, cursor)).toEqual({ rows: [0, 1, 2], nextCursor: "c2", prevCursor: null });
    expect(keysetPage(rows(2), 3, { mode: "after", cursor: "x" }, cursor)).toEqual({ rows: [0, 1], nextCursor: null, prevCursor: "c0" });
    // Fetched backwards (nearest first): shown in sort order again.
    expect(keysetPage([9, 8, 7, 6], 3, { mode: "before", cursor: "x" }, cursor)).toEqual({ rows: [7, 8, 9], nextCursor: "c9", prevCursor: "c7" });
    expect(keysetPage([9, 8], 3, { mode: "before", cursor: "x" }, cursor)).toEqual({ rows: [8, 9], nextCursor: "c9", prevCursor: null });
  });
});

describe("dataTableParsers", () => {
  const load = createLoader({ ...dataTableParsers({ sorts: ["created.desc", "name.asc"] as const, defaultSort: "created.desc", hideable: ["phone", "email"] as const }) });

  it("reads a good URL", () => {
    expect(load("?q=M%C3%BCller&sort=name.asc&size=25&after=abc&page=3&hide=phone,email")).toEqual({
      q: "Müller",
      sort: "name.asc",
      size: 25,
      after: "abc",
      before: null,
      page: 3,
      hide: ["phone", "email"],
    });
  });

  it("drops malformed values to their defaults instead of failing", () => {
    expect(load(`?q=${"x".repeat(201)}&sort=drop&size=7&page=-1&hide=phone,password`)).toEqual({
      q: "",
      sort: "created.desc",
      size: 50,
      after: null,
      before: null,
      page: 1,
      hide: ["phone"],
    });
    expect(load("?page=1e9&size=abc").page).toBe(1);
  });
});
