// The vocabulary of lib/voice/date-phrases.ts: German and English words for numbers, weekdays,
// months and parts of the day, as regex sources (used with the `u` flag) plus lookups. Umlauts
// may come spelled out (ue, oe, ae) from an LLM, so both spellings are accepted.

/** Word boundaries that also work next to umlauts (`\b` is ASCII-only in JS). */
export const B = "(?<![\\p{L}\\p{N}])";
export const E = "(?![\\p{L}\\p{N}])";

export const uml = (source: string) =>
  source.replaceAll("ü", "(?:ü|ue)").replaceAll("ö", "(?:ö|oe)").replaceAll("ä", "(?:ä|ae)").replaceAll("ß", "(?:ß|ss)");

const alternation = (words: Iterable<string>) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => uml(word).replaceAll(" ", "\\s+"))
    .join("|");

/** Folds the ue/oe/ae/ss spellings, so lookups need only the umlaut form. */
export const fold = (word: string) =>
  word.replaceAll("ue", "ü").replaceAll("oe", "ö").replaceAll("ae", "ä").replaceAll("ss", "ß").replace(/\s+/g, " ");

/** Looks a matched token up as written, then with umlauts folded ("tuesday" must not become "tüsday"). */
function lookup<T>(map: Record<string, T> | Map<string, T>, token: string): T | undefined {
  const get = (key: string) => (map instanceof Map ? map.get(key) : Object.hasOwn(map, key) ? map[key] : undefined);
  const plain = token.replace(/\s+/g, " ");
  return get(plain) ?? get(fold(plain));
}

// ── Cardinal numbers 1–30 (hours and minutes) ────────────────────────────────────────────────

const NUMBER_WORDS: Record<string, number> = {
  ein: 1, eins: 1, eine: 1, one: 1, zwei: 2, zwo: 2, two: 2, drei: 3, three: 3, vier: 4, four: 4,
  fünf: 5, five: 5, sechs: 6, six: 6, sieben: 7, seven: 7, acht: 8, eight: 8, neun: 9, nine: 9,
  zehn: 10, ten: 10, elf: 11, eleven: 11, zwölf: 12, twelve: 12, dreizehn: 13, vierzehn: 14,
  fünfzehn: 15, fifteen: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19, zwanzig: 20,
  twenty: 20, einundzwanzig: 21, zweiundzwanzig: 22, dreiundzwanzig: 23, "twenty five": 25,
  fünfundzwanzig: 25, dreißig: 30, thirty: 30,
};

/** A number as digits (1–2) or a word. */
export const NUM = `(?:\\d{1,2}|${alternation(Object.keys(NUMBER_WORDS))})`;

export function numberOf(token: string): number {
  return /^\d+$/.test(token) ? Number(token) : (lookup(NUMBER_WORDS, token) ?? Number.NaN);
}

// ── Ordinals 1–31 (dates) ────────────────────────────────────────────────────────────────────

const DE_ORDINAL_STEMS = [
  "erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt", "zehnt", "elft", "zwölft",
  "dreizehnt", "vierzehnt", "fünfzehnt", "sechzehnt", "siebzehnt", "achtzehnt", "neunzehnt", "zwanzigst",
];
const DE_UNITS = ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];
const EN_ORDINALS = [
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
  "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
];

const DE_ORDINALS = new Map<string, number>();
DE_ORDINAL_STEMS.forEach((stem, i) => DE_ORDINALS.set(stem, i + 1));
DE_UNITS.forEach((unit, i) => DE_ORDINALS.set(`${unit}undzwanzigst`, 21 + i));
DE_ORDINALS.set("dreißigst", 30);
DE_ORDINALS.set("einunddreißigst", 31);
const EN_ORDINAL_MAP = new Map<string, number>();
EN_ORDINALS.forEach((word, i) => EN_ORDINAL_MAP.set(word, i + 1));
EN_ORDINALS.slice(0, 9).forEach((word, i) => EN_ORDINAL_MAP.set(`twenty ${word}`, 21 + i));
EN_ORDINAL_MAP.set("thirtieth", 30);
EN_ORDINAL_MAP.set("thirty first", 31);

