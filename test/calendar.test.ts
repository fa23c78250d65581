import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addWeeks,
  compareDates,
  dateInTimeZone,
  dateRange,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isIsoWeek,
  isLeapYear,
  isoWeekday,
  isoWeekOf,
  weekSpan,
  isoWeekParts,
  isoWeeksInYear,
  isTimeZone,
  monthName,
  readIsoDate,
  readIsoWeek,
  toDayNumber,
  weekDates,
  weekdayName,
  weekMonday,
  type IsoDate,
  type IsoWeek,
} from "../src/model/calendar.js";

const d = (text: string): IsoDate => text as IsoDate;
const w = (text: string): IsoWeek => text as IsoWeek;

const RUNS = { numRuns: 1000 };

describe("readIsoDate", () => {
  const valid = ["2026-11-21", "2024-02-29", "2000-02-29", "2026-02-28", "2026-12-31", "2026-01-01", "0001-01-01", "9999-12-31", "2026-04-30", "1900-02-28"];
  it.each(valid)("accepts %s", (text) => {
    expect(readIsoDate(text)).toEqual({ ok: true, date: text });
    expect(isIsoDate(text)).toBe(true);
  });

  const impossible: [string, string][] = [
    ["2026-02-30", "no such day: February has 28 days in 2026"],
    ["2026-02-29", "no such day: February has 28 days in 2026"],
    ["1900-02-29", "no such day: February has 28 days in 1900"],
    ["2100-02-29", "no such day: February has 28 days in 2100"],
    ["2024-02-30", "no such day: February has 29 days in 2024"],
    ["2026-04-31", "no such day: April has 30 days in 2026"],
    ["2026-11-31", "no such day: November has 30 days in 2026"],
    ["2026-01-32", "no such day: January has 31 days in 2026"],
    ["2026-01-00", "no such day: January has 31 days in 2026"],
    ["2026-13-01", "no such month: 13 (months run from 01 to 12)"],
    ["2026-00-10", "no such month: 00 (months run from 01 to 12)"],
    ["0000-01-01", "no such year: 0000"],
  ];
  it.each(impossible)("rejects %s: %s", (text, message) => {
    expect(readIsoDate(text)).toEqual({ ok: false, message });
    expect(isIsoDate(text)).toBe(false);
  });

  const badShapes = [
    "",
    "2026-1-5",
    "26-01-05",
    "2026/01/05",
    "20260105",
    "2026-01-05T00:00",
    "2026-01-05 ",
    " 2026-01-05",
    "2026-01-05\n",
    "12026-01-05",
    "２０２６-01-05",
    "2026-W47",
    "yesterday",
  ];
  it.each(badShapes)("rejects the shape %j", (text) => {
    const reading = readIsoDate(text);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.message).toContain("is not a date in the form YYYY-MM-DD");
  });
});

