// Half-open intervals of epoch milliseconds [start, end), kept sorted and disjoint. The engine's
// only arithmetic: union, subtraction, intersection, containment.

export type Interval = readonly [start: number, end: number];

/** Sorted, merged (touching intervals join), empty ones dropped. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** a minus b; both normalized. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [start, end] of a) {
    let s = start;
    while (j < b.length && b[j]![1] <= s) j++;
    let k = j;
    while (k < b.length && b[k]![0] < end) {
      const [bs, be] = b[k]!;
      if (bs > s) out.push([s, Math.min(bs, end)]);
      s = Math.max(s, be);
      if (s >= end) break;
      k++;
    }
    if (s < end) out.push([s, end]);
  }
  return out;
}

/** a ∩ b; both normalized. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (s < e) out.push([s, e]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** Index of the interval of `set` (normalized) that contains [s, e), or -1. Binary search. */
export function containing(set: readonly Interval[], s: number, e: number): number {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [ms, me] = set[mid]!;
    if (s < ms) hi = mid - 1;
    else if (s >= me) lo = mid + 1;
    else return e <= me ? mid : -1;
  }
  return -1;
}
