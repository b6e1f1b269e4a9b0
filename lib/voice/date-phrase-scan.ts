import {
  B,
  E,
  MONTH,
  MONTH_FULL,
  monthOf,
  NUM,
  numberOf,
  ORDINAL,
  ordinalOf,
  PART_SUFFIX,
  partOf,
  type PartOfDay,
  uml,
  WEEKDAY,
  WEEKDAY_EN,
  weekdayOf,
} from "@/lib/voice/date-phrase-words";

// Step 1 of lib/voice/date-phrases.ts: find what a phrase says, without resolving it against a
// clock. Patterns are tried in a fixed order (most specific first); each match is blanked out of
// the text so a later, looser pattern cannot read it again ("viertel nach 10" before "nach 10",
// "übermorgen" before "morgen", "morgen früh" before a lone "morgen").

/** A clock time as said: `spoken` is the hour the caller named (halb drei → 3), for the p.m. rule. */
export type SaidTime = { hour: number; minute: number; spoken: number; meridiem?: "am" | "pm"; literal: boolean };

export type WeekSpec = { weeks: number; part?: "start" | "middle" | "end" | "weekend" };

export type Said = {
  /** A calendar date; year undefined = the next such date. */
  date?: { year?: number; month: number; day: number };
  /** Only a day of the month ("am 15.", "am Dritten"): this month or the next. */
  dayOfMonth?: number;
  /** A whole month, or a third of it. */
  month?: { month: number; year?: number; part?: "start" | "middle" | "end" };
  /** Days after today (heute 0, morgen 1, in 3 Tagen 3). */
  offset?: number;
  weekday?: { day: number; weeks?: number };
  week?: WeekSpec;
  soon?: true;
  part?: PartOfDay;
  time?: SaidTime;
  after?: SaidTime;
  before?: SaidTime;
  /** "nachts": a bare hour is read as said up to 5, else p.m. ("nachts um 2" → 02:00, "nachts um 11" → 23:00). */
  night?: true;
  /** An instant given with its UTC offset (ISO 8601 from the LLM). */
  instant?: number;
  past?: true;
};

const rx = (source: string) => new RegExp(uml(source), "u");

class Text {
  constructor(public rest: string) {}
  take(re: RegExp): RegExpExecArray | null {
    const match = re.exec(this.rest);
    if (match) this.rest = this.rest.slice(0, match.index) + " ".repeat(match[0].length) + this.rest.slice(match.index + match[0].length);
    return match;
  }
}