describe("isLeapYear and daysInMonth", () => {
  it.each([
    [2024, true],
    [2026, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
    [4, true],
  ])("isLeapYear(%i) is %s", (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it("gives every month its length", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });
});

describe("isoWeekOf", () => {
  const cases: [string, string][] = [
    ["2027-01-01", "2026-W53"],
    ["2027-01-03", "2026-W53"],
    ["2027-01-04", "2027-W01"],
    ["2026-12-28", "2026-W53"],
    ["2026-12-27", "2026-W52"],
    ["2021-01-03", "2020-W53"],
    ["2021-01-04", "2021-W01"],
    ["2020-12-31", "2020-W53"],
    ["2024-12-30", "2025-W01"],
    ["2024-12-29", "2024-W52"],
    ["2026-11-21", "2026-W47"],
    ["2026-11-16", "2026-W47"],
    ["2026-11-22", "2026-W47"],
    ["2026-11-23", "2026-W48"],
    ["2026-01-01", "2026-W01"],
    ["2025-12-29", "2026-W01"],
    ["2008-12-29", "2009-W01"],
    ["2008-12-28", "2008-W52"],
    ["2009-12-31", "2009-W53"],
    ["2010-01-03", "2009-W53"],
    ["2010-01-04", "2010-W01"],
    ["2005-01-01", "2004-W53"],
    ["2005-01-02", "2004-W53"],
    ["2005-12-31", "2005-W52"],
    ["2007-01-01", "2007-W01"],
    ["2007-12-30", "2007-W52"],
    ["2007-12-31", "2008-W01"],
    ["2024-02-29", "2024-W09"],
  ];
  it.each(cases)("%s is in %s", (date, week) => {
    expect(isoWeekOf(d(date))).toBe(week);
    expect(isIsoWeek(week)).toBe(true);
  });
});

describe("readIsoWeek", () => {
  it.each(["2026-W53", "2020-W53", "2004-W53", "2026-W01", "2026-W47", "2025-W52", "2027-W52"])("accepts %s", (text) => {
    expect(readIsoWeek(text)).toEqual({ ok: true, week: text });
  });

  it.each([
    ["2025-W53", "no such week: 2025 has 52 ISO weeks"],
    ["2027-W53", "no such week: 2027 has 52 ISO weeks"],
    ["2026-W54", "no such week: 2026 has 53 ISO weeks"],
    ["2026-W00", "no such week: 2026 has 53 ISO weeks"],
    ["2025-W00", "no such week: 2025 has 52 ISO weeks"],
    ["0000-W01", "no such year: 0000"],
  ])("rejects %s: %s", (text, message) => {
    expect(readIsoWeek(text)).toEqual({ ok: false, message });
    expect(isIsoWeek(text)).toBe(false);
  });

  it.each(["2026-W5", "2026W47", "2026-w47", "2026-W047", "26-W47", "2026-47", "", "2026-W47 "])("rejects the shape %j", (text) => {
    const reading = readIsoWeek(text);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.message).toContain("is not an ISO week in the form YYYY-Www");
  });
});

describe("weekMonday, weekDates and addWeeks", () => {
  it.each([
    ["2026-W53", "2026-12-28"],
    ["2026-W01", "2025-12-29"],
    ["2026-W47", "2026-11-16"],
    ["2027-W01", "2027-01-04"],
    ["2025-W01", "2024-12-30"],
    ["2020-W53", "2020-12-28"],
    ["2009-W01", "2008-12-29"],
    ["2004-W53", "2004-12-27"],
    ["2024-W09", "2024-02-26"],
  ])("%s starts on %s", (week, monday) => {
    expect(weekMonday(w(week))).toBe(monday);
    expect(isoWeekday(d(monday))).toBe(1);
  });

  it("lists the seven days of a week that spans a new year", () => {
    expect(weekDates(w("2026-W53"))).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
  });

  it.each([
    ["2026-W52", 1, "2026-W53"],
    ["2026-W53", 1, "2027-W01"],
    ["2027-W01", -1, "2026-W53"],
    ["2025-W52", 1, "2026-W01"],
    ["2026-W01", -1, "2025-W52"],
    ["2026-W47", 0, "2026-W47"],
    ["2026-W47", 52, "2027-W46"],
    ["2020-W53", -53, "2019-W52"],
  ] as const)("%s plus %i weeks is %s", (week, n, expected) => {
    expect(addWeeks(w(week), n)).toBe(expected);
  });
});

describe("isoWeeksInYear", () => {
  it("finds the 53-week years of 2000-2040", () => {
    const long = Array.from({ length: 41 }, (_, i) => 2000 + i).filter((y) => isoWeeksInYear(y) === 53);
    expect(long).toEqual([2004, 2009, 2015, 2020, 2026, 2032, 2037]);
  });

  it.each([
    [1998, 53],
    [1992, 53],
    [2000, 52],
    [2024, 52],
    [2025, 52],
    [2027, 52],
  ])("%i has %i weeks", (year, weeks) => {
    expect(isoWeeksInYear(year)).toBe(weeks);
  });
});

describe("addDays, daysBetween and dateRange", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-02-28", 1, "2026-03-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2024-02-29", 1, "2024-03-01"],
    ["1900-02-28", 1, "1900-03-01"],
    ["2000-02-28", 1, "2000-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2026-03-29", 1, "2026-03-30"],
    ["2026-10-25", 1, "2026-10-26"],
    ["2026-03-08", 1, "2026-03-09"],
    ["2026-11-21", 0, "2026-11-21"],
    ["2026-11-21", 40, "2026-12-31"],
    ["2026-01-01", 365, "2027-01-01"],
    ["2024-01-01", 366, "2025-01-01"],
    ["2024-01-01", 365, "2024-12-31"],
    ["1970-01-01", -1, "1969-12-31"],
    ["2000-01-01", 146097, "2400-01-01"],
  ] as const)("%s plus %i days is %s", (from, n, to) => {
    expect(addDays(d(from), n)).toBe(to);
    expect(daysBetween(d(from), d(to))).toBe(n);
    expect(addDays(d(to), -n)).toBe(from);
  });

  it("numbers days from 1970-01-01", () => {
    expect(toDayNumber(d("1970-01-01"))).toBe(0);
    expect(toDayNumber(d("1970-01-02"))).toBe(1);
    expect(toDayNumber(d("1969-12-31"))).toBe(-1);
    expect(fromDayNumber(0)).toBe("1970-01-01");
    expect(fromDayNumber(20_000)).toBe("2024-10-04");
  });

  it("lists a range across February of a leap year, both ends included", () => {
    expect(dateRange(d("2024-02-27"), d("2024-03-02"))).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]);
    expect(dateRange(d("2026-11-21"), d("2026-11-21"))).toEqual(["2026-11-21"]);
    expect(dateRange(d("2026-11-21"), d("2026-11-20"))).toEqual([]);
  });

  it("orders dates", () => {
    expect(compareDates(d("2026-11-21"), d("2026-11-22"))).toBe(-1);
    expect(compareDates(d("2027-01-01"), d("2026-12-31"))).toBe(1);
    expect(compareDates(d("2026-11-21"), d("2026-11-21"))).toBe(0);
  });
});

