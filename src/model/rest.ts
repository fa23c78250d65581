/**
 * Rest days (§6) as day numbers: the config's rest weekdays and periods, made
 * into a RestCalendar once per config, and the days entries mark as rest.
 * Whether a day is a rest day, and how many rest days lie between two days,
 * are arithmetic for weekdays and a binary search over the periods, so no
 * metric ever looks at the config day by day.
 */
import type { RestConfig } from "../config/schema.js";
import { toDayNumber, weekdayOf, type DayNumber, type IsoDate } from "./calendar.js";

/** The ISO weekday (1 = Monday ... 7 = Sunday) of each weekday name the config takes. */
export const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };

/** The config's rest days as numbers. */
export interface RestCalendar {
  /** The rest weekdays, ISO numbers (1 = Monday ... 7 = Sunday), sorted. */
  readonly weekdays: readonly number[];
  /** The periods merged where they overlap or touch, oldest first. */
  readonly spans: readonly { readonly from: DayNumber; readonly to: DayNumber }[];
  /** For each merged span, the rest days the spans before it add to the weekdays (days on a rest weekday are counted once). */
  readonly addedBefore: readonly number[];
  /** The periods as written, in the config's order, for their notes. */
  readonly periods: readonly { readonly from: DayNumber; readonly to: DayNumber; readonly note?: string }[];
}

/** No rest days configured. */
export const NO_REST_CALENDAR: RestCalendar = { weekdays: [], spans: [], addedBefore: [], periods: [] };

/** The rest days of a config's `rest:` (none when it has none). */
export function restCalendar(rest: RestConfig | undefined): RestCalendar {
  if (!rest || (rest.weekdays.length === 0 && rest.periods.length === 0)) return NO_REST_CALENDAR;
  const weekdays = [...new Set(rest.weekdays.map((name) => WEEKDAY_NUMBERS[name]!))].sort((a, b) => a - b);
  const periods = rest.periods.map((p) => ({ from: toDayNumber(p.from), to: toDayNumber(p.to), ...(p.note !== undefined ? { note: p.note } : {}) }));
  const spans: { from: DayNumber; to: DayNumber }[] = [];
  for (const p of [...periods].sort((a, b) => a.from - b.from)) {
    const last = spans[spans.length - 1];
    if (last && p.from <= last.to + 1) last.to = Math.max(last.to, p.to);
    else spans.push({ from: p.from, to: p.to });
  }
  const addedBefore: number[] = [];
  let added = 0;
  for (const span of spans) {
    addedBefore.push(added);
    added += span.to - span.from + 1 - weekdaysIn(weekdays, span.from, span.to);
  }
  return { weekdays, spans, addedBefore, periods };
}

/** How many days from `from` to `to` (both included) fall on one of `weekdays`. */
function weekdaysIn(weekdays: readonly number[], from: DayNumber, to: DayNumber): number {
  if (to < from) return 0;
  let count = 0;
  // Day n has ISO weekday w when n ≡ w - 4 (mod 7): day 0, 1970-01-01, was a Thursday.
  for (const w of weekdays) count += Math.floor((to - w + 4) / 7) - Math.floor((from - 1 - w + 4) / 7);
  return count;
}

/** The index of the last merged span starting on or before `day` (-1 when there is none). */
function spanAtOrBefore(calendar: RestCalendar, day: DayNumber): number {
  let low = 0;
  let high = calendar.spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (calendar.spans[mid]!.from <= day) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Whether the config makes a day a rest day. */
export function isCalendarRest(calendar: RestCalendar, day: DayNumber): boolean {
  if (calendar.weekdays.length && calendar.weekdays.includes(weekdayOf(day))) return true;
  const i = spanAtOrBefore(calendar, day);
  return i >= 0 && day <= calendar.spans[i]!.to;
}

/** The config's rest days on or before `day`, counted from the first span, beyond the weekdays. */
function addedUpTo(calendar: RestCalendar, day: DayNumber): number {
  const i = spanAtOrBefore(calendar, day);
  if (i < 0) return 0;
  const span = calendar.spans[i]!;
  const end = Math.min(day, span.to);
  return calendar.addedBefore[i]! + (end - span.from + 1) - weekdaysIn(calendar.weekdays, span.from, end);
}

/** How many days from `from` to `to` (both included) the config makes rest days. */
export function calendarRestCount(calendar: RestCalendar, from: DayNumber, to: DayNumber): number {
  if (to < from) return 0;
  if (calendar === NO_REST_CALENDAR) return 0;
  return weekdaysIn(calendar.weekdays, from, to) + addedUpTo(calendar, to) - addedUpTo(calendar, from - 1);
}

/** The notes of the config's periods that hold a day, in the config's order (a rest weekday has none). */
export function periodNotes(calendar: RestCalendar, day: DayNumber): string[] {
  const notes: string[] = [];
  for (const p of calendar.periods) if (p.note !== undefined && p.from <= day && day <= p.to && !notes.includes(p.note)) notes.push(p.note);
  return notes;
}

/**
 * Every rest day of a journal: the config's, and the days its entries mark
 * (`rest:`), between the journal's first counted day and today. Outside those
 * bounds no day is a rest day: before the journal began there was nothing to
 * keep, and after today nothing is counted yet.
 */
export interface RestDays {
  readonly calendar: RestCalendar;
  /** Counted days an entry marks as rest and the config does not, sorted. */
  readonly entryDays: readonly DayNumber[];
  /** The journal's first counted day (undefined: no counted day, so no rest day) and today. */
  readonly from: DayNumber | undefined;
  readonly to: DayNumber;
}

/** A journal without rest days. */
export function noRestDays(today: IsoDate): RestDays {
  return { calendar: NO_REST_CALENDAR, entryDays: [], from: undefined, to: toDayNumber(today) };
}

/** How many of the sorted `days` lie from `from` to `to`, both included. */
function countIn(days: readonly DayNumber[], from: DayNumber, to: DayNumber): number {
  if (to < from || days.length === 0) return 0;
  return firstAbove(days, to) - firstAbove(days, from - 1);
}

/** The index of the first of the sorted `days` after `day`. */
function firstAbove(days: readonly DayNumber[], day: DayNumber): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (days[mid]! <= day) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether a day is a rest day of the journal (with or without a win). */
export function isRestDay(rest: RestDays, day: DayNumber): boolean {
  if (rest.from === undefined || day < rest.from || day > rest.to) return false;
  return isCalendarRest(rest.calendar, day) || countIn(rest.entryDays, day, day) > 0;
}

/** How many rest days (with or without a win) lie from `from` to `to`, both included. */
export function restDaysIn(rest: RestDays, from: DayNumber, to: DayNumber): number {
  if (rest.from === undefined) return 0;
  const a = Math.max(from, rest.from);
  const b = Math.min(to, rest.to);
  return calendarRestCount(rest.calendar, a, b) + countIn(rest.entryDays, a, b);
}

/**
 * The days missed between two days, both left out: the days between them
 * that are not rest days. Between two win days every such day had no win.
 */
export function missedBetween(rest: RestDays, earlier: DayNumber, later: DayNumber): number {
  return Math.max(0, later - earlier - 1 - restDaysIn(rest, earlier + 1, later - 1));
}