export function normalizePhrase(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[,;!?()"„“”«»]/g, " ")
    .replace(/['’`´]/g, "")
    .replace(/(?<!\d)[-–]|[-–](?!\d)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const year = (y: string | undefined) => (y === undefined ? undefined : y.length === 2 ? 2000 + Number(y) : Number(y));

// ── Dates ───────────────────────────────────────────────────────────────────────────────────

const DAY_SUFFIX = "(?:\\.|st|nd|rd|th|ten|ter|te)?";
const DATE_PATTERNS: [RegExp, (m: RegExpExecArray, said: Said) => void][] = [
  // ISO 8601 from the LLM: a local date and time, or an instant if it carries an offset.
  [
    /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?(?![\d:])/u,
    (m, said) => {
      said.date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
      if (m[4] === undefined) return;
      const [hour, minute] = [Number(m[4]), Number(m[5])];
      said.time = { hour, minute, spoken: hour, literal: true };
      if (m[7]) {
        const offset = m[7] === "z" ? 0 : (m[7][0] === "-" ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(-2)));
        said.instant = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute, Number(m[6] ?? 0)) - offset * 60_000;
      }
    },
  ],
  // 3.12. / 03.12.2026 / 3.12.26 / 3/12 / 3/12/2026 (day first)
  [
    /(?<![\d.:/])(\d{1,2})(?:\.\s?(\d{1,2})\.(?:\s?(\d{4})(?![\d.:])|(\d{2})(?![\d.:]))?|\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/:]))/u,
    (m, said) => (said.date = { day: Number(m[1]), month: Number(m[2] ?? m[5]), year: year(m[3] ?? m[4] ?? m[6]) }),
  ],
  // am 3.12 (no trailing dot; "15.30" alone is a time)
  [
    rx(`${B}(?:am|den|dem|on)\\s+(\\d{1,2})\\.(\\d{1,2})(?![\\d.:])(?!\\s*(?:uhr|h)${E})`),
    (m, said) => (said.date = { day: Number(m[1]), month: Number(m[2]) }),
  ],
  // 3. Dezember (2026), 3rd of December, den dritten Dezember
  [
    rx(`(?<![\\d.])(?:(\\d{1,2})${DAY_SUFFIX}|${B}(${ORDINAL}))\\s*(?:of\\s+)?${B}(${MONTH})\\.?(?:\\s+(\\d{4}))?${E}`),
    (m, said) => (said.date = { day: m[1] ? Number(m[1]) : ordinalOf(m[2]!), month: monthOf(m[3]!), year: year(m[4]) }),
  ],
  // December 3rd (2026), Dec 3, December third
  [
    rx(`${B}(${MONTH})\\.?\\s+(?:the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?(?![\\d.:])(?!\\s*(?:uhr|h|pm|am|o\\s?clock)${E})|(${ORDINAL}))(?:\\s+(\\d{4}))?${E}`),
    (m, said) => (said.date = { day: m[2] ? Number(m[2]) : ordinalOf(m[3]!), month: monthOf(m[1]!), year: year(m[4]) }),
  ],
  // am 15. / am Dritten / on the 3rd
  [
    rx(`${B}(?:am|den|on\\s+the|the)\\s+(?:(\\d{1,2})(?:\\.|st|nd|rd|th)(?![\\d:])|(${ORDINAL})${E})(?!\\s*(?:uhr|h)${E})`),
    (m, said) => (said.dayOfMonth = m[1] ? Number(m[1]) : ordinalOf(m[2]!)),
  ],
  // im Dezember, Anfang Dezember, early March 2027
  [
    rx(`${B}(?:(anfang|mitte|ende|early|mid|late|beginning\\s+of|start\\s+of|middle\\s+of|end\\s+of)|im|in)\\s+(${MONTH_FULL})(?:\\s+(\\d{4}))?${E}`),
    (m, said) => {
      const part = !m[1] ? undefined : /^(anfang|early|beginning|start)/.test(m[1]) ? "start" : /^(mitte|mid|middle)/.test(m[1]) ? "middle" : "end";
      said.month = { month: monthOf(m[2]!), year: year(m[3]), part };
    },
  ],
];

// ── Weeks, weekdays, relative days ──────────────────────────────────────────────────────────

const THIS = "(?:diese[nmrs]?|this|the|der)";
const NEXT = "(?:nächste[nmrs]?|next|following)";
/** "kommenden Freitag" is the upcoming Friday, but "kommende Woche" is next week. */
const UPCOMING = "(?:kommende[nmrs]?|coming)";
const AFTER_NEXT = "(?:übernächste[nmrs]?)";
const LAST = "(?:letzte[nmrs]?|vergangene[nmrs]?|vorige[nmrs]?|last|past|previous)";
const weeksOf = (modifier: string | undefined, upcoming = 1) =>
  !modifier
    ? undefined
    : rx(`^${AFTER_NEXT}$`).test(modifier)
      ? 2
      : rx(`^${NEXT}$`).test(modifier)
        ? 1
        : rx(`^${UPCOMING}$`).test(modifier)
          ? upcoming
          : rx(`^${LAST}$`).test(modifier)
            ? -1
            : 0;

const WEEK_PATTERNS: [RegExp, (m: RegExpExecArray, said: Said) => void][] = [
  [
    rx(`${B}(anfang|mitte|ende|early|mid|late|beginning\\s+of|start\\s+of|middle\\s+of|end\\s+of)\\s+(?:(${THIS}|${NEXT}|${UPCOMING}|${AFTER_NEXT})\\s+)?(?:woche|week)${E}`),
    (m, said) => {
      const part = /^(anfang|early|beginning|start)/.test(m[1]!) ? "start" : /^(mitte|mid|middle)/.test(m[1]!) ? "middle" : "end";
      said.week = { weeks: weeksOf(m[2]) ?? 0, part };
    },
  ],
  [rx(`${B}(?:in\\s+)?(?:der\\s+)?(${THIS}|${NEXT}|${UPCOMING}|${AFTER_NEXT}|${LAST})\\s+(?:woche|week)${E}`), (m, said) => (said.week = { weeks: weeksOf(m[1])! })],
  [rx(`${B}(?:the\\s+)?week\\s+after\\s+next${E}`), (_m, said) => (said.week = { weeks: 2 })],
  [
    rx(`${B}(?:(?:am|an\\s+dem|this|over\\s+the|at\\s+the|on\\s+the)\\s+)?(?:(${THIS}|${NEXT}|${UPCOMING}|${AFTER_NEXT}|${LAST})\\s+)?(?:wochenende|weekend)${E}`),
    (m, said) => (said.week = { weeks: weeksOf(m[1]) ?? 0, part: "weekend" }),
  ],
  [
    rx(`${B}(?:(?:am|on)\\s+)?(?:(${THIS}|${NEXT}|${UPCOMING}|${AFTER_NEXT}|${LAST})\\s+)?(${WEEKDAY})(?:s(?!\\p{L}))?(?:\\s*(${PART_SUFFIX}))?${E}`),
    (m, said) => {
      const weeks = weeksOf(m[1], 0);
      said.weekday = { day: weekdayOf(m[2]!), weeks: weeks === 0 ? undefined : weeks };
      if (m[3]) said.part = partOf(m[3]);
    },
  ],
  [rx(`${B}(?:am|in\\s+the)\\s+(morgen|morning)${E}`), (_m, said) => (said.part = "morning")],
  [rx(`${B}(?:nachts|in\\s+der\\s+nacht|at\\s+night)${E}`), (_m, said) => (said.night = true)],
  [rx(`${B}this\\s+(morning|afternoon|evening)${E}`), (m, said) => Object.assign(said, { offset: 0, part: partOf(m[1]!) })],
  [rx(`${B}(?:tonight|heute\\s+nacht)${E}`), (_m, said) => Object.assign(said, { offset: 0, part: "evening" })],
  [
    rx(`${B}(übermorgen|(?:the\\s+)?day\\s+after\\s+tomorrow|heute|today|morgen|tomorrow|vorgestern|gestern|yesterday)(?:\\s*(${PART_SUFFIX}))?${E}`),
    (m, said) => {
      const word = m[1]!;
      if (rx("gestern|yesterday").test(word)) said.past = true;
      said.offset = rx("^(übermorgen|.*after)").test(word) ? 2 : rx("^(heute|today)$").test(word) ? 0 : 1;
      if (m[2]) said.part = partOf(m[2]);
    },
  ],
  [
    rx(`${B}in\\s+(${NUM}|einer|einem|a|one)\\s+(tag|tagen|days?|woche|wochen|weeks?)${E}`),
    (m, said) => {
      const n = rx("^(einer|einem|a|one)$").test(m[1]!) ? 1 : numberOf(m[1]!);
      said.offset = rx("^(tag|day)").test(m[2]!) ? n : n * 7;
    },
  ],
  [
    rx(`${B}(so\\s+(?:bald|schnell)\\s+wie\\s+möglich|schnellstens|möglichst\\s+bald|schnellstmöglich|asap|as\\s+soon\\s+as\\s+possible|next\\s+available|egal\\s+wann|anytime|any\\s+time|nächste[nr]?\\s+freie[nr]?\\s+termin)${E}`),
    (_m, said) => (said.soon = true),
  ],
];

// ── Clock times ─────────────────────────────────────────────────────────────────────────────

const BOUND = "(?:(ab|nach|frühestens|after|from|not\\s+before|vor|bis|spätestens|before|until|by|no\\s+later\\s+than)\\s+)?";
const APPROX = "(?:(?:um|at|gegen|so|around|about|ca\\.?|circa|etwa|ungefähr)\\s+)*";
const PRE = `${B}${BOUND}${APPROX}`;
const MER = `(?:\\s*(a\\.\\s?m\\.?|p\\.\\s?m\\.?|pm|am(?=\\s*$|\\s+(?:on|in|at|next|this|tomorrow|today|the|${WEEKDAY_EN})${E})))?`;
const NOT_DURATION = `(?!\\s+(?:tag|tage|tagen|woche|wochen|days?|weeks?|minuten|minutes|stunden|hours?|monate?n?|months?)${E})`;

type TimeParts = { hour: number; minute: number; spoken: number; literal?: boolean };
const TIME_PATTERNS: [RegExp, (m: RegExpExecArray) => TimeParts][] = [
  [rx(`${PRE}viertel\\s+nach\\s+(${NUM})${E}`), (m) => ({ hour: numberOf(m[2]!), minute: 15, spoken: numberOf(m[2]!) })],
  [rx(`${PRE}(?:a\\s+)?quarter\\s+(?:past|after)\\s+(${NUM})${E}`), (m) => ({ hour: numberOf(m[2]!), minute: 15, spoken: numberOf(m[2]!) })],
  [rx(`${PRE}(?:viertel\\s+vor|dreiviertel|drei\\s+viertel|(?:a\\s+)?quarter\\s+(?:to|before|of))\\s+(${NUM})${E}`), (m) => ({ hour: numberOf(m[2]!) - 1, minute: 45, spoken: numberOf(m[2]!) })],
  [rx(`${PRE}(${NUM})\\s+(?:minuten\\s+)?(nach|vor)\\s+halb\\s+(${NUM})${E}`), (m) => {
    const n = numberOf(m[2]!);
    return { hour: numberOf(m[4]!) - 1, minute: m[3] === "nach" ? 30 + n : 30 - n, spoken: numberOf(m[4]!) };
  }],
  [rx(`${PRE}(?:halb|half\\s+past)\\s+(${NUM})${E}`), (m) => {
    const h = numberOf(m[2]!);
    return /half/.test(m[0]) ? { hour: h, minute: 30, spoken: h } : { hour: h - 1, minute: 30, spoken: h };
  }],
  [rx(`${PRE}(${NUM})\\s+(?:minuten\\s+|minutes\\s+)?(nach|past|after)\\s+(${NUM})${E}(?!\\s*[.:]\\d)`), (m) => ({ hour: numberOf(m[4]!), minute: numberOf(m[2]!), spoken: numberOf(m[4]!) })],
  [rx(`${PRE}(${NUM})\\s+(?:minuten\\s+|minutes\\s+)?(vor|to|before)\\s+(${NUM})${E}(?!\\s*[.:]\\d)`), (m) => ({ hour: numberOf(m[4]!) - 1, minute: 60 - numberOf(m[2]!), spoken: numberOf(m[4]!) })],
  [rx(`${PRE}(\\d{1,2})[:.](\\d{2})(?![\\d.])(?:\\s*(?:uhr|h|hrs)${E})?`), (m) => ({ hour: Number(m[2]), minute: Number(m[3]), spoken: Number(m[2]), literal: m[2]!.length === 2 && m[2]![0] === "0" })],
  [rx(`${PRE}(${NUM})\\s*(?:uhr|h|o\\s?clock)${E}(?:\\s+(\\d{2}|${NUM})${E}(?!\\s*[.:]))?`), (m) => ({ hour: numberOf(m[2]!), minute: m[3] ? numberOf(m[3]) : 0, spoken: numberOf(m[2]!) })],
  [rx(`${PRE}(${NUM})(?=\\s*(?:a\\.\\s?m|p\\.\\s?m|pm|am)${E})`), (m) => ({ hour: numberOf(m[2]!), minute: 0, spoken: numberOf(m[2]!) })],
  [rx(`${B}(ab|nach|frühestens|after|from|not\\s+before|vor|bis|spätestens|before|until|by|no\\s+later\\s+than|um|at|gegen|around|about)\\s+${APPROX}(${NUM})${E}(?![.:]\\d)${NOT_DURATION}`), (m) => ({ hour: numberOf(m[2]!), minute: 0, spoken: numberOf(m[2]!) })],
  [rx(`${PRE}(?:noon|midday|zwölf\\s+uhr\\s+mittags|12\\s+uhr\\s+mittags)${E}`), () => ({ hour: 12, minute: 0, spoken: 12, literal: true })],
];

const BOUND_WORDS = { after: /^(ab|nach|frühestens|fruehestens|after|from|not\s+before)$/u, before: /^(vor|bis|spätestens|spaetestens|before|until|by|no\s+later\s+than)$/u };

function readTime(text: Text, said: Said): void {
  for (const [pattern, build] of TIME_PATTERNS) {
    const m = text.take(pattern);
    if (!m) continue;
    const parts = build(m);
    // The am/pm marker directly after the time ("3 pm", "10:30 am").
    const mer = new RegExp(`^${MER}`, "u").exec(text.rest.slice(m.index + m[0].length));
    let meridiem: SaidTime["meridiem"];
    if (mer?.[1]) {
      meridiem = mer[1].startsWith("p") ? "pm" : "am";
      text.rest = text.rest.slice(0, m.index + m[0].length) + " ".repeat(mer[0].length) + text.rest.slice(m.index + m[0].length + mer[0].length);
    }
    const time: SaidTime = { ...parts, literal: parts.literal ?? false, meridiem };
    const bound = m[1]?.replace(/\s+/g, " ");
    if (bound && BOUND_WORDS.after.test(bound)) said.after = time;
    else if (bound && BOUND_WORDS.before.test(bound)) said.before = time;
    else said.time = time;
    return;
  }
}

const RANGE = rx(
  `${B}(?:(?:zwischen|between|von|from)\\s+)?${APPROX}(\\d{1,2}|${NUM})(?:[:.](\\d{2}))?\\s*(?:uhr\\s*)?(am|pm)?\\s*(?:und|and|bis|to|-|–)\\s*(\\d{1,2}|${NUM})(?:[:.](\\d{2}))?\\s*(uhr|h|am|pm|o\\s?clock)${E}`,
);
const RANGE_WITH_PREFIX = rx(
  `${B}(?:zwischen|between|von|from)\\s+${APPROX}(\\d{1,2}|${NUM})(?:[:.](\\d{2}))?\\s*(?:uhr\\s*)?(am|pm)?\\s*(?:und|and|bis|to|-|–)\\s*(\\d{1,2}|${NUM})(?:[:.](\\d{2}))?()${E}`,
);

function readRange(text: Text, said: Said): boolean {
  const m = text.take(RANGE) ?? text.take(RANGE_WITH_PREFIX);
  if (!m) return false;
  const end = m[6] === "am" || m[6] === "pm" ? m[6] : undefined;
  const first = numberOf(m[1]!);
  const second = numberOf(m[4]!);
  said.after = { hour: first, minute: Number(m[2] ?? 0), spoken: first, literal: false, meridiem: (m[3] as "am" | "pm" | undefined) ?? (end === "pm" && first <= second ? "pm" : undefined) };
  said.before = { hour: second, minute: Number(m[5] ?? 0), spoken: second, literal: false, meridiem: end };
  return true;
}

// ── Parts of the day ────────────────────────────────────────────────────────────────────────

const PART = rx(`${B}(?:(?:am|in\\s+the|im|über|around|gegen|zur|at|in\\s+der)\\s+)?(${PART_SUFFIX})${E}`);

/** What the phrase says, and whether anything is left that looks like a date or time we did not read. */
export function scanPhrase(phrase: string): { said: Said; found: boolean; leftover: string } {
  const text = new Text(normalizePhrase(phrase));
  const said: Said = {};
  let found = false;
  for (const [pattern, apply] of DATE_PATTERNS) {
    const m = text.take(pattern);
    if (m) {
      apply(m, said);
      found = true;
      break;
    }
  }
  if (readRange(text, said)) found = true;
  readTime(text, said);
  for (const [pattern, apply] of WEEK_PATTERNS) {
    const m = text.take(pattern);
    if (m) {
      apply(m, said);
      found = true;
      if (/letzte|vergangene|vorige|last|past|previous/u.test(m[0])) said.past = true;
    }
  }
  const part = text.take(PART);
  if (part) said.part ??= partOf(part[1]!);
  found ||= Boolean(said.time || said.after || said.before || said.part || said.instant !== undefined);
  return { said, found, leftover: text.rest };
}

/** Leftovers that mean we misread or the caller said two things ("Dienstag oder Mittwoch"). */
export const SUSPICIOUS_LEFTOVER = rx(`\\d|${B}(?:${WEEKDAY}|${MONTH_FULL}|${PART_SUFFIX}|heute|today|tomorrow|woche|week|uhr|halb|viertel|quarter)${E}`);