describe("isoWeekday", () => {
  it.each([
    ["1970-01-01", 4],
    ["2026-11-16", 1],
    ["2026-11-21", 6],
    ["2026-11-22", 7],
    ["2000-01-01", 6],
    ["2024-02-29", 4],
    ["1900-01-01", 1],
    ["1969-12-28", 7],
    ["2027-01-01", 5],
  ] as const)("%s is ISO weekday %i", (date, weekday) => {
    expect(isoWeekday(d(date))).toBe(weekday);
  });
});

describe("names and time zones", () => {
  it("names months and ISO weekdays", () => {
    expect(monthName(2)).toBe("February");
    expect(monthName(12)).toBe("December");
    expect(weekdayName(1)).toBe("Monday");
    expect(weekdayName(7)).toBe("Sunday");
    expect(weekdayName(isoWeekday(d("2026-11-21")))).toBe("Saturday");
  });

  it("splits a week-53 date into week-year and week", () => {
    expect(isoWeekParts(d("2027-01-01"))).toEqual({ weekYear: 2026, week: 53 });
    expect(isoWeekParts(d("2024-12-30"))).toEqual({ weekYear: 2025, week: 1 });
  });

  it.each([
    ["Europe/Berlin", true],
    ["America/Los_Angeles", true],
    ["Pacific/Kiritimati", true],
    ["Etc/GMT+12", true],
    ["Australia/Lord_Howe", true],
    ["UTC", true],
    ["Europe/Atlantis", false],
    ["Berlin", false],
    ["", false],
  ])("isTimeZone(%j) is %s", (zone, known) => {
    expect(isTimeZone(zone)).toBe(known);
  });
});

