/**
 * Calendar days and ISO weeks as values, never as instants.
 *
 * A journal day is a label ("2026-11-21"), not a moment in time: it must be the
 * same day on every machine and on both sides of a DST change. So dates are
 * branded strings, and arithmetic goes through a proleptic-Gregorian day number
 * (days since 1970-01-01) computed with integer math, never through `Date`.
 */

/** A calendar date written `YYYY-MM-DD`, known to exist. */
export type IsoDate = string & { readonly __brand: "IsoDate" };

/** An ISO week written `YYYY-Www` (week-year and week number), known to exist. */
export type IsoWeek = string & { readonly __brand: "IsoWeek" };

/** Days since 1970-01-01 in the proleptic Gregorian calendar. */
export type DayNumber = number;

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** True when `year` has a February 29. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The English name of a month (1-12). */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/** The English name of an ISO weekday (1 = Monday ... 7 = Sunday). */
export function weekdayName(isoWeekday: number): string {
  return WEEKDAY_NAMES[isoWeekday - 1] ?? String(isoWeekday);
}

/** The result of reading a date: the date, or why it is not one. */
export type DateReading = { ok: true; date: IsoDate } | { ok: false; message: string };

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads `YYYY-MM-DD` and says precisely why it is not a real day when it is not
 * ("no such day: February has 28 days in 2026").
 */
export function readIsoDate(text: string): DateReading {
  const m = DATE_SHAPE.exec(text);
  if (!m) return { ok: false, message: `"${text}" is not a date in the form YYYY-MM-DD` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1) return { ok: false, message: `no such year: ${m[1]}` };
  if (month < 1 || month > 12) return { ok: false, message: `no such month: ${m[2]} (months run from 01 to 12)` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { ok: false, message: `no such day: ${monthName(month)} has ${last} days in ${year}` };
  }
  return { ok: true, date: text as IsoDate };
}

/** True when `text` is an existing calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): text is IsoDate {
  return readIsoDate(text).ok;
}

/** The year, month (1-12) and day (1-31) of a date. */
export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Builds a date from its parts; the parts must name an existing day. */
export function makeDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` as IsoDate;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer algorithms
// for the proleptic Gregorian calendar, valid far beyond any journal's range.
function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The year, month and day of a day number, as numbers. */
function civilFromDays(n: DayNumber): { year: number; month: number; day: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day number of a date (1970-01-01 is 0). */
export function toDayNumber(date: IsoDate): DayNumber {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The date of a day number. */
export function fromDayNumber(n: DayNumber): IsoDate {
  const { year, month, day } = civilFromDays(n);
  return makeDate(year, month, day);
}

/** The ISO weekday of a day number: 1 = Monday ... 7 = Sunday. */
export function weekdayOf(n: DayNumber): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/**
 * The ISO week a day number belongs to. Numbers only, no date text: week
 * spans of decades are walked with it (areas, habits), so it must be cheap.
 */
export function isoWeekOfDayNumber(n: DayNumber): IsoWeek {
  // The week belongs to the year that holds its Thursday.
  const thursday = n + 4 - weekdayOf(n);
  const weekYear = civilFromDays(thursday).year;
  return makeWeek(weekYear, Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1);
}

/** The day number of the Monday that starts an ISO week. */
export function weekMondayNumber(week: IsoWeek): DayNumber {
  const jan4 = daysFromCivil(Number(week.slice(0, 4)), 1, 4); // Jan 4 is always in week 1.
  return jan4 + 1 - weekdayOf(jan4) + (Number(week.slice(6)) - 1) * 7;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return weekdayOf(toDayNumber(date));
}

/** Orders two dates (they sort as strings because the year has four digits). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The number of ISO weeks (52 or 53) in an ISO week-year. */
export function isoWeeksInYear(year: number): number {
  // A year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
  const jan1 = isoWeekday(makeDate(year, 1, 1));
  return jan1 === 4 || (jan1 === 3 && isLeapYear(year)) ? 53 : 52;
}

/** The ISO week-year and week number of a date. */
export function isoWeekParts(date: IsoDate): { weekYear: number; week: number } {
  const week = isoWeekOfDayNumber(toDayNumber(date));
  return { weekYear: Number(week.slice(0, 4)), week: Number(week.slice(6)) };
}

/** Builds a week label from its parts; the parts must name an existing week. */
export function makeWeek(weekYear: number, week: number): IsoWeek {
  return `${String(weekYear).padStart(4, "0")}-W${String(week).padStart(2, "0")}` as IsoWeek;
}

/** The ISO week a date belongs to: 2027-01-01 is in 2026-W53. */
export function isoWeekOf(date: IsoDate): IsoWeek {
  return isoWeekOfDayNumber(toDayNumber(date));
}

/** The result of reading an ISO week: the week, or why it is not one. */
export type WeekReading = { ok: true; week: IsoWeek } | { ok: false; message: string };

const WEEK_SHAPE = /^(\d{4})-W(\d{2})$/;

/** Reads `YYYY-Www` and says why it is not a real ISO week when it is not. */
export function readIsoWeek(text: string): WeekReading {
  const m = WEEK_SHAPE.exec(text);
  if (!m) return { ok: false, message: `"${text}" is not an ISO week in the form YYYY-Www` };
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1) return { ok: false, message: `no such year: ${m[1]}` };
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) {
    return { ok: false, message: `no such week: ${year} has ${weeks} ISO weeks` };
  }
  return { ok: true, week: text as IsoWeek };
}

/** True when `text` is an existing ISO week written `YYYY-Www`. */
export function isIsoWeek(text: string): text is IsoWeek {
  return readIsoWeek(text).ok;
}

/** The Monday that starts an ISO week. */
export function weekMonday(week: IsoWeek): IsoDate {
  return fromDayNumber(weekMondayNumber(week));
}

/** The seven dates of an ISO week, Monday first. */
export function weekDates(week: IsoWeek): IsoDate[] {
  const monday = weekMondayNumber(week);
  return Array.from({ length: 7 }, (_, i) => fromDayNumber(monday + i));
}

/** The ISO week `n` weeks after `week` (negative goes back). */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDayNumber(weekMondayNumber(week) + n * 7);
}

/** Every ISO week from `from` to `to`, both included (empty when `to` is earlier). */
export function weekSpan(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const out: IsoWeek[] = [];
  const end = weekMondayNumber(to);
  for (let n = weekMondayNumber(from); n <= end; n += 7) out.push(isoWeekOfDayNumber(n));
  return out;
}

/** Every date from `from` to `to`, both included (empty when `to` is earlier). */
export function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const out: IsoDate[] = [];
  for (let n = start; n <= end; n++) out.push(fromDayNumber(n));
  return out;
}

/** True when `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date that `instant` falls on in `timeZone`. The instant is a
 * parameter so this stays pure; the shell passes the clock's reading.
 */
export function dateInTimeZone(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    calendar: "gregory",
    numberingSystem: "latn",
  }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return makeDate(get("year"), get("month"), get("day"));
}
