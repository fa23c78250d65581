/**
 * What the search index holds of each day and week: a record of the text its
 * page shows, chosen by the same functions of src/render/privacy.ts the pages
 * use, never from the journal's raw entries. A day or week whose page shows
 * no text has no record.
 */
import type { PublishMode } from "../../config/schema.js";
import { toDayNumber, type IsoDate } from "../../model/calendar.js";
import type { DaySummary, WeekSummary } from "../../model/site.js";
import { publishedTags } from "../../aggregate/tags.js";
import { published, publishedBodies, publishedNotes, publishedReflection } from "../privacy.js";
import { longDate } from "../pages/words.js";

/** One day or week in the search index. */
export interface SearchRecord {
  /**
   * Stable: made from the date alone (a week's from its Sunday), so a day
   * added or removed shifts no other record's id. Ids sort as the dates do,
   * a week right after its Sunday.
   */
  readonly id: number;
  /** The day's date or the week's ISO week: the name of its page. */
  readonly key: string;
  /** How a result names it: "Tuesday 5 May 2026", "Week 2026-W19". */
  readonly label: string;
  /** The month file (`YYYY-MM`) its text is in: the month of the day, or of the week's Sunday. */
  readonly month: string;
  /** The year filter it counts for: the calendar year of a day, the ISO week-year of a week. */
  readonly year: string;
  readonly wins: readonly string[];
  readonly didWell: readonly string[];
  readonly tags: readonly string[];
  /** The day's notes (the bodies of its files, as plain text), or the week's reflection. */
  readonly notes: readonly string[];
  /** The areas of the day's wins (shown on its page for every win, as the numbers are), or of the week's. */
  readonly areas: readonly string[];
}

/** Which text of a record a term was found in: one bit each, stored with every posting. */
export const FIELDS = { win: 1, tag: 2, didWell: 4, note: 8 } as const;

const FIRST_DAY = toDayNumber("0001-01-01" as IsoDate);

/** The id of a day (`week` false) or of the week ending on that Sunday. */
export function recordId(date: IsoDate, week: boolean): number {
  return (toDayNumber(date) - FIRST_DAY) * 2 + (week ? 1 : 0);
}

/** A day's record: the wins, did-well notes, tags and notes its page shows; null when it shows none. */
export function dayRecord(mode: PublishMode, day: DaySummary): SearchRecord | null {
  const wins = day.wins.flatMap((w) => {
    const text = published(mode, "win", w);
    return text === null || text === "" ? [] : [text];
  });
  const didWell = publishedNotes(mode, day.didWell).filter((t) => t !== "");
  // Named as the day's page shows them; the tag filter goes by key (see search-index.ts).
  const tags = publishedTags(day, mode).map((t) => t.name);
  const notes = publishedBodies(mode, day).flatMap((b) => (b.text === "" ? [] : [b.text]));
  if (wins.length + didWell.length + tags.length + notes.length === 0) return null;
  return {
    id: recordId(day.date, false),
    key: day.date,
    label: longDate(day.date),
    month: day.date.slice(0, 7),
    year: day.date.slice(0, 4),
    wins,
    didWell,
    tags: [...tags],
    notes,
    areas: [...new Set(day.wins.flatMap((w) => (w.area ? [w.area] : [])))].sort(),
  };
}

/** A week's record: its reflection when its page shows one; null otherwise. */
export function weekRecord(mode: PublishMode, week: WeekSummary): SearchRecord | null {
  const reflection = publishedReflection(mode, week);
  if (!reflection || reflection.text === "") return null;
  const sunday = week.dates[6]!;
  return {
    id: recordId(sunday, true),
    key: week.week,
    label: `Week ${week.week}`,
    month: sunday.slice(0, 7),
    year: week.week.slice(0, 4),
    wins: [],
    didWell: [],
    tags: [],
    notes: [reflection.text],
    areas: Object.keys(week.areaWins)
      .filter((a) => (week.areaWins[a] ?? 0) > 0)
      .sort(),
  };
}