describe("dateInTimeZone", () => {
  const cases: [string, string, string][] = [
    // 23:30 UTC on the 21st: already the 22nd east of UTC+00:30.
    ["2026-11-21T23:30:00Z", "UTC", "2026-11-21"],
    ["2026-11-21T23:30:00Z", "America/Los_Angeles", "2026-11-21"],
    ["2026-11-21T23:30:00Z", "Pacific/Kiritimati", "2026-11-22"],
    ["2026-11-21T23:30:00Z", "Etc/GMT+12", "2026-11-21"],
    ["2026-11-21T23:30:00Z", "Etc/GMT-14", "2026-11-22"],
    ["2026-11-21T23:30:00Z", "Australia/Lord_Howe", "2026-11-22"],
    ["2026-11-21T23:30:00Z", "Europe/Berlin", "2026-11-22"],
    ["2026-11-21T23:30:00Z", "Asia/Kolkata", "2026-11-22"],
    // 10:30 UTC: Kiritimati (UTC+14) is past midnight of the 22nd, Etc/GMT+12 (UTC-12) still on the 20th.
    ["2026-11-21T10:30:00Z", "Pacific/Kiritimati", "2026-11-22"],
    ["2026-11-21T09:59:59Z", "Pacific/Kiritimati", "2026-11-21"],
    ["2026-11-21T10:30:00Z", "Etc/GMT+12", "2026-11-20"],
    ["2026-11-21T12:00:00Z", "Etc/GMT+12", "2026-11-21"],
    ["2026-11-21T11:59:59Z", "Etc/GMT+12", "2026-11-20"],
    ["2026-11-21T10:30:00Z", "America/Los_Angeles", "2026-11-21"],
    ["2026-11-21T07:59:59Z", "America/Los_Angeles", "2026-11-20"],
    // Los Angeles around its DST changes (2026-03-08 and 2026-11-01).
    ["2026-03-08T07:59:59Z", "America/Los_Angeles", "2026-03-07"],
    ["2026-03-08T08:00:00Z", "America/Los_Angeles", "2026-03-08"],
    ["2026-03-08T10:00:00Z", "America/Los_Angeles", "2026-03-08"],
    ["2026-11-01T06:59:59Z", "America/Los_Angeles", "2026-10-31"],
    ["2026-11-01T07:00:00Z", "America/Los_Angeles", "2026-11-01"],
    ["2026-11-02T07:59:59Z", "America/Los_Angeles", "2026-11-01"],
    ["2026-11-02T08:00:00Z", "America/Los_Angeles", "2026-11-02"],
    // Lord Howe: UTC+11 in summer, UTC+10:30 in winter; DST ends 2026-04-05 02:00 local.
    ["2026-04-04T12:59:59Z", "Australia/Lord_Howe", "2026-04-04"],
    ["2026-04-04T13:00:00Z", "Australia/Lord_Howe", "2026-04-05"],
    ["2026-07-01T13:29:59Z", "Australia/Lord_Howe", "2026-07-01"],
    ["2026-07-01T13:30:00Z", "Australia/Lord_Howe", "2026-07-02"],
    // Samoa skipped 2011-12-30 when it moved across the date line.
    ["2011-12-30T09:59:59Z", "Pacific/Apia", "2011-12-29"],
    ["2011-12-30T10:00:00Z", "Pacific/Apia", "2011-12-31"],
    // A leap day in two zones.
    ["2024-02-29T00:30:00Z", "America/Los_Angeles", "2024-02-28"],
    ["2024-02-29T23:30:00Z", "Europe/Berlin", "2024-03-01"],
    ["2027-01-01T00:00:00Z", "UTC", "2027-01-01"],
  ];
  it.each(cases)("%s in %s is %s", (instant, timeZone, date) => {
    expect(dateInTimeZone(new Date(instant), timeZone)).toBe(date);
  });
});

// ---------------------------------------------------------------------------
// Property tests, with Temporal (temporal-polyfill) as the oracle.

const FIRST = Temporal.PlainDate.from("0001-01-01");
const LAST = Temporal.PlainDate.from("9999-12-31");

/** Any real date of years 1-9999, built by Temporal (not by the code under test). */
const plainDate = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map((p) => Temporal.PlainDate.from(p, { overflow: "constrain" }));

/** Mostly dates a journal holds, sometimes anything. */
const journalishDate = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 366 * 60 }).map((n) => Temporal.PlainDate.from("1990-01-01").add({ days: n })) },
  { weight: 1, arbitrary: plainDate },
);

const inRange = (p: Temporal.PlainDate): boolean => Temporal.PlainDate.compare(p, FIRST) >= 0 && Temporal.PlainDate.compare(p, LAST) <= 0;

