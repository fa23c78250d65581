/**
 * Streaks (§3) and rest days in them (§6). A streak is a run of win days with
 * no missed day between them; a rest day is not a missed day, so rest days may
 * lie inside a streak, but a streak's length counts its win days only. Every
 * function here takes how many days were missed between two days, so that the
 * same rules serve the journal (its rest days) and each habit.
 */
import { fromDayNumber, toDayNumber, type DayNumber, type IsoDate } from "../model/calendar.js";
import type { Stretch } from "../model/site.js";

/** The empty stretch. */
export const NO_STRETCH: Stretch = { days: 0, from: null, to: null };

/** How many days strictly between two days were missed. */
export type MissedBetween = (earlier: DayNumber, later: DayNumber) => number;

/** Without rest days, every day between two win days was missed. */
export const EVERY_DAY_COUNTS: MissedBetween = (earlier, later) => later - earlier - 1;

/** Sorted, de-duplicated day numbers of a set of dates. */
export function sortedDayNumbers(dates: Iterable<IsoDate>): DayNumber[] {
  return [...new Set([...dates].map(toDayNumber))].sort((a, b) => a - b);
}

/** Runs of consecutive days, as [first, last] day numbers, oldest first. */
export function consecutiveRuns(days: readonly DayNumber[]): [DayNumber, DayNumber][] {
  return chains(days, 0, EVERY_DAY_COUNTS).map((c) => [c.from, c.to]);
}

/** A chain of win days: its first and last day and how many win days it holds. */
interface Chain {
  from: DayNumber;
  to: DayNumber;
  winDays: number;
}

/** Chains of days where at most `maxMissed` days are missed between one day and the next. */
function chains(days: readonly DayNumber[], maxMissed: number, missed: MissedBetween): Chain[] {
  const out: Chain[] = [];
  for (const day of days) {
    const last = out[out.length - 1];
    if (last && missed(last.to, day) <= maxMissed) {
      last.to = day;
      last.winDays++;
    } else out.push({ from: day, to: day, winDays: 1 });
  }
  return out;
}

/** The longest chain by `length`, the most recent one when two are equally long. */
function longestOf(found: readonly Chain[], length: (c: Chain) => number): Stretch {
  let best: Chain | undefined;
  for (const c of found) if (!best || length(c) >= length(best)) best = c;
  return best ? { days: length(best), from: fromDayNumber(best.from), to: fromDayNumber(best.to) } : NO_STRETCH;
}

/**
 * The longest streak (the most recent of equals): its win days, from its
 * first to its last win day. Rest days between them keep it, without adding
 * to it: win days on Friday and Monday around a rest weekend are a 2-day
 * streak from Friday to Monday.
 */
export function longestStreak(days: readonly DayNumber[], missed: MissedBetween = EVERY_DAY_COUNTS): Stretch {
  return longestOf(chains(days, 0, missed), (c) => c.winDays);
}

/**
 * The current streak: the streak whose last win day is today, or whose last
 * win day is followed by no missed day before today (today is not over; a
 * rest day is not missed). Its length counts win days. Days after today are
 * ignored: they never break nor extend it.
 */
export function currentStreak(days: readonly DayNumber[], today: IsoDate, missed: MissedBetween = EVERY_DAY_COUNTS): Stretch {
  const t = toDayNumber(today);
  let end = days.length - 1;
  while (end >= 0 && days[end]! > t) end--;
  if (end < 0) return NO_STRETCH;
  const last = days[end]!;
  if (last !== t && missed(last, t) > 0) return NO_STRETCH;
  let start = end;
  while (start > 0 && missed(days[start - 1]!, days[start]!) === 0) start--;
  return { days: end - start + 1, from: fromDayNumber(days[start]!), to: fromDayNumber(last) };
}

/**
 * The longest never-miss-twice chain: win days with never two missed days in
 * a row between them (rest days are not missed, so they neither count as a
 * miss nor separate two misses). Its length counts the calendar days of the
 * chain with both ends included, rest days in it too, as `longestStreak` does
 * without rest (SPEC §5): 2026-02-20 to 2026-03-12 is 21 days, and a chain of
 * one win day is 1 day. Of two equally long chains, the most recent.
 */
export function neverMissTwice(days: readonly DayNumber[], missed: MissedBetween = EVERY_DAY_COUNTS): Stretch {
  return longestOf(chains(days, 1, missed), (c) => c.to - c.from + 1);
}

/**
 * The streak on a win day and the days missed right before it, given the win
 * day before it and that day's streak (`last` undefined: the journal's first
 * win day, which is no comeback), and the days missed between them (all of
 * them, unless rest days lie between). One step of `streakSteps`.
 */
export function streakStep(
  last: DayNumber | undefined,
  streak: number,
  day: DayNumber,
  missed: number = last === undefined ? 0 : day - last - 1,
): { readonly streak: number; readonly missed: number } {
  if (last === undefined) return { streak: 1, missed: 0 };
  return { streak: missed === 0 ? streak + 1 : 1, missed };
}

/**
 * For each win day (sorted, distinct day numbers): the streak on that day (1
 * on the first day of a run) and the days missed right before it (0 when it
 * follows a win day or only rest days; the first win day of the journal is no comeback either).
 */
export function streakSteps(days: readonly DayNumber[], missed: MissedBetween = EVERY_DAY_COUNTS): { streak: number[]; missed: number[] } {
  const streak: number[] = [];
  const gaps: number[] = [];
  for (let i = 0; i < days.length; i++) {
    const last = i === 0 ? undefined : days[i - 1]!;
    const step = streakStep(last, i === 0 ? 0 : streak[i - 1]!, days[i]!, last === undefined ? 0 : missed(last, days[i]!));
    streak.push(step.streak);
    gaps.push(step.missed);
  }
  return { streak, missed: gaps };
}
