/**
 * Areas (§3): wins per area over time, the highest level reached, and
 * level-ups — the first win in an area at a level above every earlier one
 * there. An area's figures are tallied over runs of days (`countAreaWin`) and
 * the runs' tallies merged in date order (`summarizeAreas`), so that a run
 * whose days did not change keeps its tally.
 */
import type { Config } from "../config/schema.js";
import { isoWeekOf, weekSpan, type IsoDate, type IsoWeek } from "../model/calendar.js";
import type { Win } from "../model/entry.js";
import type { AreaSummary, DaySummary, DayWin, LevelUp } from "../model/site.js";

/**
 * The level-up a win makes, if any, given the highest level reached in each
 * area before it. Before any win an area counts as level 1: every win starts tiny.
 */
export function levelUpOf(date: IsoDate, area: string, win: Win, isPrivate: boolean, highest: ReadonlyMap<string, number>): LevelUp | undefined {
  const before = highest.get(area) ?? 1;
  return win.level > before ? { date, area, level: win.level, previousLevel: before, win: { text: win.text, private: isPrivate } } : undefined;
}

/** What one area's wins in some run of days add up to. */
export interface AreaTally {
  wins: number;
  winDays: number;
  first: IsoDate | undefined;
  last: IsoDate | undefined;
  highestLevel: number;
  readonly byLevel: number[];
  readonly perWeek: Map<IsoWeek, { wins: number; highestLevel: number }>;
  /** The last ten wins and their days, oldest first. */
  readonly recentWins: DayWin[];
  readonly recentDates: IsoDate[];
}

const emptyAreaTally = (): AreaTally => ({ wins: 0, winDays: 0, first: undefined, last: undefined, highestLevel: 0, byLevel: [0, 0, 0, 0, 0], perWeek: new Map(), recentWins: [], recentDates: [] });

/** Adds one win of a day (days in date order) to the tally of its area. */
export function countAreaWin(tallies: Map<string, AreaTally>, area: string, w: DayWin, d: DaySummary): void {
  let t = tallies.get(area);
  if (!t) tallies.set(area, (t = emptyAreaTally()));
  t.wins++;
  if (t.last !== d.date) {
    t.winDays++;
    t.last = d.date;
  }
  t.first ??= d.date;
  t.highestLevel = Math.max(t.highestLevel, w.level);
  t.byLevel[w.level - 1]!++;
  addWeek(t.perWeek, d.week, 1, w.level);
  pushRecent(t, [w], [d.date]);
}

function addWeek(perWeek: Map<IsoWeek, { wins: number; highestLevel: number }>, week: IsoWeek, wins: number, level: number): void {
  const known = perWeek.get(week);
  if (known) {
    known.wins += wins;
    known.highestLevel = Math.max(known.highestLevel, level);
  } else perWeek.set(week, { wins, highestLevel: level });
}

/** Adds wins (oldest first) to a tally's last ten. */
function pushRecent(t: AreaTally, wins: readonly DayWin[], dates: readonly IsoDate[]): void {
  for (let i = Math.max(0, wins.length - 10); i < wins.length; i++) {
    if (t.recentWins.length === 10) {
      t.recentWins.shift();
      t.recentDates.shift();
    }
    t.recentWins.push(wins[i]!);
    t.recentDates.push(dates[i]!);
  }
}

/**
 * Every area's summary, configured areas included when unused, from the
 * tallies of consecutive runs of days (in date order) and every level-up.
 */
export function summarizeAreas(runs: readonly ReadonlyMap<string, AreaTally>[], levelUps: readonly LevelUp[], config: Config, today: IsoDate): AreaSummary[] {
  const tallies = new Map<string, AreaTally>();
  for (const slug of Object.keys(config.areas)) tallies.set(slug, emptyAreaTally());
  // The runs' tallies, merged in date order: an area's days in two runs are different days.
  for (const run of runs) {
    for (const [slug, part] of run) {
      let t = tallies.get(slug);
      if (!t) tallies.set(slug, (t = emptyAreaTally()));
      t.wins += part.wins;
      t.winDays += part.winDays;
      t.first ??= part.first;
      t.last = part.last;
      t.highestLevel = Math.max(t.highestLevel, part.highestLevel);
      part.byLevel.forEach((n, i) => (t.byLevel[i]! += n));
      // A week across two runs is in both runs' tallies.
      for (const [week, w] of part.perWeek) addWeek(t.perWeek, week, w.wins, w.highestLevel);
      pushRecent(t, part.recentWins, part.recentDates);
    }
  }
  const levelUpsOf = groupBy(levelUps, (l) => l.area);
  const thisWeek = isoWeekOf(today);
  return [...tallies.keys()].sort().map((slug) => {
    const t = tallies.get(slug)!;
    const area = config.areas[slug];
    return {
      slug,
      label: area?.label ?? slug,
      ...(area?.color ? { color: area.color } : {}),
      configured: area !== undefined,
      wins: t.wins,
      winDays: t.winDays,
      ...(t.first ? { first: t.first } : {}),
      ...(t.last ? { last: t.last } : {}),
      highestLevel: t.highestLevel,
      byLevel: t.byLevel,
      levelUps: levelUpsOf.get(slug) ?? [],
      weekly: t.first ? weekSpan(isoWeekOf(t.first), thisWeek).map((week) => ({ week, wins: t.perWeek.get(week)?.wins ?? 0, highestLevel: t.perWeek.get(week)?.highestLevel ?? 0 })) : [],
      recent: t.recentWins.map((w, i) => ({ ...w, date: t.recentDates[i]! })).reverse(),
    };
  });
}

/** Items grouped by a key, in their order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