describe("calendar properties", () => {
  it("toDayNumber and fromDayNumber are inverse", () => {
    const lo = FIRST.since(Temporal.PlainDate.from("1970-01-01")).days;
    const hi = LAST.since(Temporal.PlainDate.from("1970-01-01")).days;
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (n) => {
        const date = fromDayNumber(n);
        expect(isIsoDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(n);
        // Temporal agrees on which date the number names.
        expect(date).toBe(Temporal.PlainDate.from("1970-01-01").add({ days: n }).toString());
      }),
      RUNS,
    );
    fc.assert(
      fc.property(plainDate, (p) => {
        const date = d(p.toString());
        expect(fromDayNumber(toDayNumber(date))).toBe(date);
      }),
      RUNS,
    );
  });

  it("readIsoDate accepts exactly the dates Temporal accepts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
        let exists = true;
        try {
          Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" });
        } catch {
          exists = false;
        }
        expect(readIsoDate(text).ok).toBe(exists);
      }),
      RUNS,
    );
  });

  it("addDays and daysBetween agree with Temporal.PlainDate", () => {
    fc.assert(
      fc.property(journalishDate, fc.integer({ min: -200_000, max: 200_000 }), (p, n) => {
        const target = p.add({ days: n });
        fc.pre(inRange(target));
        const date = d(p.toString());
        expect(addDays(date, n)).toBe(target.toString());
        expect(daysBetween(date, d(target.toString()))).toBe(n);
      }),
      RUNS,
    );
  });

  it("addDays by small steps agrees with Temporal around month and year ends", () => {
    fc.assert(
      fc.property(journalishDate, fc.integer({ min: -40, max: 40 }), (p, n) => {
        fc.pre(inRange(p.add({ days: n })));
        expect(addDays(d(p.toString()), n)).toBe(p.add({ days: n }).toString());
      }),
      RUNS,
    );
  });

  it("isoWeekOf and isoWeekday agree with Temporal's weekOfYear, yearOfWeek and dayOfWeek", () => {
    fc.assert(
      fc.property(journalishDate, (p) => {
        fc.pre(p.year >= 2 && p.year <= 9998);
        const date = d(p.toString());
        const week = `${String(p.yearOfWeek).padStart(4, "0")}-W${String(p.weekOfYear).padStart(2, "0")}`;
        expect(isoWeekOf(date)).toBe(week);
        expect(isoWeekday(date)).toBe(p.dayOfWeek);
        expect(readIsoWeek(week).ok).toBe(true);
      }),
      RUNS,
    );
  });

  it("isoWeeksInYear is the week number of 28 December", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (year) => {
        expect(isoWeeksInYear(year)).toBe(Temporal.PlainDate.from({ year, month: 12, day: 28 }).weekOfYear);
      }),
      RUNS,
    );
  });

  it("weekMonday(isoWeekOf(d)) <= d < weekMonday + 7, and it is a Monday", () => {
    fc.assert(
      fc.property(journalishDate, (p) => {
        fc.pre(p.year >= 2 && p.year <= 9998);
        const date = d(p.toString());
        const monday = weekMonday(isoWeekOf(date));
        expect(isoWeekday(monday)).toBe(1);
        expect(compareDates(monday, date)).toBeLessThanOrEqual(0);
        expect(compareDates(date, addDays(monday, 7))).toBe(-1);
        expect(weekDates(isoWeekOf(date))).toContain(date);
        expect(isoWeekOf(monday)).toBe(isoWeekOf(date));
      }),
      RUNS,
    );
  });

  it("addWeeks steps one ISO week at a time", () => {
    fc.assert(
      fc.property(journalishDate, fc.integer({ min: -600, max: 600 }), (p, n) => {
        fc.pre(p.year >= 100 && p.year <= 9900);
        const week = isoWeekOf(d(p.toString()));
        const later = addWeeks(week, n);
        expect(daysBetween(weekMonday(week), weekMonday(later))).toBe(7 * n);
        expect(readIsoWeek(later).ok).toBe(true);
      }),
      RUNS,
    );
  });

  it("weekSpan lists every week from one to another, as addWeeks steps them", () => {
    fc.assert(
      fc.property(journalishDate, fc.integer({ min: -3, max: 160 }), (p, n) => {
        fc.pre(p.year >= 100 && p.year <= 9900);
        const from = isoWeekOf(d(p.toString()));
        const to = addWeeks(from, n);
        const span = weekSpan(from, to);
        expect(span).toEqual(Array.from({ length: Math.max(0, n + 1) }, (_, i) => addWeeks(from, i)));
        // And each is the week Temporal gives the Monday it starts on.
        for (const week of span.slice(0, 3)) {
          const monday = Temporal.PlainDate.from(weekMonday(week));
          expect(week).toBe(`${String(monday.yearOfWeek).padStart(4, "0")}-W${String(monday.weekOfYear).padStart(2, "0")}`);
        }
      }),
      RUNS,
    );
  });

  it("dateInTimeZone agrees with Temporal's zoned date", () => {
    const zones = ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12", "Australia/Lord_Howe", "Europe/Berlin", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham"];
    const from = Date.UTC(1990, 0, 1);
    const to = Date.UTC(2060, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(...zones), (ms, zone) => {
        const expected = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate().toString();
        expect(dateInTimeZone(new Date(ms), zone)).toBe(expected);
      }),
      RUNS,
    );
  });
});
