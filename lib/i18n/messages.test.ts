import { describe, expect, it } from "vitest";
import { locales } from "./config";
import de from "./messages/de.json";
import en from "./messages/en.json";

// Every visible string is in both catalogs: same keys (deep), no empty text, same placeholders.

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const catalogs = { de: de as Tree, en: en as Tree } satisfies Record<(typeof locales)[number], Tree>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  const deLeaves = leaves(catalogs.de);
  const enLeaves = leaves(catalogs.en);

  it("has a catalog for every locale", () => {
    expect(Object.keys(catalogs).sort()).toEqual([...locales].sort());
  });

  it("have exactly the same keys", () => {
    expect([...enLeaves.keys()].sort()).toEqual([...deLeaves.keys()].sort());
  });

  it("hold only non-empty strings", () => {
    for (const [locale, tree] of Object.entries(catalogs)) {
      for (const [key, value] of leaves(tree)) {
        expect(typeof value, `${locale}:${key}`).toBe("string");
        expect(value.trim(), `${locale}:${key} is empty`).not.toBe("");
      }
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, text] of deLeaves) {
      expect(placeholders(enLeaves.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });
});
