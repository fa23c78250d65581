import { readIsoDate, readIsoWeek, type IsoDate, type IsoWeek } from "../model/calendar.js";

/** What a journal path is, decided from its name alone. */
export type PathKind =
  | { kind: "day"; date: IsoDate }
  | { kind: "week"; week: IsoWeek }
  | { kind: "ignored" }
  | { kind: "invalid"; message: string; hint: string }
  | { kind: "unknown"; hint: string };

const DAY_NAME = /^(\d{4}-\d{2}-\d{2})(?:-.+)?\.md$/i;
const WEEK_NAME = /^(\d{4}-W\d{2})\.md$/i;
const LOOSE_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)(.*?)(\.md)?$/i;
const LOOSE_WEEK = /^(\d{4})-[Ww](\d)\.md$/i;

/** True for files smallwins reads at all: Markdown files. */
export function isMarkdownPath(relPath: string): boolean {
  return /\.md$/i.test(relPath);
}

/**
 * Classifies a path relative to the journal folder (with `/` separators):
 * a daily entry, a weekly reflection, ignored (`_` or `.` anywhere), or unknown.
 */
export function classifyPath(relPath: string): PathKind {
  const segments = relPath.split("/");
  if (segments.some((s) => s.startsWith("_") || s.startsWith("."))) return { kind: "ignored" };
  const name = segments[segments.length - 1] ?? "";
  const day = DAY_NAME.exec(name);
  if (day?.[1] !== undefined) {
    const reading = readIsoDate(day[1]);
    if (reading.ok) return { kind: "day", date: reading.date };
    return { kind: "invalid", message: reading.message, hint: "rename the file to a day that exists" };
  }
  const week = WEEK_NAME.exec(name);
  if (week?.[1] !== undefined) {
    const reading = readIsoWeek(week[1].toUpperCase());
    if (reading.ok) return { kind: "week", week: reading.week };
    return { kind: "invalid", message: reading.message, hint: "rename the file to an ISO week that exists, e.g. 2026-W47.md" };
  }
  const loose = LOOSE_DAY.exec(name);
  if (loose) {
    const [, year, month = "", day = "", rest = ""] = loose;
    const padded = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
    if (month.length < 2 || day.length < 2) {
      const slug = rest.startsWith("-") ? rest : "";
      return { kind: "unknown", hint: `write the date with two-digit month and day, e.g. ${padded}${slug}.md` };
    }
    // The date is fine; what follows it is not "-slug".
    const slug = rest.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "slug";
    return { kind: "unknown", hint: `after the date, only '-' and a slug may follow, e.g. ${padded}-${slug}.md` };
  }
  const looseWeek = LOOSE_WEEK.exec(name);
  if (looseWeek) {
    return { kind: "unknown", hint: `write the week with two digits, e.g. ${looseWeek[1]}-W${looseWeek[2]?.padStart(2, "0")}.md` };
  }
  return {
    kind: "unknown",
    hint: "name daily entries YYYY-MM-DD.md (or YYYY-MM-DD-slug.md) and weekly reflections YYYY-Www.md; start the name with _ to keep a file out of the journal",
  };
}
