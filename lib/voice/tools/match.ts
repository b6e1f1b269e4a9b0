// Matching what a caller said to a service or staff name: "Herrenschnitt" ~ "Herrenhaarschnitt",
// "damen haarschnitt" ~ "Damenhaarschnitt", "men's cut" ~ "Men's haircut". Deliberately simple and
// predictable (no edit distances): names and the query are normalized (lower case, ß → ss,
// umlauts both spelled out and stripped, everything but letters and digits dropped), then ranked
//   3  equal
//   2  one contains the other
//   1  the query is a start of the name plus an end of it ("herren" + "schnitt"), each ≥ 3 letters
// Only the best rank counts; several at that rank are ambiguous (the agent asks back).

export const normalizeName = (text: string, umlauts: "spell" | "strip" = "spell") => {
  let t = text.toLowerCase().replaceAll("ß", "ss");
  if (umlauts === "spell") t = t.replaceAll("ä", "ae").replaceAll("ö", "oe").replaceAll("ü", "ue");
  return t
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9 ]+/g, "")
    .trim();
};

/** Both spellings of umlauts: a transcript may say "Farben" for "Färben", a person "Faerben". */
const forms = (text: string) => [...new Set([normalizeName(text, "spell"), normalizeName(text, "strip")])];

const compact = (text: string) => text.replace(/ /g, "");
const MIN_PART = 3;

function rank(query: string, name: string): number {
  const q = compact(query);
  const n = compact(name);
  if (q.length < MIN_PART) return q === n ? 3 : 0;
  if (q === n) return 3;
  if (n.includes(q) || (n.length >= MIN_PART && q.includes(n))) return 2;
  for (let k = MIN_PART; k <= q.length - MIN_PART; k++) {
    if (n.startsWith(q.slice(0, k)) && n.endsWith(q.slice(k)) && n.length > q.length) return 1;
  }
  return 0;
}

export type NameMatch<T> = { kind: "one"; item: T } | { kind: "ambiguous"; items: T[] } | { kind: "none" };

export function matchByName<T>(query: string, items: readonly T[], nameOf: (item: T) => string | readonly string[]): NameMatch<T> {
  const queries = forms(query).filter(Boolean);
  if (queries.length === 0) return { kind: "none" };
  let best = 0;
  let found: T[] = [];
  for (const item of items) {
    const names = ([] as string[]).concat(nameOf(item));
    const score = Math.max(0, ...names.flatMap((name) => forms(name).flatMap((n) => queries.map((q) => rank(q, n)))));
    if (score === 0 || score < best) continue;
    if (score > best) {
      best = score;
      found = [];
    }
    found.push(item);
  }
  if (found.length === 0) return { kind: "none" };
  return found.length === 1 ? { kind: "one", item: found[0]! } : { kind: "ambiguous", items: found };
}
