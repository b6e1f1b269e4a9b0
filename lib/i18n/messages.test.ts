import { describe, expect, it } from "vitest";
import { locales } from "./config";
import { catalogParts, catalogs as merged } from "./catalog";

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

const catalogs = { de: merged.de as unknown as Tree, en: merged.en as unknown as Tree } satisfies Record<(typeof locales)[number], Tree>;
/** The ICU argument names of a message: "{name}", "{count, plural, …}" and those inside plural/select branches (not the branches' text). */
function argumentsOf(text: string, out = new Set<string>()): Set<string> {
  for (const group of groupsOf(text)) {
    const head = /^\s*(\w+)\s*(?:,\s*(\w+)\s*(?:,([\s\S]*))?)?$/.exec(group);
    if (!head) continue;
    out.add(head[1]!);
    // Branch bodies of plural/select are messages themselves.
    if (head[2] && /^(plural|select|selectordinal)$/.test(head[2]) && head[3]) {
      for (const branch of groupsOf(head[3])) argumentsOf(branch, out);
    }
  }
  return out;
}

/** The top-level {…} groups of a text, by brace depth. */
function groupsOf(text: string): string[] {
  const groups: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{") {
      if (depth === 0) start = i + 1;
      depth++;
    } else if (text[i] === "}" && depth > 0) {
      depth--;
      if (depth === 0) groups.push(text.slice(start, i));
    }
  }
  return groups;
}
const placeholders = (text: string) => [...argumentsOf(text)].sort();

describe("message catalogs", () => {
  it("read ICU arguments, not the text of plural branches", () => {
    expect(placeholders("{count, plural, =0 {Keine Treffer} one {# Treffer für {name}} other {# Treffer}}")).toEqual(["count", "name"]);
    expect(placeholders("Hallo {name}, {when, date, short}")).toEqual(["name", "when"]);
  });

  const deLeaves = leaves(catalogs.de);
  const enLeaves = leaves(catalogs.en);

  it("has a catalog for every locale", () => {
    expect(Object.keys(catalogs).sort()).toEqual([...locales].sort());
  });

  it("define each top-level namespace in one file only", () => {
    for (const [locale, parts] of Object.entries(catalogParts)) {
      const seen = new Map<string, number>();
      parts.forEach((part, index) => {
        for (const key of Object.keys(part)) {
          expect(seen.has(key), `${locale}: namespace "${key}" in parts ${seen.get(key)} and ${index}`).toBe(false);
          seen.set(key, index);
        }
      });
    }
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
