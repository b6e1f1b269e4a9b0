import "server-only";
import { and, asc, eq, gte, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { customers } from "@/db/schema";
import { readSearch } from "@/lib/customers/list";
import { openCustomerFields } from "@/lib/customers/protect";
import { type CustomerHit, SEARCH_GROUP_LIMIT } from "./types";

// Customers for the search palette: by exact phone or email through the blind index (as the
// customers list reads a query: lib/customers/list.ts readSearch), otherwise by name.
//
// Name search must stay fast on 500K customers, so a word is matched as a *last-name prefix* on
// customers_company_id_last_name_idx (company_id, last_name, first_name). The list's
// `ilike 'prefix%'` cannot use that index (no case-insensitive index exists, and the database's
// C.UTF-8 collation is not "C" to the planner, so not even LIKE is index-served); instead each
// case spelling of the word people actually store ("müller", "Müller", "MÜLLER", the word as
// typed) becomes an exact index range `last_name >= 'Mül' and last_name < 'Mün'`, walked in
// name order and stopped after a few rows. The ilike on the whole word stays as the filter, so
// a range can only narrow, never add. Several words ("anna mül", "Müller, Anna"): any one of
// them is the last-name prefix, every other must start the first or the last name.
// Trade-offs: a first name alone finds nothing, and an inner capital typed in lower case
// ("mcd" for "McDonald") is missed; the customers list still finds both.

const MAX_WORDS = 3;

const likePrefix = (word: string) => `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The spellings a stored last name starting with this word most likely has. */
export function caseSpellings(word: string): string[] {
  const [first = "", ...rest] = [...word];
  const tail = rest.join("");
  return [...new Set([word, word.toLowerCase(), word.toUpperCase(), first.toUpperCase() + tail.toLowerCase(), first.toUpperCase() + tail])];
}

/** The least string above every string starting with prefix (code-point order), or null if none. */
export function prefixUpperBound(prefix: string): string | null {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    let next = last + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= 0x10ffff) return points.join("") + String.fromCodePoint(next);
  }
  return null;
}

const hitColumns = {
  id: customers.id,
  companyId: customers.companyId,
  firstName: customers.firstName,
  lastName: customers.lastName,
  phoneCiphertext: customers.phoneCiphertext,
};

type Row = { id: string; companyId: string; firstName: string; lastName: string; phoneCiphertext: string | null };

const byName = (a: Row, b: Row) =>
  a.lastName < b.lastName ? -1 : a.lastName > b.lastName ? 1 : a.firstName < b.firstName ? -1 : a.firstName > b.firstName ? 1 : a.id < b.id ? -1 : 1;

/** The company's live customers the query names (at most SEARCH_GROUP_LIMIT, by name). */
export async function findCustomers(tx: Tx, companyId: string, query: string): Promise<CustomerHit[]> {
  const live = [eq(customers.companyId, companyId), isNull(customers.deletedAt)];
  const search = readSearch(query);
  let rows: Row[];
  if (search.kind === "phone" || search.kind === "email") {
    if (!search.blindIndex) return [];
    const column = search.kind === "phone" ? customers.phoneBlindIndex : customers.emailBlindIndex;
    rows = await tx
      .select(hitColumns)
      .from(customers)
      .where(and(...live, eq(column, search.blindIndex)))
      .orderBy(asc(customers.lastName), asc(customers.firstName), asc(customers.id))
      .limit(SEARCH_GROUP_LIMIT);
  } else {
    const words = query.split(/[\s,;]+/).filter(Boolean).slice(0, MAX_WORDS);
    if (words.length === 0) return [];
    const startsName = (word: string) =>
      or(sql`${customers.firstName} ilike ${likePrefix(word)}`, sql`${customers.lastName} ilike ${likePrefix(word)}`)!;
    // One short ordered index walk per (word as last name, spelling); the pipeline sends them together.
    const walks = words.flatMap((word, i) => {
      const others = words.filter((_, j) => j !== i).map(startsName);
      return caseSpellings(word).map((spelling) => {
        const upper = prefixUpperBound(spelling);
        const range: SQL[] = [gte(customers.lastName, spelling), ...(upper ? [lt(customers.lastName, upper)] : [])];
        return tx
          .select(hitColumns)
          .from(customers)
          .where(and(...live, ...range, sql`${customers.lastName} ilike ${likePrefix(word)}`, ...others))
          .orderBy(asc(customers.lastName), asc(customers.firstName), asc(customers.id))
          .limit(SEARCH_GROUP_LIMIT);
      });
    });
    const found = new Map<string, Row>();
    for (const row of (await Promise.all(walks)).flat()) found.set(row.id, row);
    rows = [...found.values()].sort(byName).slice(0, SEARCH_GROUP_LIMIT);
  }
  return rows.map((row) => ({
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    // Only the phone is shown: email and notes stay sealed.
    phone: openCustomerFields({ companyId: row.companyId, phoneCiphertext: row.phoneCiphertext, emailCiphertext: null, notesCiphertext: null }).phone,
  }));
}