/** An ordinal word: German stems take their ending (dritten, dritte, dritter, drittem). */
export const ORDINAL = `(?:(?:${alternation(DE_ORDINALS.keys())})(?:en|er|em|e)|${alternation(EN_ORDINAL_MAP.keys())})`;

export function ordinalOf(token: string): number {
  return lookup(EN_ORDINAL_MAP, token) ?? lookup(DE_ORDINALS, token.replace(/(?:en|er|em|e)$/, "")) ?? Number.NaN;
}

// ── Months and weekdays ──────────────────────────────────────────────────────────────────────

const MONTH_WORDS: Record<string, number> = {
  januar: 1, jänner: 1, january: 1, jan: 1, februar: 2, february: 2, feb: 2, märz: 3, march: 3, mär: 3, mar: 3,
  april: 4, apr: 4, mai: 5, may: 5, juni: 6, june: 6, jun: 6, juli: 7, july: 7, jul: 7, august: 8, aug: 8,
  september: 9, sept: 9, sep: 9, oktober: 10, october: 10, okt: 10, oct: 10, november: 11, nov: 11,
  dezember: 12, december: 12, dez: 12, dec: 12,
};
export const MONTH = `(?:${alternation(Object.keys(MONTH_WORDS))})`;
/** Full month names only, for a month said alone after a preposition ("im Dezember", "in May"; not "mar", "dez"). */
export const MONTH_FULL = `(?:${alternation(Object.keys(MONTH_WORDS).filter((w) => w.length > 4 || ["mai", "may", "juni", "juli", "june", "july"].includes(w)))})`;
export const monthOf = (token: string) => lookup(MONTH_WORDS, token) ?? Number.NaN;

const WEEKDAY_WORDS: Record<string, number> = {
  montag: 1, monday: 1, mon: 1, dienstag: 2, tuesday: 2, tues: 2, tue: 2, mittwoch: 3, wednesday: 3, wed: 3,
  donnerstag: 4, thursday: 4, thurs: 4, thu: 4, freitag: 5, friday: 5, fri: 5, samstag: 6, sonnabend: 6,
  saturday: 6, sat: 6, sonntag: 7, sunday: 7,
};
export const WEEKDAY = `(?:${alternation(Object.keys(WEEKDAY_WORDS))})`;
export const WEEKDAY_EN = `(?:${alternation(Object.keys(WEEKDAY_WORDS).filter((w) => w.endsWith("day") && !w.endsWith("tag")))})`;
export const weekdayOf = (token: string) => lookup(WEEKDAY_WORDS, token) ?? Number.NaN;

// ── Parts of the day ─────────────────────────────────────────────────────────────────────────

export type PartOfDay = "morning" | "noon" | "afternoon" | "evening";

/** Local clock ranges [from, to) in minutes after midnight. */
export const PART_OF_DAY_RANGES: Record<PartOfDay, readonly [number, number]> = {
  morning: [6 * 60, 12 * 60],
  noon: [11 * 60 + 30, 14 * 60],
  afternoon: [12 * 60, 18 * 60],
  evening: [17 * 60, 22 * 60],
};

const PART_WORDS: Record<string, PartOfDay> = {
  früh: "morning", morgen: "morning", morgens: "morning", vormittag: "morning", vormittags: "morning", morning: "morning",
  mittag: "noon", mittags: "noon", lunchtime: "noon", lunch: "noon",
  nachmittag: "afternoon", nachmittags: "afternoon", afternoon: "afternoon",
  abend: "evening", abends: "evening", evening: "evening",
};
/** A part-of-day word that may follow a day ("morgen früh", "Dienstagnachmittag", "friday morning"). */
export const PART_SUFFIX = `(?:${alternation(Object.keys(PART_WORDS))})`;
export const partOf = (token: string): PartOfDay | undefined => lookup(PART_WORDS, token);
