import { fromDayNumber, toDayNumber, type DayNumber, type IsoDate } from "../model/calendar.js";
import type { Stretch } from "../model/site.js";

/** The empty stretch. */
export const NO_STRETCH: Stretch = { days: 0, from: null, to: null };

/** Sorted, de-duplicated day numbers of a set of dates. */
export function sortedDayNumbers(dates: Iterable<IsoDate>): DayNumber[] {
  return [...new Set([...dates].map(toDayNumber))].sort((a, b) => a - b);
}

/** Runs of consecutive days, as [first, last] day numbers, oldest first. */
export function consecutiveRuns(days: readonly DayNumber[]): [DayNumber, DayNumber][] {
  return chains(days, 1);
}

/** Chains of days where each day follows the last within `maxStep` days. */
function chains(days: readonly DayNumber[], maxStep: number): [DayNumber, DayNumber][] {
  const out: [DayNumber, DayNumber][] = [];
  for (const day of days) {
    const last = out[out.length - 1];
    if (last && day - last[1] <= maxStep) last[1] = day;
    else out.push([day, day]);
  }
  return out;
}

/** The longest chain, the most recent one when two are equally long. */
function longestOf(found: readonly [DayNumber, DayNumber][]): Stretch {
  let best: [DayNumber, DayNumber] | undefined;
  for (const c of found) if (!best || c[1] - c[0] >= best[1] - best[0]) best = c;
  return best ? { days: best[1] - best[0] + 1, from: fromDayNumber(best[0]), to: fromDayNumber(best[1]) } : NO_STRETCH;
}

/** The longest run of consecutive win days (the most recent of equals). */
export function longestStreak(days: readonly DayNumber[]): Stretch {
  return longestOf(consecutiveRuns(days));
}

/**
 * The current streak: consecutive win days ending today, or ending yesterday
 * while today has no win yet (the day is not over). Days after today are
 * ignored: they never break nor extend it.
 */
export function currentStreak(days: readonly DayNumber[], today: IsoDate): Stretch {
  const t = toDayNumber(today);
  const set = new Set(days);
  const end = set.has(t) ? t : set.has(t - 1) ? t - 1 : undefined;
  if (end === undefined) return NO_STRETCH;
  let start = end;
  while (set.has(start - 1)) start--;
  return { days: end - start + 1, from: fromDayNumber(start), to: fromDayNumber(end) };
}

/**
 * The longest never-miss-twice chain: win days with never two missed days in
 * a row between them. Its length counts the calendar days of the chain with
 * both ends included, as `longestStreak` does (SPEC §5): 2026-02-20 to
 * 2026-03-12 is 21 days, and a chain of one win day is 1 day. Of two equally
 * long chains, the most recent.
 */
export function neverMissTwice(days: readonly DayNumber[]): Stretch {
  return longestOf(chains(days, 2));
}

/**
 * The streak on a win day and the days missed right before it, given the win
 * day before it and that day's streak (`last` undefined: the journal's first
 * win day, which is no comeback). One step of `streakSteps`.
 */
export function streakStep(last: DayNumber | undefined, streak: number, day: DayNumber): { readonly streak: number; readonly missed: number } {
  if (last === undefined) return { streak: 1, missed: 0 };
  const missed = day - last - 1;
  return { streak: missed === 0 ? streak + 1 : 1, missed };
}

/**
 * For each win day (sorted, distinct day numbers): the streak on that day (1
 * on the first day of a run) and the days missed right before it (0 when it
 * follows a win day; the first win day of the journal is no comeback either).
 */
export function streakSteps(days: readonly DayNumber[]): { streak: number[]; missed: number[] } {
  const streak: number[] = [];
  const missed: number[] = [];
  for (let i = 0; i < days.length; i++) {
    const step = streakStep(i === 0 ? undefined : days[i - 1], i === 0 ? 0 : streak[i - 1]!, days[i]!);
    streak.push(step.streak);
    missed.push(step.missed);
  }
  return { streak, missed };
}
