/**
 * Checks that need more than one file to see: the config (unknown habits and
 * areas, with the closest known name), today (entries after it), or the
 * other files (two reflections for one week). A file's own checks are made
 * when it is parsed (src/parse/).
 */
import type { Config } from "../config/schema.js";
import { compareDates, isoWeekOf, type IsoDate, type IsoWeek } from "../model/calendar.js";
import { diagnostic, type Diagnostic } from "../model/diagnostic.js";
import type { DayFile, WeekFile } from "../model/entry.js";
import { closest } from "../model/suggest.js";

/** The habit and area slugs the config knows. */
export interface KnownNames {
  readonly habits: readonly string[];
  readonly areas: readonly string[];
}

/** The names a config knows. */
export function knownNames(config: Config): KnownNames {
  return { habits: Object.keys(config.habits), areas: Object.keys(config.areas) };
}

/** A day file's warnings that need the config or today. */
export function checkDay(f: DayFile, known: KnownNames, today: IsoDate): Diagnostic[] {
  const { habits, areas } = known;
  const diagnostics: Diagnostic[] = [];
  if (compareDates(f.date, today) > 0) {
    diagnostics.push(diagnostic("warning", f.file, { line: 1, column: 1 }, `dated after today (${today}): shown, but counted in no number until the day comes`, "check the date in the file name"));
  }
  for (const w of f.wins) {
    if (w.habit && !habits.includes(w.habit)) {
      const guess = closest(w.habit, habits);
      diagnostics.push(
        diagnostic("warning", f.file, w.at, `habit \`${w.habit}\` is not in the config${guess ? ` — did you mean \`${guess}\`?` : ""}`, guess ? `write 'habit: ${guess}'` : `add it under habits: in smallwins.config.yaml, e.g. '${w.habit}: { label: ..., target: daily }'`),
      );
    }
    if (w.area && areas.length > 0 && !areas.includes(w.area)) {
      const guess = closest(w.area, areas);
      diagnostics.push(
        diagnostic("warning", f.file, w.at, `area \`${w.area}\` is not in the config${guess ? ` — did you mean \`${guess}\`?` : ""}`, guess ? `write 'area: ${guess}'` : `add it under areas: in smallwins.config.yaml`),
      );
    }
  }
  return diagnostics;
}

/** The warnings of some day files that need the config or today. */
export function checkDays(files: readonly DayFile[], known: KnownNames, today: IsoDate): Diagnostic[] {
  return files.flatMap((f) => checkDay(f, known, today));
}

/** Reflection checks that need the config or today. */
export function checkReflections(weeks: readonly WeekFile[], config: Config, today: IsoDate, diagnostics: Diagnostic[]): void {
  const areas = Object.keys(config.areas);
  const thisWeek = isoWeekOf(today);
  for (const r of weeks) {
    if (r.week > thisWeek) {
      diagnostics.push(diagnostic("warning", r.file, { line: 1, column: 1 }, `a reflection for ${r.week}, after this week (${thisWeek}): shown in no week until it comes`, "check the week in the file name"));
    }
    if (r.focus && areas.length > 0 && !areas.includes(r.focus)) {
      const guess = closest(r.focus, areas);
      diagnostics.push(diagnostic("warning", r.file, r.focusAt ?? { line: 1, column: 1 }, `focus \`${r.focus}\` is not an area in the config${guess ? ` — did you mean \`${guess}\`?` : ""}`, guess ? `write 'focus: ${guess}'` : "use an area slug from smallwins.config.yaml"));
    }
  }
}

/** One reflection per week: a second file for the same week is an error, the first (by path) wins. */
export function pickReflections(files: readonly WeekFile[], diagnostics: Diagnostic[]): Map<IsoWeek, WeekFile> {
  const out = new Map<IsoWeek, WeekFile>();
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const first = out.get(f.week);
    if (first) {
      diagnostics.push(diagnostic("error", f.file, { line: 1, column: 1 }, `a second reflection for ${f.week}; ${first.file} is the first`, "merge the two files into one"));
    } else {
      out.set(f.week, f);
    }
  }
  return out;
}
